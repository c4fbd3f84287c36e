import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphName } from '../shared/config';
import type { WebhookUrlPolicy } from '../integrations/webhooks/webhook-url-policy';
import { buildAccommodationSchema } from './accommodation/accommodation.subgraph';
import { buildCasesSchema } from './cases/cases.subgraph';
import { buildSharingSchema } from './sharing/sharing.subgraph';

export interface SubgraphBuildOptions {
  /** Where partners' webhooks may point (sharing); the strict production policy when absent. */
  webhookUrls?: WebhookUrlPolicy;
  /** For the change feed's CURSOR_EXPIRED advice (sharing). */
  feedRetentionDays?: number;
}

export const SUBGRAPH_SCHEMA_BUILDERS: Record<SubgraphName, (db: DataSource, options?: SubgraphBuildOptions) => Promise<GraphQLSchema>> = {
  cases: buildCasesSchema,
  sharing: buildSharingSchema,
  accommodation: buildAccommodationSchema,
};
