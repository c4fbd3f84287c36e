import { IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProbationTransferStatus } from './case-writes.enums';

@InputType('ReferToProbationInput', { description: 'Refers a child approaching 18 to adult probation' })
export class ReferToProbationInput {
  @Field(() => ID) @IsUUID() childId: string;
  @Field(() => ID) @IsUUID() probationAgencyId: string;
  @Field(() => GraphQLLocalDate, { description: 'Not in the future' }) referredOn: string;
}

@InputType('UpdateProbationTransferInput', {
  description: 'Moves a transfer on: REFERRED → JOINT_WORKING → HANDED_OVER, or CANCELLED (with a reason) before handover',
})
export class UpdateProbationTransferInput {
  @Field(() => ID) @IsUUID() probationTransferId: string;
  @Field(() => ProbationTransferStatus) status: ProbationTransferStatus;
  @Field(() => GraphQLLocalDate, { description: 'The day it happened: joint working began, handover, or cancellation. Not in the future.' })
  effectiveOn: string;
  @Field(() => String, { nullable: true, description: 'Required to cancel' }) @IsOptional() @Length(1, 2000) reason?: string;
  @Field(() => Int, { description: 'The version you read: a stale one is refused with CONFLICT and the current version' })
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion: number;
}
