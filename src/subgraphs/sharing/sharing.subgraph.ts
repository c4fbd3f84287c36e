import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../../shared/graphql/federated-schema';
import { ResolverContainer } from '../../shared/graphql/resolver-container';
import { agencyReferenceResolver } from './agency.reference';
import { AgencyResolver } from './agency.resolver';
import { AgencyService } from './agency.service';
import { MeResolver } from './me.resolver';

/** Agencies, users and partner systems; agreements, consent and audit join here as they land. */
export function buildSharingSchema(db: DataSource): Promise<GraphQLSchema> {
  const agencies = new AgencyService(db);
  const container = new ResolverContainer().register(new AgencyResolver(agencies)).register(new MeResolver(agencies));
  return buildFederatedSchema({
    resolvers: container.resolverClasses,
    container,
    referenceResolvers: agencyReferenceResolver(agencies),
  });
}
