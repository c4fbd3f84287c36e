import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DataScope } from '../../../shared/policy/data-scope';
import '../../../shared/policy/policy-graphql-enums';
import { ChildReference } from '../child-reference.type';
import { DataRequestDeclineReason, DataRequestOutcome, DataRequestStatus } from './data-request.enums';

@ObjectType('DataRequest', {
  description: 'One agency of a child’s case asking another for information it holds, due within the consortium’s timescale',
})
export class DataRequest {
  @Field(() => ID) id: string;
  @Field(() => ChildReference) child: ChildReference;
  /** Resolved as Agency objects by the resolver. */
  requestingAgencyId: string;
  addressedAgencyId: string;
  @Field(() => [DataScope], { description: 'What is asked for' }) scopes: DataScope[];
  @Field(() => String, { description: 'A purpose code of the agreements, e.g. RESETTLEMENT_PLANNING' }) purpose: string;
  @Field(() => GraphQLDateTime) requestedAt: Date;
  @Field(() => GraphQLLocalDate, { description: 'The last working day to answer on time' }) dueOn: string;
  @Field(() => DataRequestStatus) status: DataRequestStatus;
  @Field(() => DataRequestOutcome, { nullable: true }) outcome: DataRequestOutcome | null;
  @Field(() => DataRequestDeclineReason, { nullable: true }) declineReason: DataRequestDeclineReason | null;
  @Field(() => GraphQLDateTime, { nullable: true }) respondedAt: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Answered or declined by the due date; null while open or withdrawn' })
  answeredOnTime: boolean | null;
  @Field(() => Boolean, { description: 'Still open after its due date' }) overdue: boolean;
  @Field(() => Int) version: number;
}

@ObjectType('DataRequestEdge')
export class DataRequestEdge {
  @Field() cursor: string;
  @Field(() => DataRequest) node: DataRequest;
}

@ObjectType('DataRequestPageInfo')
export class DataRequestPageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('DataRequestConnection', { description: 'Soonest due first' })
export class DataRequestConnection {
  @Field(() => [DataRequestEdge]) edges: DataRequestEdge[];
  @Field(() => DataRequestPageInfo) pageInfo: DataRequestPageInfo;
  @Field(() => Int) totalCount: number;
}
