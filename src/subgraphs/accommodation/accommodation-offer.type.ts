import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AccommodationType, OfferStatus } from './accommodation.enums';
import { Address } from './address.type';
import { AgencyReference } from './federated-references.type';

@ObjectType('AccommodationOffer', { description: 'An address a housing provider offers for a child’s release' })
export class AccommodationOffer {
  @Field(() => ID) id: string;
  @Field(() => ID) requestId: string;
  @Field(() => AgencyReference) provider: AgencyReference;
  @Field(() => OfferStatus) status: OfferStatus;
  @Field(() => Address) address: Address;
  @Field(() => AccommodationType) accommodationType: AccommodationType;
  @Field(() => GraphQLLocalDate) availableFrom: string;
  @Field(() => String, { nullable: true, description: 'Conditions of the offer, e.g. a support agreement' }) conditions: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The provider holds the place until this day' }) holdUntil: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) decidedAt: Date | null;
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Once the provider’s part has ended, it sees this offer (and nothing of the child) until then',
  })
  providerVisibleUntil: Date | null;
  @Field(() => GraphQLDateTime) createdAt: Date;
  @Field(() => Int, { description: 'Send back with a change, to detect concurrent edits' }) version: number;
}
