import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { AccommodationOutcome, AccommodationType, AddressSuitability } from './accommodation.enums';
import { Address } from './address.type';
import { AgencyReference } from './federated-references.type';

@ObjectType('AddressVisit', { description: 'A visit to an offered address and the suitability found' })
export class AddressVisit {
  @Field(() => ID) id: string;
  @Field(() => ID) offerId: string;
  @Field(() => GraphQLLocalDate) visitedOn: string;
  @Field(() => AddressSuitability) suitability: AddressSuitability;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => AgencyReference) visitedBy: AgencyReference;
  @Field(() => GraphQLDateTime) recordedAt: Date;
}

@ObjectType('ReleaseAddress', { description: 'Where the child will live on release, once confirmed' })
export class ReleaseAddress {
  @Field(() => ID) id: string;
  @Field(() => ID) requestId: string;
  @Field(() => ID) offerId: string;
  @Field(() => Address) address: Address;
  @Field(() => AccommodationType) accommodationType: AccommodationType;
  @Field(() => GraphQLLocalDate) availableFrom: string;
  @Field(() => AgencyReference) confirmedBy: AgencyReference;
  @Field(() => GraphQLDateTime) confirmedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) supersededAt: Date | null;
}

@ObjectType('AccommodationOutcomeRecord', { description: 'Where the child lived on the day of release' })
export class AccommodationOutcomeRecord {
  @Field(() => AccommodationOutcome) outcome: AccommodationOutcome;
  @Field(() => GraphQLLocalDate) releasedOn: string;
  @Field(() => AgencyReference) recordedBy: AgencyReference;
  @Field(() => GraphQLDateTime) recordedAt: Date;
}
