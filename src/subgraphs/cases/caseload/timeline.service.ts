import type { RequestContext } from '../../../shared/auth/request-context';
import { checkPageSize, decodeCursor, encodeCursor } from '../../../shared/graphql/cursor';
import type { DataScope } from '../../../shared/policy/data-scope';
import { CHILD_ACCESS } from '../../../shared/policy/scoped-field';
import { agencyRef } from '../agency-reference.type';
import type { ChildView } from '../child.service';
import { timelineLabel } from './timeline-labels';
import type { TimelineConnection } from './timeline.type';

interface EventRow {
  id: string;
  occurred_at: Date;
  occurred_key: string;
  kind: string;
  scope: DataScope;
  agency_id: string;
  subject_type: string | null;
  subject_id: string | null;
}

/**
 * A child's timeline merged from every agency, filtered in SQL to the scopes shared with the
 * caller; each scope that appears is audited as consulted.
 */
export class TimelineService {
  async timeline(ctx: RequestContext, child: ChildView, first: number, after?: string): Promise<TimelineConnection> {
    checkPageSize(first, 200);
    const access = child[CHILD_ACCESS];
    const allowed = [...access.scopes.values()].filter((d) => d.allowed).map((d) => d.scope);
    const db = await ctx.tx.manager();
    const params: unknown[] = [child.id, allowed, first + 1];
    let keyset = '';
    if (after) {
      const [at, id] = decodeCursor(after, ['string', 'string']);
      params.push(at, id);
      keyset = 'AND (occurred_at, id) < ($4::timestamptz, $5::uuid)';
    }
    const rows: EventRow[] = await db.query(
      `SELECT id, occurred_at, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_key,
              kind, scope, agency_id, subject_type, subject_id
         FROM timeline_event WHERE child_id = $1 AND scope = ANY($2::text[]) ${keyset}
        ORDER BY occurred_at DESC, id DESC LIMIT $3`,
      params,
    );
    const [{ withheld }] = await db.query(
      `SELECT count(*)::int AS withheld FROM timeline_event WHERE child_id = $1 AND NOT (scope = ANY($2::text[]))`,
      [child.id, allowed],
    );
    const page = rows.slice(0, first);
    for (const scope of new Set(page.map((r) => r.scope))) ctx.audit.consulted(access, scope, 'Child.timeline');
    const edges = page.map((r) => ({
      cursor: encodeCursor([r.occurred_key, r.id]),
      node: {
        id: r.id, occurredAt: r.occurred_at, kind: r.kind, label: timelineLabel(r.kind), scope: r.scope,
        agency: agencyRef(r.agency_id), subjectType: r.subject_type, subjectId: r.subject_id,
      },
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, withheldCount: withheld };
  }
}
