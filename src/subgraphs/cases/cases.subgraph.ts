import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../../shared/graphql/federated-schema';
import { ResolverContainer } from '../../shared/graphql/resolver-container';
import { PathwayResolver } from './pathway.resolver';

/** Children, custody episodes, release, pathways, plans, timeline and deadlines. */
export function buildCasesSchema(_db: DataSource): Promise<GraphQLSchema> {
  const container = new ResolverContainer().register(new PathwayResolver());
  return buildFederatedSchema({ resolvers: container.resolverClasses, container });
}
