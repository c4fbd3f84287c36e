import type { DataSource } from 'typeorm';
import { startGateway } from './gateway/gateway-server';
import { readCommittedSchemas } from './gateway/supergraph-composition';
import type { KeyStore } from './shared/auth/key-store';
import { createTokenVerifier } from './shared/auth/token-verifier';
import { SUBGRAPH_NAMES, type Config, type SubgraphName } from './shared/config';
import { startSubgraphServer } from './shared/graphql/subgraph-server';
import type { RunningService } from './shared/http/http-service';
import { createRateLimitStore } from './shared/http/rate-limit';
import type { Logger } from './shared/logging/logger';
import type { PolicySet } from './shared/policy/policy-set';
import type { AuditAppender } from './shared/audit/audit-commit.plugin';
import type { AccessControlFactory } from './shared/graphql/subgraph-server';
import { SUBGRAPH_SCHEMA_BUILDERS } from './subgraphs/subgraph-registry';
import { mountOAuthRoutes } from './integrations/oauth/token-endpoint';
import { loadTrustedDocuments, type TrustedDocuments } from './integrations/trusted-documents/trusted-documents.loader';
import { loadInternalSigningKey } from './shared/auth/internal-signing-key';
import { webhookUrlPolicy } from './integrations/webhooks/webhook-url-policy';
import { mountDevSignIn } from './web/dev-sign-in';
import { mountWebApp } from './web/web-app-routes';

export interface HubDependencies {
  config: Config;
  /** Needed by the subgraphs; a gateway alone runs without one. */
  db?: DataSource;
  keys: KeyStore;
  logger: Logger;
  policy: PolicySet;
  /** Only the benchmark replaces the real disclosure-log writer; refused in production. */
  appendAudit?: AuditAppender;
  /** Per-client allow-lists; loaded from `config.trustedDocumentsDir` (or policies/trusted-documents) when absent. */
  trustedDocuments?: TrustedDocuments;
  /** Only the benchmark replaces the policy point (its "policy off" level); refused in production. */
  accessControl?: AccessControlFactory;
}

export interface RunningHub {
  services: RunningService[];
  url: (service: string) => string | undefined;
  stop: () => Promise<void>;
}

/** Starts the services this process runs (all of them for `npm start`, one per container in compose). */
export async function startHub({ config, db, keys, logger, policy, appendAudit, accessControl, ...rest }: HubDependencies): Promise<RunningHub> {
  const verifyToken = createTokenVerifier(keys, config.jwt);
  const production = config.nodeEnv === 'production';
  const trustedDocuments = rest.trustedDocuments ?? loadTrustedDocuments(config.trustedDocumentsDir);
  const signingKey = loadInternalSigningKey({
    fromEnvironment: config.internalSigningKey,
    keysDir: config.jwt.keysDir,
    generate: config.jwt.generateKeys,
  });
  const services: RunningService[] = [];
  const localSubgraphUrls: Partial<Record<SubgraphName, string>> = {};
  const rateLimits = createRateLimitStore(config.rateLimit, logger.child({ component: 'rate-limit' }));
  try {
    for (const name of SUBGRAPH_NAMES.filter((n) => config.services.includes(n))) {
      if (!db) throw new Error(`the ${name} subgraph needs a database`);
      const schema = await SUBGRAPH_SCHEMA_BUILDERS[name](db, {
        webhookUrls: webhookUrlPolicy(config.webhooks),
        feedRetentionDays: config.changeFeedRetentionDays,
      });
      const service = await startSubgraphServer({
        name,
        schema,
        db,
        verifyToken,
        policy,
        appendAudit,
        accessControl,
        logger: logger.child({ component: name }),
        host: config.host,
        port: config.ports[name],
        production,
        trustProxy: config.trustProxy,
        limits: config.limits,
        rateLimits,
        trustedDocuments: { trusted: trustedDocuments, signingKey },
        extraRoutes:
          name === 'sharing' ? (app) => mountOAuthRoutes(app, { keys, settings: config.jwt, db, rateLimits, signingKey, logger: logger.child({ component: 'oauth' }) }) : undefined,
      });
      services.push(service);
      localSubgraphUrls[name] = `${service.url}/graphql`;
    }
    if (config.services.includes('gateway')) {
      services.push(
        await startGateway({
          supergraphSdl: readCommittedSchemas().supergraph,
          subgraphUrls: { ...localSubgraphUrls, ...definedOnly(config.subgraphUrls) },
          logger: logger.child({ component: 'gateway' }),
          host: config.host,
          port: config.ports.gateway,
          production,
          trustProxy: config.trustProxy,
          limits: config.limits,
          rateLimits,
          trustedDocuments: { trusted: trustedDocuments, signingKey },
          // Issues tokens itself when this process holds the database, else forwards to the sharing service.
          extraRoutes: (app) => {
            mountOAuthRoutes(app, {
              keys,
              settings: config.jwt,
              db,
              rateLimits,
              signingKey,
              issuerUrl: localSubgraphUrls.sharing?.replace(/\/graphql$/, '') ?? config.subgraphUrls.sharing?.replace(/\/graphql$/, ''),
              logger: logger.child({ component: 'oauth' }),
            });
            // Never in production, whatever DEV_SIGN_IN says (config refuses that combination too).
            const devSignIn = config.web.devSignIn && !production && keys.signingKey !== undefined;
            if (devSignIn) mountDevSignIn(app, { signingKey: keys.signingKey!, settings: config.jwt });
            mountWebApp(app, { ...config.web, devSignIn }, logger.child({ component: 'web' }));
          },
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(services.map((s) => s.stop()));
    await rateLimits.close();
    throw error;
  }
  return {
    services,
    url: (name) => services.find((s) => s.name === name)?.url,
    // The gateway stops first so nothing new reaches the subgraphs while they drain.
    stop: async () => {
      for (const service of [...services].reverse()) await service.stop();
      await rateLimits.close();
    },
  };
}

function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
