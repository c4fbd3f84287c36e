import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, IsUUID, Length, Min } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AccommodationOutcome, AddressSuitability, ReopenReason, WithdrawalReason } from './accommodation.enums';

/** A change to the request as a whole: `expectedVersion` is the request's version. */
@InputType('AccommodationRequestChangeInput')
export class RequestChangeInput {
  @Field(() => ID) @IsUUID() requestId: string;
  @Field(() => Int, { description: 'AccommodationRequest.version as you loaded it' }) @Min(1) expectedVersion: number;
}

@InputType('ReplyToClarificationInput')
export class ReplyToClarificationInput {
  @Field(() => ID, { description: 'The provider’s part (AccommodationRecipient.id) whose question this answers' })
  @IsUUID()
  recipientId: string;
  @Field(() => Int, { description: 'AccommodationRecipient.version as you loaded it' }) @Min(1) expectedVersion: number;
  @Field() @Length(1, 4000) answer: string;
}

@InputType('AcceptOfferInput')
export class AcceptOfferInput {
  @Field(() => ID) @IsUUID() offerId: string;
  @Field(() => Int, { description: 'The request’s version (AccommodationRequest.version) as you loaded it' })
  @Min(1)
  expectedVersion: number;
}

@InputType('RecordAddressVisitInput')
export class RecordAddressVisitInput {
  @Field(() => ID) @IsUUID() offerId: string;
  @Field(() => GraphQLLocalDate) visitedOn: string;
  @Field(() => AddressSuitability) suitability: AddressSuitability;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) notes?: string;
}

@InputType('WithdrawRequestInput')
export class WithdrawRequestInput extends RequestChangeInput {
  @Field(() => WithdrawalReason) reasonCode: WithdrawalReason;
}

@InputType('ReopenRequestInput')
export class ReopenRequestInput extends RequestChangeInput {
  @Field(() => ReopenReason) reasonCode: ReopenReason;

  @Field(() => [ID], { description: 'The housing providers to address (again): earlier ones or new ones' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  providerAgencyIds: string[];
}

@InputType('RecordAccommodationOutcomeInput')
export class RecordAccommodationOutcomeInput extends RequestChangeInput {
  @Field(() => AccommodationOutcome) outcome: AccommodationOutcome;
  @Field(() => GraphQLLocalDate) releasedOn: string;
}
