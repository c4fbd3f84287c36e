import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { EntityManager } from 'typeorm';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Longest an assertion may live: the jti is remembered until it expires. */
const MAX_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 5;
const ALGORITHMS = { RS256: 'rsa', ES256: 'ec' } as const;
type Algorithm = keyof typeof ALGORITHMS;

export interface AssertionClientRow {
  id: string;
  client_id: string;
  public_jwk: JsonWebKey | null;
}

export type AssertionOutcome = { ok: true; clientId: string } | { ok: false; reason: string };

/** The client an assertion claims to be (`iss`), unverified: for looking its key up and for counters. */
export function assertionIssuer(assertion: string): string | undefined {
  const decoded = jwt.decode(assertion, { json: true });
  return typeof decoded?.iss === 'string' && decoded.iss.length <= 256 ? decoded.iss : undefined;
}

/**
 * RFC 7523 client authentication (private_key_jwt): an RS256 or ES256 JWT signed with the key the
 * client registered, iss = sub = client id, aud naming this hub's issuer or token endpoint, exp at
 * most 5 minutes ahead, and a jti never seen before from this client (remembered until exp).
 */
export async function verifyClientAssertion(
  db: EntityManager,
  assertion: string,
  options: { claimedClientId?: string; audiences: string[]; now?: Date },
): Promise<AssertionOutcome> {
  const decoded = jwt.decode(assertion, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') return { ok: false, reason: 'undecodable assertion' };
  const alg = decoded.header.alg;
  if (!(alg in ALGORITHMS)) return { ok: false, reason: `algorithm ${alg} refused` };
  const clientId = decoded.payload.iss;
  if (typeof clientId !== 'string' || decoded.payload.sub !== clientId) return { ok: false, reason: 'iss and sub must both be the client id' };
  if (options.claimedClientId !== undefined && options.claimedClientId !== clientId) return { ok: false, reason: 'client_id differs from iss' };

  const [client]: AssertionClientRow[] = await db.query(
    `SELECT m.id, m.client_id, m.public_jwk FROM machine_client m JOIN agency a ON a.id = m.agency_id
      WHERE m.client_id = $1 AND m.active AND a.active`,
    [clientId],
  );
  const key = client?.public_jwk ? publicKeyOf(client.public_jwk, alg as Algorithm) : undefined;
  if (!client || !key) return { ok: false, reason: 'no registered key for this client and algorithm' };

  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(assertion, key, {
      algorithms: [alg as Algorithm],
      audience: options.audiences as [string, ...string[]],
      issuer: clientId,
      subject: clientId,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      clockTimestamp: nowSeconds,
    }) as jwt.JwtPayload;
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'verification failed' };
  }
  if (typeof payload.exp !== 'number') return { ok: false, reason: 'no exp' };
  if (payload.exp > nowSeconds + MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: 'exp more than 5 minutes ahead' };
  if (typeof payload.jti !== 'string' || payload.jti.length < 1 || payload.jti.length > 256) return { ok: false, reason: 'no usable jti' };

  await db.query(`DELETE FROM client_assertion_jti WHERE expires_at < now() - interval '1 minute'`);
  const inserted: unknown[] = await db.query(
    `INSERT INTO client_assertion_jti (client_id, jti, expires_at) VALUES ($1, $2, to_timestamp($3))
     ON CONFLICT DO NOTHING RETURNING 1`,
    [client.id, payload.jti, payload.exp + CLOCK_TOLERANCE_SECONDS],
  );
  if (inserted.length === 0) return { ok: false, reason: 'jti already used' };
  return { ok: true, clientId };
}

/** The registered JWK as a key of the kind the algorithm needs (RSA for RS256, P-256 for ES256), else undefined. */
function publicKeyOf(jwk: JsonWebKey, alg: Algorithm): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    if (key.type !== 'public' || key.asymmetricKeyType !== ALGORITHMS[alg]) return undefined;
    if (alg === 'ES256' && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return undefined;
    return key;
  } catch {
    return undefined;
  }
}
