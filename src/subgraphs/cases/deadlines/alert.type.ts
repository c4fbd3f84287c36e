import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyReference } from '../agency-reference.type';
import { PageInfo } from '../child-page.type';
import { Child } from '../child.type';
import { AlertStatus } from './deadlines.enums';

@ObjectType('Alert', { description: 'Something a role at your agency must look at, e.g. a deadline due soon or missed' })
export class Alert {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. DEADLINE_MISSED, SHARING_WITHOUT_CONSENT' }) kind: string;
  @Field(() => AlertStatus) status: AlertStatus;
  @Field() title: string;
  @Field(() => Child, { nullable: true, description: 'The child it is about, if you may see that child' }) child: Child | null;
  @Field(() => String, { nullable: true, description: 'For deadline alerts: the rule, e.g. ACCOMMODATION_CONFIRMED' })
  ruleCode: string | null;
  @Field(() => String, { nullable: true, description: 'For deadline alerts: the stage, e.g. DUE_SOON, MISSED' }) stage: string | null;
  @Field(() => Int, { nullable: true, description: 'For deadline alerts: 1 for the first stage, higher as it escalates' })
  level: number | null;
  @Field() addressedToRole: string;
  @Field(() => AgencyReference) addressedTo: AgencyReference;
  @Field(() => GraphQLDateTime) raisedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) dueAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) acknowledgedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it no longer needs anyone: MET, CANCELLED or SUPERSEDED' })
  resolution: string | null;
  @Field(() => Int, { description: 'Send back with acknowledgeAlert to detect concurrent changes' }) version: number;
}

@ObjectType('AlertEdge')
export class AlertEdge {
  @Field() cursor: string;
  @Field(() => Alert) node: Alert;
}

@ObjectType('AlertConnection', { description: 'Alerts addressed to your agency and role, newest first' })
export class AlertConnection {
  @Field(() => [AlertEdge]) edges: AlertEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
