import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { checkPageSize, encodeCursor } from '../../shared/graphql/cursor';
import { ValidationError } from '../../shared/errors/domain.error';
import type { ChildAccessFacts } from '../../shared/policy/child-access-fields';
import type { PolicySubject } from '../../shared/policy/policy-set';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { ChangedEntityType, type Change, type ChangeOperation, type ChangePage } from './change.type';
import { namedQuery } from '../../shared/db/named-query';
import { CursorExpiredError } from './change-feed.errors';

export const MAX_CHANGES_PAGE = 200;
export const FEED_SCOPE = 'changes:read';
/** The cursor before the first change. */
const START: [number, number] = [0, 0];

const SUBJECTS: Record<ChangedEntityType, PolicySubject> = {
  CHILD: 'Child',
  CUSTODY_EPISODE: 'CustodyEpisode',
  PATHWAY_UPDATE: 'PathwayUpdate',
  MEETING: 'Meeting',
  ACCOMMODATION_REQUEST: 'AccommodationRequest',
};

const QUERY_HINTS: Record<ChangedEntityType, (change: { entityId: string; childId: string }) => string> = {
  CHILD: (c) => `{ child(id: "${c.childId}") { id identity { givenName familyName } } }`,
  CUSTODY_EPISODE: (c) => `{ child(id: "${c.childId}") { caseManagement { custody { id } } } }`,
  PATHWAY_UPDATE: (c) =>
    `{ child(id: "${c.childId}") { accommodation { status updatedAt } ete { status updatedAt } health { status updatedAt } ` +
    `substanceMisuse { status updatedAt } finance { status updatedAt } } }`,
  MEETING: (c) => `{ child(id: "${c.childId}") { meetings { id } } }`,
  ACCOMMODATION_REQUEST: (c) => `{ accommodationRequest(id: "${c.entityId}") { id status } }`,
};

interface ChangeRow {
  txid: string;
  seq: string;
  entity_type: ChangedEntityType;
  entity_id: string;
  child_id: string;
  operation: ChangeOperation;
  changed_at: Date;
}

/**
 * The change feed in commit order. Rows are stamped with their writer's transaction id; only rows
 * of transactions older than the reading snapshot's xmin are returned, since every such
 * transaction has ended, so a writer that commits late can never land behind a cursor already
 * handed out. Order (txid, seq) is stable for every row that can be returned.
 */
export class ChangeFeedService {
  /** Only for the advice in CURSOR_EXPIRED: the purge job (retention.job.ts) enforces it. */
  constructor(private readonly retentionDays?: number) {}

  async changes(ctx: RequestContext, since: string | undefined, first: number): Promise<ChangePage> {
    checkPageSize(first, MAX_CHANGES_PAGE);
    if (ctx.principal.kind !== 'client' || !ctx.principal.scopes.includes(FEED_SCOPE)) {
      throw new ForbiddenError('The change feed is for partner systems holding the changes:read scope');
    }
    const [afterTxid, afterSeq] = since ? decodeChangeCursor(since) : START;
    const db = await ctx.tx.manager();
    if (since) await this.refuseExpired(db, afterTxid, afterSeq);
    const visible = this.visibilityCondition(ctx);
    if (!visible) return { changes: [], endCursor: encodeCursor([afterTxid, afterSeq]), hasMore: false };
    // Each child's access facts come with its first change on the page (for the audit's decisions).
    const rows = await namedQuery<ChangeRow & { facts: ChildAccessFacts | null }>(
      db,
      `WITH page AS (
         SELECT ch.txid, ch.seq, ch.entity_type, ch.entity_id, ch.child_id, ch.operation, ch.changed_at
           FROM entity_change ch JOIN child c ON c.id = ch.child_id
          WHERE ch.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            AND (ch.txid, ch.seq) > (CAST(:afterTxid AS bigint), CAST(:afterSeq AS bigint))
            AND (${visible.sql})
          ORDER BY ch.txid, ch.seq
          LIMIT :pageLimit)
       SELECT p.txid::text, p.seq::text, p.entity_type, p.entity_id, p.child_id, p.operation, p.changed_at,
              CASE WHEN row_number() OVER (PARTITION BY p.child_id ORDER BY p.txid, p.seq) = 1
                   THEN (SELECT ${ctx.access.factsColumn()} FROM child c WHERE c.id = p.child_id) END AS facts
         FROM page p
        ORDER BY p.txid, p.seq`,
      { ...visible.params, afterTxid, afterSeq, pageLimit: first + 1 },
    );
    ctx.access.rememberFacts(rows.map((r) => r.facts));
    const page = rows.slice(0, first);
    await this.audit(ctx, db, page);
    const changes: Change[] = page.map((row) => ({
      cursor: encodeCursor([Number(row.txid), Number(row.seq)]),
      entityType: row.entity_type,
      entityId: row.entity_id,
      childId: row.child_id,
      operation: row.operation,
      changedAt: row.changed_at,
      query: QUERY_HINTS[row.entity_type]({ entityId: row.entity_id, childId: row.child_id }),
    }));
    return { changes, endCursor: changes.at(-1)?.cursor ?? encodeCursor([afterTxid, afterSeq]), hasMore: rows.length > first };
  }

  /** A cursor from before the oldest purge would silently skip the purged changes. */
  private async refuseExpired(db: EntityManager, afterTxid: number, afterSeq: number): Promise<void> {
    const [horizon]: { txid: string; seq: string }[] = await db.query(
      `SELECT purged_through_txid::text AS txid, purged_through_seq::text AS seq FROM entity_change_horizon`,
    );
    if (!horizon) return;
    const [txid, seq] = [Number(horizon.txid), Number(horizon.seq)];
    if (afterTxid < txid || (afterTxid === txid && afterSeq < seq)) throw new CursorExpiredError(this.retentionDays);
  }

  /** One policy condition per kind of record the caller may read at all; null if none. */
  private visibilityCondition(ctx: RequestContext): { sql: string; params: Record<string, unknown> } | null {
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    for (const [type, subject] of Object.entries(SUBJECTS) as [ChangedEntityType, PolicySubject][]) {
      if (!ctx.access.canAtAll('read', subject)) continue;
      const condition = ctx.access.childCondition('read', subject, `feed_${type.toLowerCase()}`);
      parts.push(`(ch.entity_type = '${type}' AND (${condition.sql}))`);
      Object.assign(params, condition.params);
    }
    return parts.length ? { sql: parts.join(' OR '), params } : null;
  }

  /** The children named on the page were listed to the caller. */
  private async audit(ctx: RequestContext, db: EntityManager, rows: ChangeRow[]): Promise<void> {
    const childIds = [...new Set(rows.map((r) => r.child_id))];
    const decisions = await ctx.access.decide(db, childIds);
    for (const id of childIds) {
      const decision = decisions.get(id);
      if (decision?.visible) ctx.audit.listed(decision, 'changes');
    }
  }
}

function decodeChangeCursor(cursor: string): [number, number] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((v) => Number.isSafeInteger(v) && (v as number) >= 0)) return key as [number, number];
  } catch {
    // any malformed cursor is the same validation error
  }
  throw new ValidationError('since', 'is not a cursor this feed gave out');
}
