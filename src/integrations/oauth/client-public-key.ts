import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * A partner's public key (PEM, or a JWK as JSON) as the JWK stored in `machine_client.public_jwk`:
 * RSA of 2048 bits at least (RS256) or EC P-256 (ES256). A private key is refused, so it is never
 * stored by mistake.
 */
export function registrableJwk(text: string): JsonWebKey {
  let key: KeyObject;
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JsonWebKey;
      if ('d' in jwk) throw new KeyProblem('that is a private key: register only the public half');
      key = createPublicKey({ key: jwk, format: 'jwk' });
    } else {
      if (/PRIVATE KEY/.test(trimmed)) throw new KeyProblem('that is a private key: register only the public half');
      key = createPublicKey(trimmed);
    }
  } catch (error) {
    if (error instanceof KeyProblem) throw error;
    throw new KeyProblem('not a PEM public key or a JWK');
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return key.export({ format: 'jwk' });
  throw new KeyProblem('use an RSA key of 2048 bits or more (RS256) or an EC P-256 key (ES256)');
}

export class KeyProblem extends Error {}
