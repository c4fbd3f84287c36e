import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { createRateLimiter, type RateLimitStore } from '../../shared/http/rate-limit';
import type { Logger } from '../../shared/logging/logger';
import { assertionIssuer } from './client-assertion';

/**
 * Bounds guessing on `/oauth/token`: requests per window for each client id named (whether or not
 * the secret is right, so one client's secret cannot be guessed faster than this) and for each
 * address (so one address cannot spray many client ids). Counted before the secret is checked,
 * which also bounds the scrypt work an attacker can cause. `counter` keeps the gateway's counts
 * apart from the issuer's when the gateway forwards.
 */
export function tokenRateLimit(store: RateLimitStore, counter: string, signingKey: Buffer, logger: Logger): RequestHandler {
  const { tokenPerClient, tokenPerAddress } = store.settings;
  const perClient = createRateLimiter(store, `${counter}:client`, tokenPerClient, logger);
  const perAddress = createRateLimiter(store, `${counter}:address`, tokenPerAddress, logger);
  return async (req, res, next) => {
    const address = forwardedAddress(signingKey, req) ?? req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const clientId = claimedClientId(req);
    const waits = await Promise.all([perAddress.consume(address), clientId ? perClient.consume(clientId) : undefined]);
    const wait = Math.max(0, ...waits.map((w) => w ?? 0));
    if (!wait) return next();
    logger.info({ clientId: clientId?.slice(0, 64), retryAfter: wait, correlationId: res.locals.correlationId }, 'token requests rate limited');
    res.status(429).setHeader('retry-after', String(wait));
    res.setHeader('cache-control', 'no-store');
    res.json({ error: 'temporarily_unavailable', error_description: `too many token requests; retry after ${wait} seconds` });
  };
}

/** The client id a token request names (Basic auth or form), unverified: only a counter key. */
function claimedClientId(req: Request): string | undefined {
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon > 0 ? decoded.slice(0, Math.min(colon, 256)) : undefined;
  }
  const fields = (req.body ?? {}) as Record<string, unknown>;
  if (typeof fields.client_id === 'string' && fields.client_id.length > 0) return fields.client_id.slice(0, 256);
  return typeof fields.client_assertion === 'string' ? assertionIssuer(fields.client_assertion) : undefined;
}

export const FORWARDED_FOR_HEADER = 'x-hub-forwarded-for';
export const FORWARDED_SIGNATURE_HEADER = 'x-hub-forwarded-signature';

/**
 * A gateway forwarding token requests tells the issuer the caller's address, signed with the
 * internal key over the request it forwards, so that the issuer's per-address count is per caller
 * rather than one count for the gateway (its own proxy trust stops at loopback).
 */
export function signForwardedAddress(key: Buffer, address: string, authorization: string | undefined, form: URLSearchParams): string {
  return createHmac('sha256', key).update(['oauth-forward', address, authorization ?? '', form.toString()].join('\n')).digest('hex');
}

function forwardedAddress(key: Buffer, req: Request): string | undefined {
  const address = req.headers[FORWARDED_FOR_HEADER];
  const signature = req.headers[FORWARDED_SIGNATURE_HEADER];
  if (typeof address !== 'string' || typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const expected = Buffer.from(signForwardedAddress(key, address, req.headers.authorization, formOf(req.body)), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? address : undefined;
}

/** The string fields of a parsed token request, in order: what a forwarding gateway sends on. */
export function formOf(body: unknown): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof value === 'string') form.set(name, value);
  return form;
}
