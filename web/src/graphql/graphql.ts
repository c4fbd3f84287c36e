import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

/** Typed documents: result and variable types are inferred from schema/api.graphql (npm run web:types). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; LocalDate: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
