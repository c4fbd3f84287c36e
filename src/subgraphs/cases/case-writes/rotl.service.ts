import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import { DataScope } from '../../../shared/policy/data-scope';
import type { Relationship } from '../../../shared/policy/relationships';
import { CustodyStatus, LegalStatus } from '../case.enums';
import { CustodyEpisodeEntity } from '../custody-episode.entity';
import { notBefore, optionalText, requireText } from './case-write.checks';
import { InvalidTransitionError } from '../../../shared/errors/write.errors';
import { authoriseWrite, childOfRecord } from './case-write.guard';
import { actorIds, recordCaseWrite } from './case-write.recorder';
import { RotlDecision, RotlOutcome, RotlStatus } from './case-writes.enums';
import { toRotlRequest } from './case-writes.mapper';
import { RotlRequestEntity } from './rotl-request.entity';
import type { RecordRotlDecisionInput, RecordRotlOutcomeInput, RequestRotlInput } from './rotl.input';
import type { RotlRequest } from './rotl.type';
import { assertVersion, updateVersioned } from './versioned-update';

const ROTL = 'ROTL request';
const EPISODE = 'Custody episode';

/** Release on temporary licence: asked for by the YJS or establishment, decided and closed by the establishment. */
export class RotlService {
  async request(ctx: RequestContext, input: RequestRotlInput): Promise<RotlRequest> {
    const details = requireText('details', input.details);
    if (input.requestedFrom < ctx.access.clock.today) throw new ValidationError('requestedFrom', 'cannot be in the past');
    notBefore('requestedUntil', input.requestedUntil, input.requestedFrom, 'requestedFrom');
    const resource = 'mutation:requestRotl';
    const db = await ctx.tx.manager();
    const childId = await childOfRecord(ctx, db, 'custody_episode', input.custodyEpisodeId, EPISODE, resource);
    const { relationship } = await authoriseWrite(ctx, childId, {
      action: ['create', 'update'], subject: 'CustodyEpisode', scope: DataScope.CUSTODY, resource, fact: 'rotlRequest', notFound: EPISODE,
    });
    return ctx.tx.atomically(async (tx) => {
      const episode = await tx.getRepository(CustodyEpisodeEntity).findOneByOrFail({ id: input.custodyEpisodeId });
      if (episode.status !== CustodyStatus.IN_CUSTODY) {
        throw new InvalidTransitionError('The child has been released; ROTL is for children in custody', { from: episode.status });
      }
      if (episode.legalStatus !== LegalStatus.SENTENCED) throw new ValidationError('custodyEpisodeId', 'ROTL is only for sentenced children');
      notBefore('requestedFrom', input.requestedFrom, episode.entryDate, 'the entry date');
      if (episode.releaseDate && input.requestedUntil > episode.releaseDate) {
        throw new ValidationError('requestedUntil', `must be on or before the planned release date (${episode.releaseDate})`);
      }
      const actor = actorIds(ctx);
      const now = new Date(ctx.access.clock.now);
      const row = tx.getRepository(RotlRequestEntity).create({
        id: randomUUID(), childId, custodyEpisodeId: episode.id, purpose: input.purpose, requestedFrom: input.requestedFrom,
        requestedUntil: input.requestedUntil, details, requestedByAgencyId: ctx.principal.agency.id, requestedByUserId: actor.userId,
        requestedByClientId: actor.clientId, status: RotlStatus.REQUESTED, decision: null, decidedOn: null, decidedByAgencyId: null,
        decisionReason: null, outcome: null, outcomeRecordedOn: null, outcomeNote: null, createdAt: now, updatedAt: now, version: 1,
      });
      await tx.getRepository(RotlRequestEntity).insert(row);
      await this.record(ctx, tx, row, 'ROTL_REQUESTED', resource, relationship, { purpose: input.purpose });
      return toRotlRequest(row);
    });
  }

