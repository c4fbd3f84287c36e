import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyReference } from '../agency-reference.type';
import { MeetingKind, MeetingStatus, Pathway } from '../case.enums';
import { MeetingActionStatus } from './case-writes.enums';

@ObjectType('MeetingAttendee')
export class MeetingAttendee {
  @Field({ description: 'Name or job title as the minutes give it' }) name: string;
  @Field({ description: 'Role code, e.g. CASE_MANAGER, PARENT, CHILD' }) role: string;
  @Field(() => AgencyReference, { nullable: true }) agency: AgencyReference | null;
}

@ObjectType('MeetingAction', { description: 'An action agreed at a meeting, with the agency and role that own it and when it is due' })
export class MeetingAction {
  @Field(() => ID) id: string;
  @Field() description: string;
  @Field(() => Pathway, { nullable: true }) pathway: Pathway | null;
  @Field(() => AgencyReference) ownerAgency: AgencyReference;
  @Field({ description: 'Role code of the owner within that agency' }) ownerRole: string;
  @Field(() => GraphQLLocalDate) dueOn: string;
  @Field(() => MeetingActionStatus) status: MeetingActionStatus;
  @Field(() => GraphQLLocalDate, { nullable: true }) completedOn: string | null;
  @Field(() => String, { nullable: true }) statusNote: string | null;
  @Field(() => Int, { description: 'Send back with a change, to detect concurrent edits' }) version: number;
}

@ObjectType('Meeting', { description: 'A planning meeting, panel, review or visit about the child' })
export class Meeting {
  @Field(() => ID) id: string;
  @Field(() => MeetingKind) kind: MeetingKind;
  @Field(() => MeetingStatus) status: MeetingStatus;
  @Field(() => GraphQLDateTime) scheduledFor: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) heldAt: Date | null;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => AgencyReference) organisedBy: AgencyReference;
  @Field(() => [MeetingAttendee]) attendees: MeetingAttendee[];
  @Field(() => String, { nullable: true }) decisions: string | null;
  @Field(() => [MeetingAction], { description: 'In the order the meeting agreed them' }) actions: MeetingAction[];
  @Field(() => Int, { description: 'Send back with a change, to detect concurrent edits' }) version: number;
}
