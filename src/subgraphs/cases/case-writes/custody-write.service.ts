import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import { DataScope } from '../../../shared/policy/data-scope';
import type { Relationship } from '../../../shared/policy/relationships';
import { AgencyType } from '../../sharing/agency.enums';
import { CustodyStatus, ReleaseDateChangeReason } from '../case.enums';
import { toCustodyEpisode } from '../child.mapper';
import { CustodyEpisodeEntity } from '../custody-episode.entity';
import type { CustodyEpisode } from '../custody.type';
import { recomputeDeadlines } from '../deadlines/deadline-recompute';
import { assertAgency, notBefore, notInFuture, requireText } from './case-write.checks';
import { InvalidTransitionError } from '../../../shared/errors/write.errors';
import { authoriseWrite, childOfRecord, type WriteRule } from './case-write.guard';
import { actorIds, occurredOn, recordCaseWrite } from './case-write.recorder';
import { MetAtGateBy } from './case-writes.enums';
import type { ChangeReleaseDateInput, RecordReleaseInput, TransferEstablishmentInput } from './custody-write.input';
import { assertVersion, updateVersioned } from './versioned-update';

const EPISODE = 'Custody episode';

/** Custody facts written by the agency that holds them: release date, transfer, release. */
export class CustodyWriteService {
  async changeReleaseDate(ctx: RequestContext, input: ChangeReleaseDateInput): Promise<CustodyEpisode> {
    const reason = requireText('reason', input.reason);
    const rule = { resource: 'mutation:changeReleaseDate', fact: 'releaseDate' } as const;
    return this.write(ctx, input.custodyEpisodeId, input.expectedVersion, rule, async (tx, episode, relationship) => {
      this.assertOpen(episode, 'have its planned release date changed');
      this.validateReleaseDate(ctx, episode, input);
      await updateVersioned(tx, 'custody_episode', episode.id, input.expectedVersion,
        { release_date: input.releaseDate, release_type: input.releaseType }, ctx.access.clock.now, EPISODE);
      const changeId = randomUUID();
      const actor = actorIds(ctx);
      await tx.query(
        `INSERT INTO release_date_change (id, custody_episode_id, previous_release_date, new_release_date, previous_release_type,
           new_release_type, reason_code, reason, responsible_agency_id, changed_by_user_id, changed_by_client_id, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [changeId, episode.id, episode.releaseDate, input.releaseDate, episode.releaseType, input.releaseType, input.reasonCode,
          reason, ctx.principal.agency.id, actor.userId, actor.clientId, ctx.access.clock.now],
      );
      await recordCaseWrite(ctx, tx, {
        childId: episode.childId, scope: DataScope.CUSTODY, kind: 'RELEASE_DATE_CHANGED', subjectType: 'release_date_change',
        subjectId: changeId, resource: rule.resource, relationship,
        payload: { custodyEpisodeId: episode.id, reasonCode: input.reasonCode, releaseType: input.releaseType },
      });
      return true;
    });
  }

  async transferEstablishment(ctx: RequestContext, input: TransferEstablishmentInput): Promise<CustodyEpisode> {
    const reason = requireText('reason', input.reason);
    notInFuture(ctx, 'transferredOn', input.transferredOn);
    const rule = { resource: 'mutation:transferEstablishment', fact: 'establishmentTransfer' } as const;
    return this.write(ctx, input.custodyEpisodeId, input.expectedVersion, rule, async (tx, episode, relationship) => {
      this.assertOpen(episode, 'be transferred');
      await assertAgency(ctx, tx, 'toEstablishmentId', input.toEstablishmentId, [AgencyType.SECURE_ESTABLISHMENT]);
      if (input.toEstablishmentId === episode.establishmentAgencyId) {
        throw new ValidationError('toEstablishmentId', 'is the establishment holding the child now');
      }
      notBefore('transferredOn', input.transferredOn, episode.entryDate, 'the entry date');
      const [previous]: { on: string | null }[] = await tx.query(
        `SELECT to_char(max(transferred_on), 'YYYY-MM-DD') AS on FROM establishment_transfer WHERE custody_episode_id = $1`,
        [episode.id],
      );
      notBefore('transferredOn', input.transferredOn, previous?.on, 'the previous transfer');
      await updateVersioned(tx, 'custody_episode', episode.id, input.expectedVersion,
        { establishment_agency_id: input.toEstablishmentId }, ctx.access.clock.now, EPISODE);
      const transferId = randomUUID();
      await tx.query(
        `INSERT INTO establishment_transfer (id, custody_episode_id, from_agency_id, to_agency_id, transferred_on, reason, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [transferId, episode.id, episode.establishmentAgencyId, input.toEstablishmentId, input.transferredOn, reason, ctx.access.clock.now],
      );
      await recordCaseWrite(ctx, tx, {
        childId: episode.childId, scope: DataScope.CUSTODY, kind: 'ESTABLISHMENT_TRANSFER', subjectType: 'establishment_transfer',
        subjectId: transferId, resource: rule.resource, relationship, occurredAt: occurredOn(ctx, input.transferredOn),
        payload: { custodyEpisodeId: episode.id, fromAgencyId: episode.establishmentAgencyId, toAgencyId: input.toEstablishmentId },
      });
      return false;
    });
  }

  async recordRelease(ctx: RequestContext, input: RecordReleaseInput): Promise<CustodyEpisode> {
    notInFuture(ctx, 'actualReleaseDate', input.actualReleaseDate);
    if (input.metAtGateBy === MetAtGateBy.NOBODY && input.metAtGateByAgencyId) {
      throw new ValidationError('metAtGateByAgencyId', 'must be empty when nobody met the child');
    }
    const rule = { resource: 'mutation:recordRelease', fact: 'release' } as const;
    return this.write(ctx, input.custodyEpisodeId, input.expectedVersion, rule, async (tx, episode, relationship) => {
      this.assertOpen(episode, 'be released again', CustodyStatus.RELEASED);
      notBefore('actualReleaseDate', input.actualReleaseDate, episode.entryDate, 'the entry date');
      notBefore('actualReleaseDate', input.actualReleaseDate, episode.sentenceDate, 'the sentence date');
      if (input.metAtGateByAgencyId) await assertAgency(ctx, tx, 'metAtGateByAgencyId', input.metAtGateByAgencyId);
      if (input.accommodationRequestId) {
        const [found] = await tx.query('SELECT 1 FROM accommodation_request WHERE id = $1 AND child_id = $2', [
          input.accommodationRequestId, episode.childId,
        ]);
        if (!found) throw new ValidationError('accommodationRequestId', 'is not an accommodation request for this child');
      }
      await updateVersioned(tx, 'custody_episode', episode.id, input.expectedVersion, {
        status: CustodyStatus.RELEASED,
        actual_release_date: input.actualReleaseDate,
        met_at_gate_by: input.metAtGateBy,
        met_at_gate_by_agency_id: input.metAtGateByAgencyId ?? null,
        release_accommodation_request_id: input.accommodationRequestId ?? null,
      }, ctx.access.clock.now, EPISODE);
      await recordCaseWrite(ctx, tx, {
        childId: episode.childId, scope: DataScope.CUSTODY, kind: 'RELEASED', subjectType: 'custody_episode', subjectId: episode.id,
        resource: rule.resource, relationship, occurredAt: occurredOn(ctx, input.actualReleaseDate),
        payload: { metAtGateBy: input.metAtGateBy },
      });
      return true;
    });
  }

  /**
   * The shape of every episode write: find the child, authorise, then in one savepoint check the
   * version, apply `change` (which says whether dates moved), recompute deadlines if they did.
   */
  private async write(
    ctx: RequestContext,
    episodeId: string,
    expectedVersion: number,
    rule: Pick<WriteRule, 'resource' | 'fact'>,
    change: (tx: EntityManager, episode: CustodyEpisodeEntity, relationship: Relationship | undefined) => Promise<boolean>,
  ): Promise<CustodyEpisode> {
    const db = await ctx.tx.manager();
    const childId = await childOfRecord(ctx, db, 'custody_episode', episodeId, EPISODE, rule.resource);
    const { relationship } = await authoriseWrite(ctx, childId, {
      ...rule, action: 'update', subject: 'CustodyEpisode', scope: DataScope.CUSTODY, notFound: EPISODE,
    });
    return ctx.tx.atomically(async (tx) => {
      const repository = tx.getRepository(CustodyEpisodeEntity);
      const episode = await repository.findOneByOrFail({ id: episodeId });
      assertVersion(EPISODE, episode.version, expectedVersion);
      const datesMoved = await change(tx, episode, relationship);
      ctx.access.invalidate(childId);
      if (datesMoved) await recomputeDeadlines(tx, childId, ctx.access.clock.today, ctx.principal.consortium.settings);
      return toCustodyEpisode(await repository.findOneByOrFail({ id: episodeId }), ctx.access.clock.today);
    });
  }

  private assertOpen(episode: CustodyEpisodeEntity, action: string, to?: CustodyStatus): void {
    if (episode.status !== CustodyStatus.IN_CUSTODY) {
      throw new InvalidTransitionError(`The child has been released from this custody episode, so it cannot ${action}`, { from: episode.status, to });
    }
  }

  private validateReleaseDate(ctx: RequestContext, episode: CustodyEpisodeEntity, input: ChangeReleaseDateInput): void {
    notBefore('releaseDate', input.releaseDate, episode.entryDate, 'the entry date');
    notBefore('releaseDate', input.releaseDate, episode.sentenceDate, 'the sentence date');
    if (input.releaseDate < ctx.access.clock.today && input.reasonCode !== ReleaseDateChangeReason.CORRECTION) {
      throw new ValidationError('releaseDate', 'cannot be in the past for a child still in custody, unless reasonCode is CORRECTION');
    }
    if (input.reasonCode === ReleaseDateChangeReason.INITIAL_CALCULATION && episode.releaseDate) {
      throw new ValidationError('reasonCode', 'INITIAL_CALCULATION is only for the first release date');
    }
    if (input.releaseDate === episode.releaseDate && input.releaseType === episode.releaseType) {
      throw new ValidationError('releaseDate', 'is already the planned release date and type');
    }
  }
}
