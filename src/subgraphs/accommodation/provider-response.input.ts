import { IsOptional, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AccommodationType, DeclineReason } from './accommodation.enums';

/** A provider answers for its own part of a request: `expectedVersion` is that part's version. */
@InputType('ProviderAnswerInput')
export class ProviderAnswerInput {
  @Field(() => ID) @IsUUID() requestId: string;
  @Field(() => Int, { description: 'The version of your part of the request (AccommodationRecipient.version)' })
  @Min(1)
  expectedVersion: number;
}

@InputType('AskClarificationInput')
export class AskClarificationInput extends ProviderAnswerInput {
  @Field() @Length(1, 4000) question: string;
}

@InputType('DeclineRequestInput')
export class DeclineRequestInput extends ProviderAnswerInput {
  @Field(() => DeclineReason) reasonCode: DeclineReason;
}

@InputType('PostalAddressInput')
export class AddressInput {
  @Field() @Length(1, 200) line1: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) line2?: string;
  @Field() @Length(1, 100) town: string;
  @Field({ description: 'A UK postcode, e.g. LS9 8AB' })
  @Matches(/^[A-Za-z]{1,2}[0-9][0-9A-Za-z]? ?[0-9][A-Za-z]{2}$/, { message: 'postcode must be a UK postcode' })
  postcode: string;
}

@InputType('MakeOfferInput')
export class MakeOfferInput extends ProviderAnswerInput {
  @Field(() => AddressInput) @ValidateNested() address: AddressInput;
  @Field(() => AccommodationType) accommodationType: AccommodationType;
  @Field(() => GraphQLLocalDate) availableFrom: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) conditions?: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'You hold the place for the child until this day' })
  holdUntil?: string;
}
