import jwt from 'jsonwebtoken';
import type { SigningKey } from './key-store';
import type { HubTokenClaims, TokenSettings } from './token-claims';

export function signToken(
  claims: HubTokenClaims,
  key: SigningKey,
  settings: TokenSettings,
  ttlSeconds: number,
): string {
  return jwt.sign({ typ: claims.typ }, key.privateKey, {
    algorithm: 'RS256',
    keyid: key.kid,
    subject: claims.sub,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: ttlSeconds,
  });
}
