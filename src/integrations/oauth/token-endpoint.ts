import express, { type Express, type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
import type { DataSource, EntityManager } from 'typeorm';
import { JWT_BEARER_ASSERTION_TYPE, verifyClientAssertion } from './client-assertion';
import type { KeyStore } from '../../shared/auth/key-store';
import type { TokenSettings } from '../../shared/auth/token-claims';
import type { Logger } from '../../shared/logging/logger';
import { verifyClientSecret } from './client-secret';
import { jwksOf } from './jwks';
import { FORWARDED_FOR_HEADER, FORWARDED_SIGNATURE_HEADER, formOf, signForwardedAddress, tokenRateLimit } from './token-rate-limit';
import type { RateLimitStore } from '../../shared/http/rate-limit';

export const CLIENT_TOKEN_TTL_SECONDS = 600;
const MAX_FIELD = 256;
/** An RS256 assertion with a 2048-bit key is about 700 characters. */
const MAX_ASSERTION = 3000;

export interface OAuthRoutesOptions {
  keys: KeyStore;
  settings: TokenSettings;
  logger: Logger;
  /** Present where tokens are issued; without it, `/oauth/token` is forwarded to `issuerUrl`. */
  db?: DataSource;
  issuerUrl?: string;
  rateLimits: RateLimitStore;
  /** The gateway–subgraph key (INTERNAL_SIGNING_KEY): vouches for the caller's address on forwarded requests. */
  signingKey: Buffer;
}

interface ClientRow {
  id: string;
  client_id: string;
  secret_hash: string | null;
  has_key: boolean;
  scopes: string[];
  agency_code: string;
}

/**
 * `/.well-known/jwks.json` and `/oauth/token` (RFC 6749 client credentials: the secret in Basic auth
 * or the body, or an RFC 7523 signed assertion for a client that registered a public key).
 */
export function mountOAuthRoutes(app: Express, options: OAuthRoutesOptions): void {
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(jwksOf(options.keys));
  });
  const body = [express.urlencoded({ extended: false, limit: '4kb' }), express.json({ limit: '4kb' })];
  if (options.db && options.keys.signingKey) {
    const limit = tokenRateLimit(options.rateLimits, 'oauth', options.signingKey, options.logger);
    app.post('/oauth/token', ...body, limit, (req, res) => issueToken(req, res, options, options.db!));
  } else if (options.issuerUrl) {
    // Counted here too, per the caller's own address, which the issuer behind cannot see.
    const limit = tokenRateLimit(options.rateLimits, 'oauth-forward', options.signingKey, options.logger);
    app.post('/oauth/token', ...body, limit, (req, res) => forward(req, res, options));
  }
}

