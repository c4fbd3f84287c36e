import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MeetingKind, Pathway } from '../case.enums';
import { MeetingActionStatus } from './case-writes.enums';

/** A role code such as CASE_MANAGER, CUSTODY_CASEWORKER, PARENT or CHILD. */
const ROLE_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const VERSION = { description: 'The version you read: a stale one is refused with CONFLICT and the current version' };

@InputType('MeetingAttendeeInput')
export class MeetingAttendeeInput {
  @Field({ description: 'Name or job title as the minutes give it' }) @Length(1, 200) name: string;
  @Field({ description: 'Role code, e.g. CASE_MANAGER, PARENT, CHILD' }) @Matches(ROLE_CODE) role: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() agencyId?: string;
}

@InputType('MeetingActionInput', { description: 'An action agreed at the meeting: what, who owns it, by when' })
export class MeetingActionInput {
  @Field() @Length(1, 2000) description: string;
  @Field(() => Pathway, { nullable: true }) pathway?: Pathway;
  @Field(() => ID) @IsUUID() ownerAgencyId: string;
  @Field({ description: 'Role code of the owner within that agency, e.g. CASE_MANAGER' }) @Matches(ROLE_CODE) ownerRole: string;
  @Field(() => GraphQLLocalDate, { description: 'On or after the day the meeting was held' }) dueOn: string;
}

@InputType('ScheduleMeetingInput')
export class ScheduleMeetingInput {
  @Field(() => ID) @IsUUID() childId: string;
  @Field(() => MeetingKind) kind: MeetingKind;
  @Field(() => GraphQLDateTime, { description: 'Within two years; in order with the custody episode (e.g. pre-release before release)' })
  scheduledFor: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) location?: string;

  @Field(() => [MeetingAttendeeInput], { nullable: true, description: 'Who is invited' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  attendees?: MeetingAttendeeInput[];
}

@InputType('RecordMeetingOutcomeInput', { description: 'What happened at a planned meeting: who came, what was decided, who does what by when' })
export class RecordMeetingOutcomeInput {
  @Field(() => ID) @IsUUID() meetingId: string;
  @Field(() => GraphQLDateTime, { description: 'Not in the future' }) heldAt: Date;

  @Field(() => [MeetingAttendeeInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  attendees: MeetingAttendeeInput[];

  @Field() @Length(1, 10000) decisions: string;

  @Field(() => [MeetingActionInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  actions: MeetingActionInput[];

  @Field(() => Int, VERSION) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}

@InputType('UpdateMeetingActionInput', { description: 'Moves an action on: OPEN → IN_PROGRESS → DONE, or CANCELLED with a note' })
export class UpdateMeetingActionInput {
  @Field(() => ID) @IsUUID() actionId: string;
  @Field(() => MeetingActionStatus) status: MeetingActionStatus;
  @Field(() => String, { nullable: true, description: 'Required to cancel' }) @IsOptional() @Length(1, 2000) note?: string;
  @Field(() => Int, VERSION) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}
