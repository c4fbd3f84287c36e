import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { demoUserId } from '../../seeds/demo-users';
import type { TestHub } from './test-hub';

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token for leeds.cm signed with the hub's real key, with the claims and header overridden. */
export function signedToken(hub: TestHub, payload: Record<string, unknown> = {}, options: { kid?: string; key?: jwt.Secret } = {}): string {
  const { signingKey } = hub.keys;
  return jwt.sign(
    { typ: 'user', sub: demoUserId('leeds.cm'), iss: hub.config.jwt.issuer, aud: hub.config.jwt.audience, exp: now() + 300, ...payload },
    options.key ?? signingKey!.privateKey,
    { algorithm: 'RS256', keyid: options.kid ?? signingKey!.kid },
  );
}

/**
 * Every kind of token the hub must refuse with UNAUTHENTICATED: missing, malformed, tampered,
 * forged (`alg: none`, HS256 keyed with the public key, another key), out of date, unknown `kid`,
 * another issuer or audience, unknown or malformed subject. Each makes a fresh token when called.
 */
export const FORGED_TOKEN_KINDS = [
  'no token', 'a malformed token', 'a tampered payload', 'a signature from another key', 'alg: none',
  'HS256 signed with the public key', 'an expired token', 'a token not yet valid', 'a token without expiry',
  'an unknown kid', 'another issuer', 'another audience', 'an unknown subject', 'a subject that is not a UUID',
  'a client token naming a user',
] as const;
export type ForgedTokenKind = (typeof FORGED_TOKEN_KINDS)[number];

export function forgedToken(hub: TestHub, kind: ForgedTokenKind): string | undefined {
  const make = new Map(forgedTokens(hub)).get(kind);
  if (!make) throw new Error(`no forged token ${kind}`);
  return make();
}

function forgedTokens(hub: TestHub): [ForgedTokenKind, () => string | undefined][] {
  const claims = () => ({ typ: 'user', sub: demoUserId('leeds.cm'), iss: hub.config.jwt.issuer, aud: hub.config.jwt.audience, exp: now() + 300 });
  const kid = () => hub.keys.signingKey!.kid;
  return [
    ['no token', () => undefined],
    ['a malformed token', () => 'not-a-jwt'],
    ['a tampered payload', () => {
      const [header, , signature] = signedToken(hub).split('.');
      return `${header}.${b64({ ...claims(), sub: demoUserId('dpo') })}.${signature}`;
    }],
    ['a signature from another key', () => signedToken(hub, {}, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })],
    ['alg: none', () => `${b64({ alg: 'none', typ: 'JWT', kid: kid() })}.${b64(claims())}.`],
    ['HS256 signed with the public key', () => {
      const publicPem = hub.keys.publicKeys.get(kid())!.export({ type: 'spki', format: 'pem' }).toString();
      const header = b64({ alg: 'HS256', typ: 'JWT', kid: kid() });
      const payload = b64(claims());
      const mac = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
      return `${header}.${payload}.${mac}`;
    }],
    ['an expired token', () => signedToken(hub, { exp: now() - 60 })],
    ['a token not yet valid', () => signedToken(hub, { nbf: now() + 600 })],
    ['a token without expiry', () => {
      const { exp: _exp, ...noExpiry } = claims();
      return jwt.sign(noExpiry, hub.keys.signingKey!.privateKey, { algorithm: 'RS256', keyid: kid() });
    }],
    ['an unknown kid', () => signedToken(hub, {}, { kid: 'retired-key' })],
    ['another issuer', () => signedToken(hub, { iss: 'https://elsewhere.example' })],
    ['another audience', () => signedToken(hub, { aud: 'another-service' })],
    ['an unknown subject', () => signedToken(hub, { sub: '00000000-0000-4000-8000-000000000099' })],
    ['a subject that is not a UUID', () => signedToken(hub, { sub: "' OR 1=1 --" })],
    ['a client token naming a user', () => signedToken(hub, { typ: 'client' })],
  ];
}
