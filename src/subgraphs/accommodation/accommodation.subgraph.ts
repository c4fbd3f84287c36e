import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../../shared/graphql/federated-schema';
import { ResolverContainer } from '../../shared/graphql/resolver-container';
import { AccommodationOutcomeResolver } from './accommodation-outcome.resolver';

/** Accommodation requests, offers and responses between youth justice services and housing providers. */
export function buildAccommodationSchema(_db: DataSource): Promise<GraphQLSchema> {
  const container = new ResolverContainer().register(new AccommodationOutcomeResolver());
  return buildFederatedSchema({ resolvers: container.resolverClasses, container });
}
