import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyReference } from '../agency-reference.type';
import { Pathway } from '../case.enums';
import { DeadlineAnchor, DeadlineChangeKind, DeadlineStatus } from './deadlines.enums';

@ObjectType('DeadlineChange', { description: 'A move of a deadline or a change of its status; never rewritten' })
export class DeadlineChange {
  @Field(() => DeadlineChangeKind) kind: DeadlineChangeKind;
  @Field(() => GraphQLLocalDate) previousDueOn: string;
  @Field(() => GraphQLLocalDate) dueOn: string;
  @Field(() => GraphQLLocalDate, { description: 'The anchor date before the change' }) previousBasisDate: string;
  @Field(() => GraphQLLocalDate) basisDate: string;
  @Field(() => DeadlineStatus) previousStatus: DeadlineStatus;
  @Field(() => DeadlineStatus) status: DeadlineStatus;
  @Field(() => GraphQLDateTime) changedAt: Date;
}

@ObjectType('Deadline', { description: 'A resettlement clock on the current custody episode, in working days where the rule says so' })
export class Deadline {
  @Field(() => ID) id: string;
  @Field({ description: 'The rule, e.g. ACCOMMODATION_CONFIRMED' }) ruleCode: string;
  @Field() title: string;
  @Field(() => Pathway) pathway: Pathway;
  @Field(() => GraphQLLocalDate) dueOn: string;
  @Field(() => DeadlineStatus) status: DeadlineStatus;
  @Field(() => GraphQLDateTime, { nullable: true }) metAt: Date | null;
  @Field(() => Int, { description: 'Working days from today to the due date; negative once overdue' }) daysRemaining: number;
  @Field(() => DeadlineAnchor) anchor: DeadlineAnchor;
  @Field(() => GraphQLLocalDate, { description: 'The anchor date the due date was counted from' }) basisDate: string;
  @Field({ description: 'The role that owns the deadline, e.g. CASE_MANAGER' }) ownerRole: string;
  @Field(() => AgencyReference, { nullable: true }) ownerAgency: AgencyReference | null;
  @Field(() => [DeadlineChange], { description: 'Every move and change of status, oldest first' }) history: DeadlineChange[];
}
