import { Field, ObjectType } from 'type-graphql';
import { AccommodationOutcome } from './accommodation.enums';

@ObjectType('AccommodationOutcomeDefinition')
export class AccommodationOutcomeDefinition {
  @Field(() => AccommodationOutcome) outcome: AccommodationOutcome;
  @Field() description: string;
  @Field({ description: 'Whether the consortium counts this outcome as suitable' }) suitable: boolean;
}
