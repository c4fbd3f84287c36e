import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../../shared/graphql/federated-schema';
import { ResolverContainer } from '../../shared/graphql/resolver-container';
import { AgencyReference } from './agency-reference.type';
import { registerCaseWritesModule } from './case-writes/case-writes.module';
import { registerCaseloadModule } from './caseload/caseload.module';
import { childReferenceResolver } from './child.reference';
import { ChildResolver } from './child.resolver';
import { ChildService } from './child.service';
import { registerDeadlinesModule } from './deadlines/deadlines.module';
import { PathwayResolver } from './pathway.resolver';
import { registerReportingModule } from './reporting/reporting.module';
import { PathwayBulkResolver } from '../../integrations/bulk/pathway-bulk.resolver';
import { PathwayBulkService } from '../../integrations/bulk/pathway-bulk.service';
import { PathwayWriteService } from './case-writes/pathway-write.service';

/** Children, custody episodes, release, pathways, plans, timeline and deadlines. */
export function buildCasesSchema(_db: DataSource): Promise<GraphQLSchema> {
  const children = new ChildService();
  const container = new ResolverContainer()
    .register(new PathwayResolver())
    .register(new ChildResolver(children))
    .register(new PathwayBulkResolver(new PathwayBulkService(new PathwayWriteService())));
  for (const register of [registerDeadlinesModule, registerCaseWritesModule, registerCaseloadModule, registerReportingModule]) register(container);
  return buildFederatedSchema({
    resolvers: container.resolverClasses,
    container,
    orphanedTypes: [AgencyReference],
    referenceResolvers: childReferenceResolver(children),
  });
}
