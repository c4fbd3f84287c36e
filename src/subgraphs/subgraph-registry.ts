import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphName } from '../shared/config';
import { buildAccommodationSchema } from './accommodation/accommodation.subgraph';
import { buildCasesSchema } from './cases/cases.subgraph';
import { buildSharingSchema } from './sharing/sharing.subgraph';

export const SUBGRAPH_SCHEMA_BUILDERS: Record<SubgraphName, (db: DataSource) => Promise<GraphQLSchema>> = {
  cases: buildCasesSchema,
  sharing: buildSharingSchema,
  accommodation: buildAccommodationSchema,
};
