import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import type { Logger } from '../logging/logger';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';

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
  bodyLimit?: string;
}

/** Express with `/graphql`, `/health/live` and `/health/ready`; stop() drains in-flight requests. */
export async function startHttpService<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningService> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);
  const apollo = options.createApollo(httpServer);
  await apollo.start();

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
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
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
        res.setHeader(CORRELATION_HEADER, correlationId);
        return options.context(req, correlationId);
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  options.logger.info({ url: `${url}/graphql` }, `${options.name} listening`);
  return { name: options.name, url, port, stop: () => apollo.stop() };
}
