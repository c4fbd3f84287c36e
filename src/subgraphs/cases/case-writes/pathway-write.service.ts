import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../shared/auth/request-context';
import { PATHWAY_SCOPE } from '../../../shared/policy/data-scope';
import { ForbiddenError } from '../../../shared/policy/policy.errors';
import { agencyRef } from '../agency-reference.type';
import { recomputeDeadlines } from '../deadlines/deadline-recompute';
import { releaseArrangementsOf, type PathwayUpdateRecord } from '../pathway-state.type';
import { requireText } from './case-write.checks';
import { ConflictError } from '../../../shared/errors/write.errors';
import { authoriseWrite } from './case-write.guard';
import { actorIds, recordCaseWrite } from './case-write.recorder';
import { pathwayDetails } from './pathway-details';
import type { RecordPathwayUpdateInput } from './pathway-write.input';

/** Namespace of the two-key advisory locks that serialise appends to one child's pathway. */
const LOCK_PATHWAY_APPEND = 7_310_105;

/** Appends pathway updates. The latest update is the pathway's state; nothing is ever rewritten. */
export class PathwayWriteService {
  async record(ctx: RequestContext, input: RecordPathwayUpdateInput): Promise<PathwayUpdateRecord> {
    const summary = requireText('summary', input.summary);
    const arrangements = { dayOneArranged: input.dayOneArranged, gpRegistered: input.gpRegistered };
    const details = pathwayDetails(ctx, input.pathway, input.details ?? [], arrangements);
    const detailKeys = Object.keys(details).sort().join(',');
    const scope = PATHWAY_SCOPE[input.pathway];
    const resource = 'mutation:recordPathwayUpdate';
    const { relationship } = await authoriseWrite(ctx, input.childId, {
      action: 'create', subject: 'PathwayUpdate', scope, resource, fact: `pathway:${input.pathway}`,
    });
    // Whoever writes a kind of information must be allowed to hold it (an ETE worker writes no health).
    if (!ctx.access.grants.scopes.has(scope)) {
      ctx.audit.denied([input.childId], 'NOT_PERMITTED', resource, [scope], 'ALTER');
      throw new ForbiddenError(`Your role does not hold ${scope} information, so it may not record it`);
    }
    return ctx.tx.atomically(async (tx) => {
      // Appends to one pathway take turns until commit, so "latest" is well defined and none is lost.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_PATHWAY_APPEND, `${input.childId}:${input.pathway}`]);
      const [latest]: { id: string; recorded_at: Date }[] = await tx.query(
        `SELECT id, recorded_at FROM pathway_update WHERE child_id = $1 AND pathway = $2 ORDER BY recorded_at DESC, id DESC LIMIT 1`,
        [input.childId, input.pathway],
      );
      if (input.expectedLatestId && input.expectedLatestId.toLowerCase() !== latest?.id) {
        throw new ConflictError('This pathway', latest?.id ?? null);
      }
      const id = randomUUID();
      const actor = actorIds(ctx);
      const [row]: { recorded_at: Date }[] = await tx.query(
        `INSERT INTO pathway_update (id, child_id, pathway, status, summary, details, responsible_agency_id, recorded_by_user_id,
           recorded_by_client_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
           GREATEST($10::timestamptz, CAST($11 AS timestamptz) + interval '1 millisecond'))
         RETURNING recorded_at`,
        [id, input.childId, input.pathway, input.status, summary, JSON.stringify(details), ctx.principal.agency.id, actor.userId,
          actor.clientId, ctx.access.clock.now, latest?.recorded_at ?? null],
      );
      await recordCaseWrite(ctx, tx, {
        childId: input.childId, scope, kind: 'PATHWAY_UPDATED', subjectType: 'pathway_update', subjectId: id, resource, relationship,
        payload: { pathway: input.pathway, status: input.status, ...(detailKeys ? { details: detailKeys } : {}) },
      });
      // A pathway update can meet a deadline (e.g. accommodation confirmed before release).
      await recomputeDeadlines(tx, input.childId, ctx.access.clock.today, ctx.principal.consortium.settings);
      return {
        id, status: input.status, summary, responsibleAgency: agencyRef(ctx.principal.agency.id), recordedAt: row.recorded_at,
        ...releaseArrangementsOf(details),
      };
    });
  }
}
