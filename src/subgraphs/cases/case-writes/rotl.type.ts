import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyReference } from '../agency-reference.type';
import { RotlDecision, RotlOutcome, RotlPurpose, RotlStatus } from './case-writes.enums';

@ObjectType('RotlRequest', { description: 'A request for release on temporary licence, its decision and its outcome' })
export class RotlRequest {
  @Field(() => ID) id: string;
  @Field(() => ID) custodyEpisodeId: string;
  @Field(() => RotlPurpose) purpose: RotlPurpose;
  @Field(() => GraphQLLocalDate) requestedFrom: string;
  @Field(() => GraphQLLocalDate) requestedUntil: string;
  @Field() details: string;
  @Field(() => AgencyReference) requestedBy: AgencyReference;
  @Field(() => RotlStatus) status: RotlStatus;
  @Field(() => RotlDecision, { nullable: true }) decision: RotlDecision | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) decidedOn: string | null;
  @Field(() => AgencyReference, { nullable: true }) decidedBy: AgencyReference | null;
  @Field(() => String, { nullable: true }) decisionReason: string | null;
  @Field(() => RotlOutcome, { nullable: true }) outcome: RotlOutcome | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) outcomeRecordedOn: string | null;
  @Field(() => String, { nullable: true }) outcomeNote: string | null;
  @Field(() => Int, { description: 'Send back with a change, to detect concurrent edits' }) version: number;
}
