import type http from 'node:http';
import type { Request } from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { RequestLimitSettings, SubgraphName } from '../shared/config';
import { errorReportingPlugin } from '../shared/graphql/error-reporting.plugin';
import { toPublicError } from '../shared/graphql/public-error';
import { requestLimits } from '../shared/graphql/request-limits';
import { startHttpService, type HttpServiceOptions, type RunningService } from '../shared/http/http-service';
import { gatewayRateLimit, type RateLimitStore } from '../shared/http/rate-limit';
import type { Logger } from '../shared/logging/logger';
import { HubDataSource, type GatewayContext } from './hub-data-source';
import { resolvePersistedQueries } from '../integrations/trusted-documents/persisted-query.middleware';
import type { TrustedDocumentPolicy } from '../integrations/trusted-documents/trusted-document.check';
import { documentHash } from '../integrations/trusted-documents/trusted-documents.schema';
import { subgraphFetcher } from './subgraph-fetcher';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the URLs in the supergraph, by subgraph name. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  logger: Logger;
  host: string;
  port: number;
  production: boolean;
  trustProxy: string[];
  limits: RequestLimitSettings;
  rateLimits: RateLimitStore;
  /** The gateway only resolves persisted ids and signs the original document's hash; subgraphs decide. */
  trustedDocuments: TrustedDocumentPolicy;
  extraRoutes?: HttpServiceOptions<GatewayContext>['extraRoutes'];
}

const READY_TIMEOUT_MS = 2000;

/** A router over a static supergraph: no introspection of subgraphs at run time, no access decisions. */
export function startGateway(options: GatewayOptions): Promise<RunningService> {
  const { logger } = options;
  const urls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name as SubgraphName] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      urls.set(name, target);
      return new HubDataSource({ url: target, signingKey: options.trustedDocuments.signingKey, fetcher: subgraphFetcher });
    },
    logger,
  });
  const limits = requestLimits(options.limits, { production: options.production });
  return startHttpService<GatewayContext>({
    name: 'gateway',
    host: options.host,
    port: options.port,
    logger,
    production: options.production,
    trustProxy: options.trustProxy,
    bodyLimitBytes: limits.bodyLimitBytes,
    beforeGraphql: [gatewayRateLimit(options.rateLimits, logger), resolvePersistedQueries(options.trustedDocuments.trusted)],
    extraRoutes: options.extraRoutes,
    readiness: () => checkSubgraphsReady([...urls.values()]),
    createApollo: (httpServer: http.Server) =>
      new ApolloServer<GatewayContext>({
        gateway,
        introspection: !options.production,
        includeStacktraceInErrorResponses: false,
        allowBatchedHttpRequests: false,
        persistedQueries: false,
        csrfPrevention: true,
        parseOptions: limits.parseOptions,
        validationRules: limits.validationRules,
        formatError: toPublicError,
        plugins: [
          ApolloServerPluginDrainHttpServer({ httpServer }),
          ...limits.plugins,
          errorReportingPlugin<GatewayContext>(logger, (c) => c),
          ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
        ],
      }),
    context: async (req, correlationId) => ({
      authorization: req.headers.authorization,
      correlationId,
      clientAddress: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 256),
      purpose: typeof req.headers['x-purpose'] === 'string' ? req.headers['x-purpose'].slice(0, 48) : undefined,
      documentHash: originalDocumentHash(req),
    }),
  });
}

async function checkSubgraphsReady(graphqlUrls: string[]): Promise<void> {
  await Promise.all(
    graphqlUrls.map(async (url) => {
      const health = url.replace(/\/graphql$/, '/health/ready');
      const response = await fetch(health, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`${health} answered ${response.status}`);
    }),
  );
}

/** The hash of the document the client sent (after a persisted id was resolved), for the subgraphs' allow-list checks. */
function originalDocumentHash(req: Request): string | undefined {
  const query = req.method === 'POST' ? (req.body as { query?: unknown } | undefined)?.query : (req.query as Record<string, unknown>).query;
  return typeof query === 'string' ? documentHash(query) : undefined;
}
