import jwt from 'jsonwebtoken';
import { AuthenticationError } from './authentication.error';
import type { KeyStore } from './key-store';
import type { HubTokenClaims, TokenSettings } from './token-claims';

const CLOCK_TOLERANCE_SECONDS = 5;

export type TokenVerifier = (authorizationHeader: string | undefined) => HubTokenClaims;

/**
 * Verifies `Authorization: Bearer <jwt>`: RS256 only, known `kid`, issuer, audience, expiry
 * required. Anything else is an AuthenticationError whose reason is logged, never returned.
 */
export function createTokenVerifier(keys: KeyStore, settings: TokenSettings): TokenVerifier {
  const verified = new Map<string, VerifiedToken>();
  return (header) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header?.trim() ?? '');
    if (!match) throw new AuthenticationError(header ? 'malformed authorization header' : 'no token');
    const token = match[1];
    // A client sends the same token with every request until it expires; its signature is checked
    // once. The cache is keyed by the whole token, signature included, and the times are checked each time.
    const known = verified.get(token);
    const nowSeconds = Date.now() / 1000;
    if (known && keys.publicKeys.has(known.kid) && known.exp + CLOCK_TOLERANCE_SECONDS > nowSeconds && known.nbf - CLOCK_TOLERANCE_SECONDS <= nowSeconds) {
      return known.claims;
    }
    if (known) verified.delete(token);
    const claims = verify(keys, settings, token);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
    verified.set(token, claims);
    return claims.claims;
  };
}

interface VerifiedToken {
  claims: HubTokenClaims;
  kid: string;
  exp: number;
  nbf: number;
}

const VERIFIED_CACHE_SIZE = 10_000;

function verify(keys: KeyStore, settings: TokenSettings, token: string): VerifiedToken {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') throw new AuthenticationError('undecodable token');
  if (decoded.header.alg !== 'RS256') throw new AuthenticationError(`algorithm ${decoded.header.alg} refused`);
  const key = decoded.header.kid ? keys.publicKeys.get(decoded.header.kid) : undefined;
  if (!key) throw new AuthenticationError('unknown key id');
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key, {
      algorithms: ['RS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }) as jwt.JwtPayload;
  } catch (error) {
    throw new AuthenticationError(error instanceof Error ? error.message : 'verification failed');
  }
  if (typeof payload.exp !== 'number') throw new AuthenticationError('token has no expiry');
  if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new AuthenticationError('bad subject');
  if (payload.typ !== 'user' && payload.typ !== 'client') throw new AuthenticationError('bad principal type');
  return { claims: { sub: payload.sub, typ: payload.typ }, kid: decoded.header.kid!, exp: payload.exp, nbf: typeof payload.nbf === 'number' ? payload.nbf : 0 };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
