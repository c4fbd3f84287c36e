export type PrincipalKind = 'user' | 'client';

/** The hub's own claims; standard ones (iss, aud, exp, iat, nbf) are checked by the verifier. */
export interface HubTokenClaims {
  sub: string;
  typ: PrincipalKind;
}

export interface TokenSettings {
  issuer: string;
  audience: string;
}
