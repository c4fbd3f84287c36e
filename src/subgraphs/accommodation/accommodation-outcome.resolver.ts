import { Query, Resolver } from 'type-graphql';
import { AccommodationOutcome } from './accommodation.enums';
import { AccommodationOutcomeDefinition } from './accommodation-outcome.type';

const OUTCOMES: readonly AccommodationOutcomeDefinition[] = [
  { outcome: AccommodationOutcome.SETTLED, description: 'Suitable, settled accommodation', suitable: true },
  { outcome: AccommodationOutcome.TEMPORARY, description: 'Temporary accommodation or a placement for assessment', suitable: false },
  { outcome: AccommodationOutcome.HOMELESS, description: 'No accommodation on the day of release', suitable: false },
];

@Resolver(() => AccommodationOutcomeDefinition)
export class AccommodationOutcomeResolver {
  @Query(() => [AccommodationOutcomeDefinition], { description: 'Accommodation outcomes recorded at release' })
  accommodationOutcomes(): readonly AccommodationOutcomeDefinition[] {
    return OUTCOMES;
  }
}