  async decide(ctx: RequestContext, input: RecordRotlDecisionInput): Promise<RotlRequest> {
    const reason = requireText('reason', input.reason);
    const resource = 'mutation:recordRotlDecision';
    return this.change(ctx, input.rotlRequestId, input.expectedVersion, resource, 'rotlDecision', async (tx, rotl, relationship) => {
      if (rotl.status !== RotlStatus.REQUESTED) {
        throw new InvalidTransitionError(`This ROTL request is ${rotl.status} and has been decided already`, { from: rotl.status, to: input.decision });
      }
      if (input.decision === RotlDecision.APPROVED && rotl.requestedFrom < ctx.access.clock.today) {
        throw new ValidationError('decision', 'cannot approve leave whose start date has passed; ask for new dates');
      }
      await updateVersioned(tx, 'rotl_request', rotl.id, input.expectedVersion, {
        status: input.decision, decision: input.decision, decided_on: ctx.access.clock.today,
        decided_by_agency_id: ctx.principal.agency.id, decision_reason: reason,
      }, ctx.access.clock.now, ROTL);
      await this.record(ctx, tx, rotl, 'ROTL_DECIDED', resource, relationship, { decision: input.decision });
    });
  }

  async recordOutcome(ctx: RequestContext, input: RecordRotlOutcomeInput): Promise<RotlRequest> {
    const note = optionalText(input.note);
    if ((input.outcome === RotlOutcome.RETURNED_LATE || input.outcome === RotlOutcome.FAILED_TO_RETURN) && !note) {
      throw new ValidationError('note', `is required when the outcome is ${input.outcome}`);
    }
    const resource = 'mutation:recordRotlOutcome';
    return this.change(ctx, input.rotlRequestId, input.expectedVersion, resource, 'rotlOutcome', async (tx, rotl, relationship) => {
      if (rotl.status !== RotlStatus.APPROVED) {
        throw new InvalidTransitionError(`This ROTL request is ${rotl.status}; only approved leave has an outcome`, {
          from: rotl.status, to: RotlStatus.CLOSED,
        });
      }
      if (input.outcome !== RotlOutcome.NOT_TAKEN && rotl.requestedFrom > ctx.access.clock.today) {
        throw new ValidationError('outcome', 'the leave has not started yet; only NOT_TAKEN can be recorded now');
      }
      await updateVersioned(tx, 'rotl_request', rotl.id, input.expectedVersion, {
        status: RotlStatus.CLOSED, outcome: input.outcome, outcome_recorded_on: ctx.access.clock.today, outcome_note: note,
      }, ctx.access.clock.now, ROTL);
      await this.record(ctx, tx, rotl, 'ROTL_OUTCOME_RECORDED', resource, relationship, { outcome: input.outcome });
    });
  }

  private async change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    resource: string,
    fact: 'rotlDecision' | 'rotlOutcome',
    apply: (tx: EntityManager, rotl: RotlRequestEntity, relationship: Relationship | undefined) => Promise<void>,
  ): Promise<RotlRequest> {
    const db = await ctx.tx.manager();
    const childId = await childOfRecord(ctx, db, 'rotl_request', id, ROTL, resource);
    const { relationship } = await authoriseWrite(ctx, childId, {
      action: 'update', subject: 'CustodyEpisode', scope: DataScope.CUSTODY, resource, fact, notFound: ROTL,
    });
    return ctx.tx.atomically(async (tx) => {
      const repository = tx.getRepository(RotlRequestEntity);
      const rotl = await repository.findOneByOrFail({ id });
      assertVersion(ROTL, rotl.version, expectedVersion);
      await apply(tx, rotl, relationship);
      return toRotlRequest(await repository.findOneByOrFail({ id }));
    });
  }

  private record(
    ctx: RequestContext, tx: EntityManager, rotl: RotlRequestEntity, kind: string, resource: string,
    relationship: Relationship | undefined, payload: Record<string, string>,
  ): Promise<void> {
    return recordCaseWrite(ctx, tx, {
      childId: rotl.childId, scope: DataScope.CUSTODY, kind, subjectType: 'rotl_request', subjectId: rotl.id, resource, relationship,
      payload: { custodyEpisodeId: rotl.custodyEpisodeId, ...payload },
    });
  }
}
