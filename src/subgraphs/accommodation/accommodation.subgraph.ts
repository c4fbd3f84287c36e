import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../../shared/graphql/federated-schema';
import { ResolverContainer } from '../../shared/graphql/resolver-container';
import { registerAccommodationModule } from './accommodation.module';

/** Accommodation requests, offers and responses between youth justice services and housing providers. */
export function buildAccommodationSchema(_db: DataSource): Promise<GraphQLSchema> {
  const container = registerAccommodationModule(new ResolverContainer());
  return buildFederatedSchema({ resolvers: container.resolverClasses, container });
}
