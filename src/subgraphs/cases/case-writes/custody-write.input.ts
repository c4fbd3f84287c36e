import { IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ReleaseDateChangeReason, ReleaseType } from '../case.enums';
import { MetAtGateBy } from './case-writes.enums';

const VERSION = { description: 'The version you read: a stale one is refused with CONFLICT and the current version' };

@InputType('ChangeReleaseDateInput', { description: 'A new planned release date, with why it moved; the history keeps every change' })
export class ChangeReleaseDateInput {
  @Field(() => ID) @IsUUID() custodyEpisodeId: string;
  @Field(() => GraphQLLocalDate, { description: 'On or after entry and sentence; not in the past unless reasonCode is CORRECTION' })
  releaseDate: string;
  @Field(() => ReleaseType) releaseType: ReleaseType;
  @Field(() => ReleaseDateChangeReason) reasonCode: ReleaseDateChangeReason;
  @Field() @Length(1, 2000) reason: string;
  @Field(() => Int, VERSION) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}

@InputType('TransferEstablishmentInput', { description: 'A move of the child to another secure establishment, recorded once it has happened' })
export class TransferEstablishmentInput {
  @Field(() => ID) @IsUUID() custodyEpisodeId: string;
  @Field(() => ID) @IsUUID() toEstablishmentId: string;
  @Field(() => GraphQLLocalDate, { description: 'Not in the future, not before entry or the previous transfer' }) transferredOn: string;
  @Field() @Length(1, 2000) reason: string;
  @Field(() => Int, VERSION) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}

@InputType('RecordReleaseInput', { description: 'The release as it happened. The address stays with the accommodation request.' })
export class RecordReleaseInput {
  @Field(() => ID) @IsUUID() custodyEpisodeId: string;
  @Field(() => GraphQLLocalDate, { description: 'Not in the future, not before entry or sentence' }) actualReleaseDate: string;
  @Field(() => MetAtGateBy) metAtGateBy: MetAtGateBy;

  @Field(() => ID, { nullable: true, description: 'The agency of whoever met the child, when a professional did' })
  @IsOptional()
  @IsUUID()
  metAtGateByAgencyId?: string;

  @Field(() => ID, { nullable: true, description: 'The accommodation request whose confirmed address the child went to' })
  @IsOptional()
  @IsUUID()
  accommodationRequestId?: string;

  @Field(() => Int, VERSION) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}
