import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../shared/auth/request-context';
import { PATHWAY_SCOPE } from '../../../shared/policy/data-scope';
import { ForbiddenError } from '../../../shared/policy/policy.errors';
import { agencyRef } from '../agency-reference.type';
import { evidenceArguments, deadlineInputsOf, type RawInputs } from '../deadlines/deadline-inputs';
import { recomputeWithRules } from '../deadlines/deadline-recompute';
import { effectiveDeadlineRules } from '../deadlines/deadline-rules.loader';
import { releaseArrangementsOf, type PathwayUpdateRecord } from '../pathway-state.type';
import { requireText } from './case-write.checks';
import { ConflictError } from '../../../shared/errors/write.errors';
import { authoriseWrite } from './case-write.guard';
import { actorIds, auditCaseWrite, timelineEventOf, type CaseWrite } from './case-write.recorder';
import { pathwayDetails } from './pathway-details';
import type { RecordPathwayUpdateInput } from './pathway-write.input';

/** What `pathway_append` answers: a conflict with the latest update, or the new one's time and the deadline inputs. */
type AppendResult =
  | { conflict: true; latestId: string | null }
  | { conflict: false; recordedAt: string; deadlineInputs: RawInputs };

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
    const id = randomUUID();
    const actor = actorIds(ctx);
    const write: CaseWrite = {
      childId: input.childId, scope, kind: 'PATHWAY_UPDATED', subjectType: 'pathway_update', subjectId: id, resource, relationship,
      payload: { pathway: input.pathway, status: input.status, ...(detailKeys ? { details: detailKeys } : {}) },
    };
    const rules = effectiveDeadlineRules(ctx.principal.consortium.settings);
    const evidence = evidenceArguments(rules);
    return ctx.tx.atomically(async (tx) => {
      // One statement (migrations/1764140012000-write-functions.ts): appends to one pathway take turns
      // until commit, so "latest" is well defined and none is lost; the update's timeline event; then
      // the child's deadline lock and what the recompute reads, as a pathway update can meet a
      // deadline (e.g. accommodation confirmed before release).
      const [{ appended }]: { appended: AppendResult }[] = await tx.query(
        'SELECT pathway_append($1, $2, $3, $4, $5, $6) AS appended',
        [
          {
            id, child_id: input.childId, pathway: input.pathway, status: input.status, summary, details,
            responsible_agency_id: ctx.principal.agency.id, recorded_by_user_id: actor.userId, recorded_by_client_id: actor.clientId,
            recorded_at: ctx.access.clock.now,
          },
          input.expectedLatestId ?? null, timelineEventOf(ctx, write), ...evidence,
        ],
      );
      if (appended.conflict) throw new ConflictError('This pathway', appended.latestId);
      auditCaseWrite(ctx, write);
      await recomputeWithRules(tx, input.childId, ctx.access.clock.today, rules, deadlineInputsOf(appended.deadlineInputs, evidence));
      return {
        id, status: input.status, summary, responsibleAgency: agencyRef(ctx.principal.agency.id), recordedAt: new Date(appended.recordedAt),
        ...releaseArrangementsOf(details),
      };
    });
  }
}
