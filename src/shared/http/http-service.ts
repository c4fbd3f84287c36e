import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import type { Logger } from '../logging/logger';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';
import { securityHeaders } from './security-headers';

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export interface HttpServiceOptions<TContext extends BaseContext> {
  name: string;
  host: string;
  port: number;
  logger: Logger;
  /** Throws when the service cannot serve (e.g. database unreachable). */
  readiness: () => Promise<void>;
  createApollo: (httpServer: http.Server) => ApolloServer<TContext>;
  context: (req: Request, correlationId: string) => Promise<TContext>;
  production: boolean;
  /** Express `trust proxy`: the proxies whose X-Forwarded-For names the client (TRUST_PROXY). */
  trustProxy: string[];
  /** Largest request body accepted on /graphql (request-limits.ts). */
  bodyLimitBytes: number;
  /** Runs before GraphQL on /graphql, e.g. the gateway's rate limit. */
  beforeGraphql?: RequestHandler[];
  /** Routes outside GraphQL, e.g. `/oauth/token` and `/.well-known/jwks.json`. */
  extraRoutes?: (app: express.Express) => void;
}

/** Express with `/graphql`, `/health/live` and `/health/ready`; stop() drains in-flight requests. */
export async function startHttpService<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningService> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  const httpServer = http.createServer(app);
  const apollo = options.createApollo(httpServer);
  await apollo.start();

  app.use((req, res, next) => {
    res.locals.correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    res.setHeader(CORRELATION_HEADER, res.locals.correlationId);
    next();
  });
  app.use(securityHeaders(options.production));
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/health/ready', async (_req, res) => {
    try {
      await options.readiness();
      res.json({ status: 'ready', service: options.name });
    } catch (error) {
      options.logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', service: options.name });
    }
  });
  options.extraRoutes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimitBytes }),
    requireJsonBody,
    ...(options.beforeGraphql ?? []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => options.context(req, res.locals.correlationId as string),
    }),
  );
  app.use((_req, res) => {
    sendError(res, 404, 'NOT_FOUND', 'No such endpoint');
  });
  app.use(requestErrorHandler(options.logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  options.logger.info({ url: `${url}/graphql` }, `${options.name} listening`);
  return { name: options.name, url, port, stop: () => apollo.stop() };
}

/** A POST whose body was not parsed as JSON (text/plain, form data…) goes no further: no CSRF, no 500. */
const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method === 'POST' && req.body === undefined) {
    sendError(res, 415, 'BAD_REQUEST', 'Send the request body as application/json');
    return;
  }
  next();
};

/** Body-parser and other HTTP-level errors as GraphQL-shaped JSON: a stable code, never a stack. */
function requestErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { type?: string; status?: number } | undefined, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (error?.type === 'entity.too.large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
    if (error?.type === 'entity.parse.failed') return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
    if (status >= 400 && status < 500) return sendError(res, status, 'BAD_REQUEST', 'The request could not be read');
    logger.error({ correlationId: res.locals.correlationId, err: error }, 'unexpected HTTP error');
    sendError(res, 500, 'INTERNAL', 'Something went wrong on our side; quote the correlation id when reporting it');
  };
}

function sendError(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, correlationId: res.locals.correlationId } }] });
}
