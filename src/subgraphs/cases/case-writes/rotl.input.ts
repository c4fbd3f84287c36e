import { IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { RotlDecision, RotlOutcome, RotlPurpose } from './case-writes.enums';

const VERSION = { description: 'The version you read: a stale one is refused with CONFLICT and the current version' };

@InputType('RequestRotlInput', { description: 'Asks for release on temporary licence for a sentenced child' })
export class RequestRotlInput {
  @Field(() => ID) @IsUUID() custodyEpisodeId: string;
  @Field(() => RotlPurpose) purpose: RotlPurpose;
  @Field(() => GraphQLLocalDate, { description: 'Today or later, on or after entry' }) requestedFrom: string;
  @Field(() => GraphQLLocalDate, { description: 'On or after requestedFrom, on or before the planned release date' }) requestedUntil: string;
  @Field({ description: 'What the leave is for, e.g. the college induction day' }) @Length(1, 2000) details: string;
}

@InputType('RecordRotlDecisionInput', { description: 'The establishment’s decision on a ROTL request' })
export class RecordRotlDecisionInput {
  @Field(() => ID) @IsUUID() rotlRequestId: string;
  @Field(() => RotlDecision) decision: RotlDecision;
  @Field() @Length(1, 2000) reason: string;
  @Field(() => Int, VERSION) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}

@InputType('RecordRotlOutcomeInput', { description: 'How an approved ROTL went' })
export class RecordRotlOutcomeInput {
  @Field(() => ID) @IsUUID() rotlRequestId: string;
  @Field(() => RotlOutcome) outcome: RotlOutcome;
  @Field(() => String, { nullable: true, description: 'Required when the child returned late or did not return' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
  @Field(() => Int, VERSION) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}
