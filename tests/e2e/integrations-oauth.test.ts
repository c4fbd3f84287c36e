import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { DEMO_CLIENT_SECRET, DEMO_CLIENTS } from '../../seeds/demo-users';
import { generateKeyPair, loadKeyStore } from '../../src/shared/auth/key-store';
import { signToken } from '../../src/shared/auth/token-signer';
import { createTokenVerifier } from '../../src/shared/auth/token-verifier';
import { retireKey, rotateSigningKey } from '../../src/integrations/oauth/key-rotation';
import type { ServiceName } from '../../src/shared/config';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const leedsCms = DEMO_CLIENTS.find((c) => c.client_id === 'leeds-cms')!;
const ME = '{ me { kind handle scopes agency { code } } }';

// The hub runs on its own key folder: an old key that signed a token before a rotation, and the new one.
const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-rotation-'));
const oldKid = generateKeyPair(keysDir);
let tokenFromOldKey: string;
let newKid: string;
let hub: TestHub;

beforeAll(async () => {
  const oldKeys = loadKeyStore(keysDir, { generateIfEmpty: false });
  tokenFromOldKey = signToken({ sub: leedsCms.id, typ: 'client' }, oldKeys.signingKey!, { issuer: 'https://hub.resettlement.local', audience: 'resettlement-hub' }, 600);
  newKid = rotateSigningKey(keysDir).newKid;
  hub = await startTestHub({ env: { JWT_KEYS_DIR: keysDir } });
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(keysDir, { recursive: true, force: true });
});

async function requestToken(service: ServiceName, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${hub.baseUrl(service)}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const credentials = { grant_type: 'client_credentials', client_id: 'leeds-cms', client_secret: DEMO_CLIENT_SECRET };

describe.each<ServiceName>(['gateway', 'sharing'])('POST /oauth/token at the %s', (service) => {
  it('issues a short-lived RS256 token carrying the agency and scopes, signed by the newest key, that the API accepts', async () => {
    const { status, headers, body } = await requestToken(service, credentials);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'cases:read cases:write changes:read' });
    const decoded = jwt.decode(body.access_token as string, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: 'RS256', kid: newKid });
    const claims = decoded.payload as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: leedsCms.id, typ: 'client', agency: 'LEEDS_YJS', scope: 'cases:read cases:write changes:read' });
    expect(claims.exp! - claims.iat!).toBe(600);
    const me = await hub.query(ME, { token: body.access_token as string });
    expect(me.body.data).toEqual({ me: { kind: 'CLIENT', handle: 'leeds-cms', scopes: ['cases:read', 'cases:write', 'changes:read'], agency: { code: 'LEEDS_YJS' } } });
  });

  it('accepts the secret in HTTP Basic authentication', async () => {
    const basic = Buffer.from(`leeds-cms:${DEMO_CLIENT_SECRET}`).toString('base64');
    const { status } = await requestToken(service, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(status).toBe(200);
  });

  it.each([
    ['a wrong secret', { ...credentials, client_secret: 'not-the-secret' }, 401, 'invalid_client'],
    ['an unknown client', { ...credentials, client_id: 'sheffield-cms' }, 401, 'invalid_client'],
    ['another grant type', { ...credentials, grant_type: 'password' }, 400, 'unsupported_grant_type'],
    ['no secret', { grant_type: 'client_credentials', client_id: 'leeds-cms' }, 400, 'invalid_request'],
    ['a scope the client does not hold', { ...credentials, scope: 'cases:read consent:write' }, 400, 'invalid_scope'],
    ['a narrower scope than granted (it would not be narrower in effect)', { ...credentials, scope: 'cases:read' }, 400, 'invalid_scope'],
  ])('refuses %s without issuing a token', async (_name, form, status, error) => {
    const answer = await requestToken(service, form as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(answer.body.access_token).toBeUndefined();
  });
});

it('refuses a deactivated client', async () => {
  await hub.db.query(`UPDATE machine_client SET active = false WHERE client_id = 'leeds-cms'`);
  try {
    expect((await requestToken('gateway', credentials)).status).toBe(401);
  } finally {
    await hub.db.query(`UPDATE machine_client SET active = true WHERE client_id = 'leeds-cms'`);
  }
});

it('stores the client secret only as a slow scrypt hash', async () => {
  const [row] = await hub.db.query(`SELECT secret_hash FROM machine_client WHERE client_id = 'leeds-cms'`);
  expect(row.secret_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  expect(row.secret_hash).not.toContain(DEMO_CLIENT_SECRET);
});

it('publishes both keys during rotation, and each verifies the tokens it signed', async () => {
  const response = await fetch(`${hub.baseUrl('gateway')}/.well-known/jwks.json`);
  const jwks = (await response.json()) as { keys: { kid: string; kty: string; alg: string; use: string; n: string; e: string }[] };
  expect(jwks.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
  expect(JSON.stringify(jwks)).not.toMatch(/"d"|"p"|"q"|PRIVATE/);
  const { body } = await requestToken('gateway', credentials);
  for (const token of [tokenFromOldKey, body.access_token as string]) {
    const { kid } = jwt.decode(token, { complete: true })!.header;
    const jwk = jwks.keys.find((k) => k.kid === kid)!;
    expect(() => jwt.verify(token, createPublicKey({ key: jwk, format: 'jwk' }), { algorithms: ['RS256'] })).not.toThrow();
  }
});

it('keeps accepting a token signed by the old key until that key is retired', async () => {
  const me = await hub.query(ME, { token: tokenFromOldKey });
  expect(me.body.data).toMatchObject({ me: { handle: 'leeds-cms' } });

  const { body } = await requestToken('gateway', credentials);
  expect(() => retireKey(keysDir, newKid)).toThrow(/signing key/);
  retireKey(keysDir, oldKid);
  // What a restarted service loads after retirement: the old key's tokens are refused, the new key's accepted.
  const restarted = loadKeyStore(keysDir, { generateIfEmpty: false });
  expect([...restarted.publicKeys.keys()]).toEqual([newKid]);
  const verify = createTokenVerifier(restarted, hub.config.jwt);
  expect(() => verify(`Bearer ${tokenFromOldKey}`)).toThrow(expect.objectContaining({ detail: 'unknown key id' }));
  expect(verify(`Bearer ${body.access_token as string}`)).toEqual({ sub: leedsCms.id, typ: 'client' });
});
