import { registerEnumType } from 'type-graphql';

/** Where a child lives at release, as counted for the consortium board. */
export enum AccommodationOutcome {
  SETTLED = 'SETTLED',
  TEMPORARY = 'TEMPORARY',
  HOMELESS = 'HOMELESS',
}

registerEnumType(AccommodationOutcome, {
  name: 'AccommodationOutcome',
  valuesConfig: {
    SETTLED: { description: 'Suitable, settled accommodation confirmed for release' },
    TEMPORARY: { description: 'Temporary accommodation, including placements for assessment' },
    HOMELESS: { description: 'No accommodation on the day of release' },
  },
});
