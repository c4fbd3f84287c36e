import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { auditCommitPlugin, type AuditAppender } from '../audit/audit-commit.plugin';
import { DisclosureRecorder } from '../audit/disclosure-recorder';
import { AuthenticationError } from '../auth/authentication.error';
import { principalFrom, principalStatement, type PrincipalRow, type Principal } from '../auth/principal';
import type { GraphQLContext } from '../auth/request-context';
import type { TokenVerifier } from '../auth/token-verifier';
import type { RequestLimitSettings } from '../config';
import { startHttpService, type HttpServiceOptions, type RunningService } from '../http/http-service';
import { createRateLimiter, rateLimitedError, type RateLimitStore } from '../http/rate-limit';
import { RequestTransaction } from '../db/request-transaction';
import type { Logger } from '../logging/logger';
import { AccessControl } from '../policy/access-control';
import type { PolicySet } from '../policy/policy-set';
import { errorReportingPlugin } from './error-reporting.plugin';
import { RequestLoaders } from './request-loaders';
import { requestLimits } from './request-limits';
import { toPublicError, UNAVAILABLE_MESSAGE } from './public-error';
import { resolvePersistedQueries } from '../../integrations/trusted-documents/persisted-query.middleware';
import { checkTrustedDocument, type TrustedDocumentPolicy } from '../../integrations/trusted-documents/trusted-document.check';

/** Builds a request's policy point; the real one unless the benchmark measures a level without policy. */
export type AccessControlFactory = (principal: Principal, policy: PolicySet, now: Date) => AccessControl;

const realAccessControl: AccessControlFactory = (principal, policy, now) => new AccessControl(principal, policy, now);

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  db: DataSource;
  verifyToken: TokenVerifier;
  policy: PolicySet;
  /** Only the benchmark replaces the real writer (startHub refuses it in production). */
  appendAudit?: AuditAppender;
  /** Only the benchmark replaces the policy point (startHub refuses it in production). */
  accessControl?: AccessControlFactory;
  logger: Logger;
  host: string;
  port: number;
  production: boolean;
  trustProxy: string[];
  limits: RequestLimitSettings;
  rateLimits: RateLimitStore;
  trustedDocuments: TrustedDocumentPolicy;
  extraRoutes?: HttpServiceOptions<GraphQLContext>['extraRoutes'];
}

/**
 * A subgraph verifies the bearer token and loads the principal itself on every request, so it is
 * exactly as safe reached directly as through the gateway.
 */
export function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningService> {
  const { logger, db } = options;
  if (options.production && (options.appendAudit || options.accessControl)) {
    throw new Error('the disclosure log and the policy point cannot be replaced when NODE_ENV=production');
  }
  const accessControl = options.accessControl ?? realAccessControl;
  const limits = requestLimits(options.limits, { production: options.production });
  const perPrincipal = createRateLimiter(options.rateLimits, `${options.name}:principal`, options.rateLimits.settings.perPrincipal, logger);
  return startHttpService<GraphQLContext>({
    name: options.name,
    host: options.host,
    port: options.port,
    logger,
    production: options.production,
    trustProxy: options.trustProxy,
    bodyLimitBytes: limits.bodyLimitBytes,
    beforeGraphql: [resolvePersistedQueries(options.trustedDocuments.trusted)],
    extraRoutes: options.extraRoutes,
    readiness: async () => {
      await db.query('SELECT 1');
    },
    createApollo: (httpServer: http.Server) =>
      new ApolloServer<GraphQLContext>({
        schema: options.schema,
        introspection: !options.production,
        includeStacktraceInErrorResponses: false,
        allowBatchedHttpRequests: false,
        // Persisted documents come only from trusted-documents manifests (resolvePersistedQueries), never registered at run time.
        persistedQueries: false,
        csrfPrevention: true,
        parseOptions: limits.parseOptions,
        validationRules: limits.validationRules,
        formatError: toPublicError,
        plugins: [
          ApolloServerPluginDrainHttpServer({ httpServer }),
          ApolloServerPluginInlineTraceDisabled(),
          // Nothing here may be cached (every answer is one caller's view of children's data), and
          // the cache-control plugin wraps every field's resolver to collect hints nobody sets.
          ApolloServerPluginCacheControlDisabled(),
          ...limits.plugins,
          errorReportingPlugin<GraphQLContext>(logger, (c) => c?.request),
          auditCommitPlugin(logger, options.appendAudit),
          ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
        ],
      }),
    context: async (req, correlationId) => {
      const requestLogger = logger.child({ correlationId });
      let tx: RequestTransaction | undefined;
      try {
        const claims = options.verifyToken(req.headers.authorization);
        const retryAfter = await perPrincipal.consume(`${claims.typ}:${claims.sub}`);
        if (retryAfter) {
          requestLogger.info({ principalId: claims.sub, retryAfter }, 'rate limited');
          throw rateLimitedError(retryAfter, correlationId);
        }
        tx = new RequestTransaction(db);
        // The request's plugin commits or rolls back, but Apollo refuses some requests after the
        // context exists without running any plugin (a body it cannot use): whatever is still open
        // when the response closes is rolled back, so no connection stays checked out.
        const opened = tx;
        req.res?.once('close', () => void opened.rollback());
        const principal = principalFrom(await tx.beginWith<PrincipalRow>(principalStatement(claims)), claims);
        checkTrustedDocument(options.trustedDocuments, principal, req, requestLogger, correlationId);
        return {
          request: {
            principal,
            correlationId,
            clientAddress: req.ip ?? null,
            userAgent: req.headers['user-agent']?.slice(0, 256) ?? null,
            purpose: purposeFrom(req.headers['x-purpose']),
            logger: requestLogger,
            access: accessControl(principal, options.policy, new Date()),
            tx,
            audit: new DisclosureRecorder(),
            loaders: new RequestLoaders(),
          },
        };
      } catch (error) {
        await tx?.rollback();
        if (error instanceof GraphQLError) throw error;
        if (error instanceof AuthenticationError) {
          requestLogger.info({ reason: error.detail }, 'request not authenticated');
          throw new GraphQLError(error.message, { extensions: { code: error.code, correlationId, http: { status: 401 } } });
        }
        requestLogger.error({ err: error }, 'could not establish request context');
        throw new GraphQLError(UNAVAILABLE_MESSAGE, {
          extensions: { code: 'SERVICE_UNAVAILABLE', correlationId, http: { status: 503 } },
        });
      }
    },
  });
}

const DEFAULT_PURPOSE = 'RESETTLEMENT_PLANNING';

/** The purpose the caller declares for this request; recorded with every disclosure. */
function purposeFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Z][A-Z_]{2,47}$/.test(value) ? value : DEFAULT_PURPOSE;
}
