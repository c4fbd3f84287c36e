import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildFederatedSchema } from '../../shared/graphql/federated-schema';
import { ResolverContainer } from '../../shared/graphql/resolver-container';
import { AccessExplanationResolver, AgencyAccessResolver } from './access-explanation.resolver';
import { AccessExplanationService } from './access-explanation.service';
import { agencyReferenceResolver } from './agency.reference';
import { AgencyResolver } from './agency.resolver';
import { AgencyService } from './agency.service';
import { ChildReference } from './child-reference.type';
import { ConsentResolver } from './consent.resolver';
import { ConsentService } from './consent.service';
import { AuditActorResolver, DisclosureResolver } from './disclosure.resolver';
import { DisclosureService } from './disclosure.service';
import { MeResolver } from './me.resolver';
import { SharingActionsResolver, SharingWithoutConsentResolver } from './sharing-actions.resolver';
import { SharingWithoutConsentService } from './sharing-without-consent.service';
import { SubjectAccessDeniedAttemptResolver, SubjectAccessDisclosureResolver, SubjectAccessResolver } from './subject-access.resolver';
import { SubjectAccessService } from './subject-access.service';
import { TeamCoverService } from './team-cover.service';
import { DataRequestQueryService } from './data-requests/data-request-query.service';
import { DataRequestResolver } from './data-requests/data-request.resolver';
import { DataRequestService } from './data-requests/data-request.service';
import { ChangeFeedResolver } from '../../integrations/change-feed/change-feed.resolver';
import { ChangeFeedService } from '../../integrations/change-feed/change-feed.service';
import { WebhookResolver } from '../../integrations/webhooks/webhook.resolver';
import { WebhookService } from '../../integrations/webhooks/webhook.service';
import { STRICT_WEBHOOK_URL_POLICY } from '../../integrations/webhooks/webhook-url-policy';
import type { SubgraphBuildOptions } from '../subgraph-registry';

/** Agencies, users and partner systems; consent, grants, access explanations and the audit. */
export function buildSharingSchema(db: DataSource, options: SubgraphBuildOptions = {}): Promise<GraphQLSchema> {
  const agencies = new AgencyService(db);
  const container = new ResolverContainer()
    .register(new AgencyResolver(agencies))
    .register(new MeResolver(agencies))
    .register(new ConsentResolver(new ConsentService()))
    .register(new AccessExplanationResolver(new AccessExplanationService()))
    .register(new AgencyAccessResolver())
    .register(new SharingActionsResolver(new SharingWithoutConsentService(), new TeamCoverService()))
    .register(new SharingWithoutConsentResolver())
    .register(new DataRequestResolver(new DataRequestService(), new DataRequestQueryService()))
    .register(new DisclosureResolver(new DisclosureService()))
    .register(new AuditActorResolver())
    .register(new SubjectAccessResolver(new SubjectAccessService()))
    .register(new SubjectAccessDisclosureResolver())
    .register(new SubjectAccessDeniedAttemptResolver())
    .register(new ChangeFeedResolver(new ChangeFeedService(options.feedRetentionDays)))
    .register(new WebhookResolver(new WebhookService(options.webhookUrls ?? STRICT_WEBHOOK_URL_POLICY)));
  return buildFederatedSchema({
    resolvers: container.resolverClasses,
    container,
    orphanedTypes: [ChildReference],
    referenceResolvers: agencyReferenceResolver(agencies),
  });
}
