import { createHash } from 'node:crypto';
import { HeaderMap } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitSettings } from '../config';
import type { Logger } from '../logging/logger';

/**
 * Where request counters live: this process's memory, or Redis when REDIS_URL is set so that every
 * replica counts against the same budget. If Redis is unreachable each process falls back to its own
 * memory counters (an "insurance" limiter) rather than refusing or waving through every request.
 */
export interface RateLimitStore {
  settings: RateLimitSettings;
  redis?: Redis;
  close: () => Promise<void>;
}

export function createRateLimitStore(settings: RateLimitSettings, logger: Logger): RateLimitStore {
  if (!settings.redisUrl) return { settings, close: async () => undefined };
  const redis = new Redis(settings.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let healthy = true;
  redis.on('ready', () => {
    if (!healthy) logger.info('rate limit store reachable again');
    healthy = true;
  });
  redis.on('error', (error: Error & { code?: string }) => {
    if (healthy) logger.warn({ code: error.code }, 'rate limit store unreachable; counting in memory meanwhile');
    healthy = false;
  });
  return {
    settings,
    redis,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export interface RateLimiter {
  /** Counts one request for `key`: the seconds to wait when over the limit, otherwise undefined. */
  consume: (key: string) => Promise<number | undefined>;
}

export function createRateLimiter(store: RateLimitStore, name: string, points: number, logger: Logger): RateLimiter {
  const duration = store.settings.windowSeconds;
  const keyPrefix = `${store.settings.keyPrefix}:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  const limiter: RateLimiterAbstract = store.redis
    ? new RateLimiterRedis({ storeClient: store.redis, keyPrefix, points, duration, rejectIfRedisNotReady: true, insuranceLimiter: memory })
    : memory;
  return {
    consume: async (key) => {
      try {
        await limiter.consume(key);
        return undefined;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        // Counting failed altogether: serve the request rather than turn a counter fault into an outage.
        logger.warn({ err: rejection instanceof Error ? { message: rejection.message } : undefined, limiter: name }, 'rate limit check failed');
        return undefined;
      }
    },
  };
}

export const RATE_LIMITED_MESSAGE = 'Too many requests; wait and try again';

/** The subgraphs' answer once a principal is over its budget: 429 with Retry-After. */
export function rateLimitedError(retryAfterSeconds: number, correlationId: string): GraphQLError {
  return new GraphQLError(RATE_LIMITED_MESSAGE, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      correlationId,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * The gateway verifies no token (it is a router), so it counts per bearer token (by hash: the
 * token itself never becomes a key) and, whatever the token, per client address, which stops a
 * caller from escaping its budget by inventing tokens.
 */
export function gatewayRateLimit(store: RateLimitStore, logger: Logger): RequestHandler {
  const perToken = createRateLimiter(store, 'gateway:token', store.settings.gatewayPerToken, logger);
  const perAddress = createRateLimiter(store, 'gateway:address', store.settings.gatewayPerAddress, logger);
  return async (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const token = bearerHash(req);
    const waits = await Promise.all([perAddress.consume(address), perToken.consume(token ? `t:${token}` : `a:${address}`)]);
    const wait = Math.max(0, ...waits.map((w) => w ?? 0));
    if (!wait) return next();
    res.status(429).setHeader('retry-after', String(wait));
    res.json({
      errors: [{ message: RATE_LIMITED_MESSAGE, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, correlationId: res.locals.correlationId } }],
    });
  };
}

function bearerHash(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  return createHash('sha256').update(header.trim()).digest('base64url').slice(0, 32);
}
