import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import { DataScope } from '../../../shared/policy/data-scope';
import { MeetingKind, MeetingStatus } from '../case.enums';
import { CustodyEpisodeEntity } from '../custody-episode.entity';
import { recomputeDeadlines } from '../deadlines/deadline-recompute';
import { MeetingEntity, type MeetingAttendee } from '../meeting.entity';
import { assertAgency, notBefore, optionalText, requireText } from './case-write.checks';
import { InvalidTransitionError } from '../../../shared/errors/write.errors';
import { authoriseWrite, childOfRecord } from './case-write.guard';
import { recordCaseWrite } from './case-write.recorder';
import { toMeeting } from './case-writes.mapper';
import { MeetingActionStatus } from './case-writes.enums';
import { MeetingActionEntity } from './meeting-action.entity';
import type { MeetingAttendeeInput, RecordMeetingOutcomeInput, ScheduleMeetingInput } from './meeting-write.input';
import type { Meeting } from './meeting.type';
import { assertVersion, updateVersioned } from './versioned-update';

const MEETING = 'Meeting';
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_AHEAD_MS = 2 * 366 * 86_400_000;
/** Meetings that only make sense around a custody episode. */
const CUSTODY_KINDS = new Set([MeetingKind.INITIAL_PLANNING, MeetingKind.CUSTODY_VISIT, MeetingKind.PRE_RELEASE, MeetingKind.POST_RELEASE_REVIEW]);