async function issueToken(req: Request, res: Response, options: OAuthRoutesOptions, db: DataSource): Promise<void> {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('pragma', 'no-cache');
  const form = credentialsFrom(req);
  if (!form) return oauthError(res, 400, 'invalid_request', 'send grant_type, and client_id with client_secret or a client_assertion');
  if (form.grantType !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type', 'only client_credentials is supported');
  try {
    const client = await db.transaction((tx) => authenticate(tx, form, options));
    if (!client) {
      if (form.kind === 'secret') res.setHeader('www-authenticate', 'Basic realm="resettlement-hub"');
      return oauthError(res, 401, 'invalid_client', 'client authentication failed');
    }
    // The subgraphs load a client's scopes from the database, not the token, so a narrower token
    // would not be narrower in effect: `scope`, if sent, must name exactly the granted scopes.
    const requested = form.scope ? [...new Set(form.scope.split(' ').filter(Boolean))] : client.scopes;
    if (requested.length !== client.scopes.length || requested.some((s) => !client.scopes.includes(s))) {
      return oauthError(res, 400, 'invalid_scope', 'scope must be omitted or name exactly the scopes granted to this client');
    }
    const key = options.keys.signingKey!;
    const token = jwt.sign({ typ: 'client', agency: client.agency_code, scope: requested.join(' '), client_id: client.client_id }, key.privateKey, {
      algorithm: 'RS256',
      keyid: key.kid,
      subject: client.id,
      issuer: options.settings.issuer,
      audience: options.settings.audience,
      expiresIn: CLIENT_TOKEN_TTL_SECONDS,
    });
    res.json({ access_token: token, token_type: 'Bearer', expires_in: CLIENT_TOKEN_TTL_SECONDS, scope: requested.join(' ') });
  } catch (error) {
    options.logger.error({ err: error }, 'token endpoint failed');
    oauthError(res, 503, 'temporarily_unavailable', 'try again later');
  }
}

/**
 * The client, if the request proves to be it: by its secret, or by a signed assertion when it has
 * registered a public key (such a client cannot fall back to a secret).
 */
async function authenticate(tx: EntityManager, form: TokenRequest, options: OAuthRoutesOptions): Promise<ClientRow | undefined> {
  let clientId = form.clientId;
  let failure: string | undefined;
  if (form.kind === 'assertion') {
    const issuer = options.settings.issuer.replace(/\/$/, '');
    const outcome = await verifyClientAssertion(tx, form.assertion, { claimedClientId: form.clientId, audiences: [issuer, `${issuer}/oauth/token`] });
    if (outcome.ok) clientId = outcome.clientId;
    else failure = outcome.reason;
  }
  const [client]: ClientRow[] = clientId
    ? await tx.query(
        `SELECT m.id, m.client_id, m.secret_hash, m.public_jwk IS NOT NULL AS has_key, m.scopes, a.code AS agency_code
           FROM machine_client m JOIN agency a ON a.id = m.agency_id
          WHERE m.client_id = $1 AND m.active AND a.active`,
        [clientId],
      )
    : [];
  if (form.kind === 'secret') {
    const valid = await verifyClientSecret(form.clientSecret, client?.has_key ? null : (client?.secret_hash ?? null));
    if (!valid) failure = client?.has_key ? 'this client authenticates with a signed assertion' : 'wrong client or secret';
  }
  if (failure || !client) {
    options.logger.info({ clientId: clientId?.slice(0, 64), method: form.kind, reason: failure }, 'client authentication failed');
    return undefined;
  }
  return client;
}

type TokenRequest = { grantType: string; scope?: string } & (
  | { kind: 'secret'; clientId: string; clientSecret: string }
  | { kind: 'assertion'; clientId?: string; assertion: string }
);

function credentialsFrom(req: Request): TokenRequest | null {
  const fields = (req.body ?? {}) as Record<string, unknown>;
  const text = (name: string, max = MAX_FIELD) => {
    const value = fields[name];
    return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
  };
  const grantType = text('grant_type');
  if (!grantType) return null;
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
  const assertionType = text('client_assertion_type');
  if (assertionType !== undefined) {
    // One authentication method per request (RFC 6749 2.3).
    const assertion = text('client_assertion', MAX_ASSERTION);
    if (assertionType !== JWT_BEARER_ASSERTION_TYPE || !assertion || basic || fields.client_secret !== undefined) return null;
    return { kind: 'assertion', grantType, scope: text('scope'), clientId: text('client_id'), assertion };
  }
  let clientId = text('client_id');
  let clientSecret = text('client_secret');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return null;
    clientId = safeDecode(decoded.slice(0, colon));
    clientSecret = safeDecode(decoded.slice(colon + 1));
  }
  if (!clientId || !clientSecret || clientId.length > MAX_FIELD || clientSecret.length > MAX_FIELD) return null;
  return { kind: 'secret', grantType, scope: text('scope'), clientId, clientSecret };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

/** The gateway holds no database: it passes token requests to the sharing service. */
async function forward(req: Request, res: Response, options: OAuthRoutesOptions): Promise<void> {
  const { logger } = options;
  res.setHeader('cache-control', 'no-store');
  try {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const form = formOf(req.body);
    const address = req.ip ?? req.socket.remoteAddress;
    if (address) {
      headers[FORWARDED_FOR_HEADER] = address;
      headers[FORWARDED_SIGNATURE_HEADER] = signForwardedAddress(options.signingKey, address, req.headers.authorization, form);
    }
    const answer = await fetch(`${options.issuerUrl}/oauth/token`, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(5000) });
    const www = answer.headers.get('www-authenticate');
    if (www) res.setHeader('www-authenticate', www);
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) res.setHeader('retry-after', retryAfter);
    res.status(answer.status).json(await answer.json());
  } catch (error) {
    logger.warn({ err: error }, 'token issuer unreachable');
    oauthError(res, 503, 'temporarily_unavailable', 'try again later');
  }
}
