import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { parseUuid } from '../../../shared/graphql/uuid';
import type { MeetingActionService } from './meeting-action.service';
import { MeetingActionInput, RecordMeetingOutcomeInput, ScheduleMeetingInput, UpdateMeetingActionInput, type MeetingAttendeeInput } from './meeting-write.input';
import type { MeetingWriteService } from './meeting-write.service';
import { Meeting, MeetingAction } from './meeting.type';

const attendeeIds = (attendees: MeetingAttendeeInput[] | undefined, at: string) =>
  attendees?.map((a, i) => ({ ...a, agencyId: a.agencyId ? parseUuid(`${at}[${i}].agencyId`, a.agencyId) : undefined }));

@Resolver(() => Meeting)
export class MeetingWriteResolver {
  constructor(
    private readonly meetings: MeetingWriteService,
    private readonly actions: MeetingActionService,
  ) {}

  @Mutation(() => Meeting, { description: 'Plans a meeting about the child; your agency organises it' })
  scheduleMeeting(@Ctx() { request }: GraphQLContext, @Arg('input', () => ScheduleMeetingInput) input: ScheduleMeetingInput) {
    return this.meetings.schedule(request, {
      ...input, childId: parseUuid('childId', input.childId), attendees: attendeeIds(input.attendees, 'attendees'),
    });
  }

  @Mutation(() => Meeting, { description: 'Records a planned meeting as held: attendees, decisions, and actions with owners and due dates' })
  recordMeetingOutcome(@Ctx() { request }: GraphQLContext, @Arg('input', () => RecordMeetingOutcomeInput) input: RecordMeetingOutcomeInput) {
    return this.meetings.recordOutcome(request, {
      ...input,
      meetingId: parseUuid('meetingId', input.meetingId),
      attendees: attendeeIds(input.attendees, 'attendees') ?? [],
      actions: input.actions.map((a, i): MeetingActionInput => ({ ...a, ownerAgencyId: parseUuid(`actions[${i}].ownerAgencyId`, a.ownerAgencyId) })),
    });
  }

  @Mutation(() => MeetingAction, { description: 'Moves an agreed action on (OPEN → IN_PROGRESS → DONE, or CANCELLED)' })
  updateMeetingAction(@Ctx() { request }: GraphQLContext, @Arg('input', () => UpdateMeetingActionInput) input: UpdateMeetingActionInput) {
    return this.actions.update(request, { ...input, actionId: parseUuid('actionId', input.actionId) });
  }
}
