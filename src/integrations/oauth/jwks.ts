import type { KeyStore } from '../../shared/auth/key-store';

export interface Jwk {
  kty: string;
  kid: string;
  use: 'sig';
  alg: 'RS256';
  n: string;
  e: string;
}

/** Every public key this hub accepts, signing or not yet retired, as a JSON Web Key Set. */
export function jwksOf(keys: KeyStore): { keys: Jwk[] } {
  return {
    keys: [...keys.publicKeys].map(([kid, key]) => {
      const { kty, n, e } = key.export({ format: 'jwk' });
      return { kty: kty!, kid, use: 'sig', alg: 'RS256', n: n!, e: e! };
    }),
  };
}