/** Meetings about the child: scheduled, then held with attendees, decisions and owned actions. */
export class MeetingWriteService {
  async schedule(ctx: RequestContext, input: ScheduleMeetingInput): Promise<Meeting> {
    const now = Date.parse(ctx.access.clock.now);
    if (input.scheduledFor.getTime() > now + MAX_AHEAD_MS) throw new ValidationError('scheduledFor', 'is more than two years ahead');
    const resource = 'mutation:scheduleMeeting';
    const { relationship } = await authoriseWrite(ctx, input.childId, { action: 'create', subject: 'Meeting', scope: DataScope.CUSTODY, resource });
    return ctx.tx.atomically(async (tx) => {
      const episode = await this.episodeOf(tx, input.childId);
      this.validateTiming(input.kind, 'scheduledFor', input.scheduledFor, episode);
      const attendees = await this.attendees(ctx, tx, input.attendees ?? []);
      const id = randomUUID();
      await tx.query(
        `INSERT INTO meeting (id, child_id, custody_episode_id, kind, status, scheduled_for, location, organised_by_agency_id, attendees,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
        [id, input.childId, episode?.id ?? null, input.kind, MeetingStatus.PLANNED, input.scheduledFor.toISOString(),
          optionalText(input.location), ctx.principal.agency.id, JSON.stringify(attendees), ctx.access.clock.now],
      );
      await recordCaseWrite(ctx, tx, {
        childId: input.childId, scope: DataScope.CUSTODY, kind: 'MEETING_SCHEDULED', subjectType: 'meeting', subjectId: id,
        resource, relationship, payload: { meetingKind: input.kind },
      });
      return toMeeting(await tx.getRepository(MeetingEntity).findOneByOrFail({ id }), []);
    });
  }

  async recordOutcome(ctx: RequestContext, input: RecordMeetingOutcomeInput): Promise<Meeting> {
    if (input.heldAt.getTime() > Date.parse(ctx.access.clock.now) + CLOCK_SKEW_MS) throw new ValidationError('heldAt', 'cannot be in the future');
    const decisions = requireText('decisions', input.decisions);
    const resource = 'mutation:recordMeetingOutcome';
    const db = await ctx.tx.manager();
    const childId = await childOfRecord(ctx, db, 'meeting', input.meetingId, MEETING, resource);
    const { relationship } = await authoriseWrite(ctx, childId, {
      action: 'update', subject: 'Meeting', scope: DataScope.CUSTODY, resource, notFound: MEETING,
    });
    return ctx.tx.atomically(async (tx) => {
      const meeting = await tx.getRepository(MeetingEntity).findOneByOrFail({ id: input.meetingId });
      assertVersion(MEETING, meeting.version, input.expectedVersion);
      if (meeting.status !== MeetingStatus.PLANNED) {
        throw new InvalidTransitionError(`This meeting is ${meeting.status}; only a PLANNED meeting can be recorded as held`, {
          from: meeting.status, to: MeetingStatus.HELD,
        });
      }
      const episode = meeting.custodyEpisodeId ? await tx.getRepository(CustodyEpisodeEntity).findOneBy({ id: meeting.custodyEpisodeId }) : null;
      this.validateTiming(meeting.kind, 'heldAt', input.heldAt, episode);
      const attendees = await this.attendees(ctx, tx, input.attendees);
      const heldOn = input.heldAt.toISOString().slice(0, 10);
      for (const [i, action] of input.actions.entries()) {
        notBefore(`actions[${i}].dueOn`, action.dueOn, heldOn, 'the day the meeting was held');
        await assertAgency(ctx, tx, `actions[${i}].ownerAgencyId`, action.ownerAgencyId.toLowerCase());
        requireText(`actions[${i}].description`, action.description);
      }
      await updateVersioned(tx, 'meeting', meeting.id, input.expectedVersion, {
        status: MeetingStatus.HELD, held_at: input.heldAt.toISOString(), attendees: JSON.stringify(attendees), decisions,
      }, ctx.access.clock.now, MEETING);
      const actions = input.actions.map((a, i) =>
        tx.getRepository(MeetingActionEntity).create({
          id: randomUUID(), meetingId: meeting.id, childId, position: i + 1, description: a.description.trim(), pathway: a.pathway ?? null,
          ownerAgencyId: a.ownerAgencyId.toLowerCase(), ownerRole: a.ownerRole, dueOn: a.dueOn, status: MeetingActionStatus.OPEN,
          completedOn: null, statusNote: null, createdAt: new Date(ctx.access.clock.now), updatedAt: new Date(ctx.access.clock.now), version: 1,
        }),
      );
      if (actions.length) await tx.getRepository(MeetingActionEntity).insert(actions);
      await recordCaseWrite(ctx, tx, {
        childId, scope: DataScope.CUSTODY, kind: 'MEETING_HELD', subjectType: 'meeting', subjectId: meeting.id, resource, relationship,
        occurredAt: input.heldAt.toISOString(), payload: { meetingKind: meeting.kind, actions: actions.length },
      });
      // A held meeting can meet a deadline (initial planning, pre-release) and its actions may set new ones.
      await recomputeDeadlines(tx, childId, ctx.access.clock.today, ctx.principal.consortium.settings);
      return toMeeting(await tx.getRepository(MeetingEntity).findOneByOrFail({ id: meeting.id }), actions);
    });
  }

  /** The open custody episode, else the latest: the one a meeting is about. */
  private async episodeOf(tx: EntityManager, childId: string): Promise<CustodyEpisodeEntity | null> {
    return tx.getRepository(CustodyEpisodeEntity).createQueryBuilder('e').where('e.childId = :childId', { childId })
      .orderBy(`e.status = 'IN_CUSTODY'`, 'DESC').addOrderBy('e.entryDate', 'DESC').getOne();
  }

  /** Dates in order: custody meetings after entry, pre-release before release, post-release review after it. */
  private validateTiming(kind: MeetingKind, field: string, at: Date, episode: CustodyEpisodeEntity | null): void {
    const on = at.toISOString().slice(0, 10);
    if (!episode) {
      if (CUSTODY_KINDS.has(kind)) throw new ValidationError('kind', `${kind} needs a custody episode, and the child has none`);
      return;
    }
    if (kind !== MeetingKind.POST_RELEASE_REVIEW && kind !== MeetingKind.OTHER) notBefore(field, on, episode.entryDate, 'the entry date');
    const release = episode.actualReleaseDate ?? episode.releaseDate;
    if (kind === MeetingKind.PRE_RELEASE && release && on > release) throw new ValidationError(field, `must be on or before the release date (${release})`);
    if (kind === MeetingKind.POST_RELEASE_REVIEW) notBefore(field, on, release, 'the release date');
  }

  private async attendees(ctx: RequestContext, tx: EntityManager, input: MeetingAttendeeInput[]): Promise<MeetingAttendee[]> {
    const result: MeetingAttendee[] = [];
    for (const [i, a] of input.entries()) {
      const agencyId = a.agencyId?.toLowerCase();
      if (agencyId) await assertAgency(ctx, tx, `attendees[${i}].agencyId`, agencyId);
      result.push({ name: requireText(`attendees[${i}].name`, a.name), role: a.role, ...(agencyId ? { agencyId } : {}) });
    }
    return result;
  }
}
