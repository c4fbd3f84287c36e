import type { RequestContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import { DataScope } from '../../../shared/policy/data-scope';
import { recomputeDeadlines } from '../deadlines/deadline-recompute';
import { optionalText } from './case-write.checks';
import { InvalidTransitionError } from '../../../shared/errors/write.errors';
import { authoriseWrite, childOfRecord } from './case-write.guard';
import { recordCaseWrite } from './case-write.recorder';
import { MeetingActionStatus } from './case-writes.enums';
import { toMeetingAction } from './case-writes.mapper';
import { MeetingActionEntity } from './meeting-action.entity';
import type { UpdateMeetingActionInput } from './meeting-write.input';
import type { MeetingAction } from './meeting.type';
import { assertVersion, updateVersioned } from './versioned-update';

const ACTION = 'Meeting action';
const { OPEN, IN_PROGRESS, DONE, CANCELLED } = MeetingActionStatus;

/** Where an action may go next; DONE and CANCELLED are final (a new action is agreed instead). */
export const MEETING_ACTION_TRANSITIONS: Readonly<Record<MeetingActionStatus, readonly MeetingActionStatus[]>> = {
  [OPEN]: [IN_PROGRESS, DONE, CANCELLED],
  [IN_PROGRESS]: [DONE, CANCELLED],
  [DONE]: [],
  [CANCELLED]: [],
};

/** Progress on the actions agreed at meetings, reviewed at the next panel. */
export class MeetingActionService {
  async update(ctx: RequestContext, input: UpdateMeetingActionInput): Promise<MeetingAction> {
    const note = optionalText(input.note);
    if (input.status === CANCELLED && !note) throw new ValidationError('note', 'is required to cancel an action');
    const resource = 'mutation:updateMeetingAction';
    const db = await ctx.tx.manager();
    const childId = await childOfRecord(ctx, db, 'meeting_action', input.actionId, ACTION, resource);
    const { relationship } = await authoriseWrite(ctx, childId, {
      action: 'update', subject: 'Meeting', scope: DataScope.CUSTODY, resource, notFound: ACTION,
    });
    return ctx.tx.atomically(async (tx) => {
      const repository = tx.getRepository(MeetingActionEntity);
      const action = await repository.findOneByOrFail({ id: input.actionId });
      assertVersion(ACTION, action.version, input.expectedVersion);
      if (!MEETING_ACTION_TRANSITIONS[action.status].includes(input.status)) {
        throw new InvalidTransitionError(`A meeting action cannot go from ${action.status} to ${input.status}`, { from: action.status, to: input.status });
      }
      await updateVersioned(tx, 'meeting_action', action.id, input.expectedVersion, {
        status: input.status,
        completed_on: input.status === DONE ? ctx.access.clock.today : null,
        status_note: note ?? action.statusNote,
      }, ctx.access.clock.now, ACTION);
      await recordCaseWrite(ctx, tx, {
        childId, scope: DataScope.CUSTODY, kind: 'MEETING_ACTION_UPDATED', subjectType: 'meeting_action', subjectId: action.id,
        resource, relationship, payload: { meetingId: action.meetingId, status: input.status },
      });
      await recomputeDeadlines(tx, childId, ctx.access.clock.today, ctx.principal.consortium.settings);
      return toMeetingAction(await repository.findOneByOrFail({ id: action.id }));
    });
  }
}
