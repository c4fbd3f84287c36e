import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DataScope } from '../../../shared/policy/policy-graphql-enums';
import { AgencyReference } from '../agency-reference.type';
import { PageInfo } from '../child-page.type';

@ObjectType('TimelineEvent', { description: 'Something that happened in a child’s case, recorded by the agency that did it' })
export class TimelineEvent {
  @Field(() => ID) id: string;
  @Field(() => GraphQLDateTime) occurredAt: Date;
  @Field({ description: 'e.g. CUSTODY_ENTRY, RELEASE_DATE_CHANGED, PATHWAY_UPDATED, MEETING_HELD' }) kind: string;
  @Field({ description: 'A plain-language label for the kind of event' }) label: string;
  @Field(() => DataScope, { description: 'The data scope the event belongs to' }) scope: DataScope;
  @Field(() => AgencyReference) agency: AgencyReference;
  @Field(() => String, { nullable: true, description: 'What the event is about, e.g. meeting' }) subjectType: string | null;
  @Field(() => ID, { nullable: true }) subjectId: string | null;
}

@ObjectType('TimelineEdge')
export class TimelineEdge {
  @Field() cursor: string;
  @Field(() => TimelineEvent) node: TimelineEvent;
}

@ObjectType('TimelineConnection', { description: 'Newest first; only events in scopes shared with you' })
export class TimelineConnection {
  @Field(() => [TimelineEdge]) edges: TimelineEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Events hidden from you because their scope is not shared' }) withheldCount: number;
}
