import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DEMO_CLIENT_SECRET } from '../../seeds/demo-users';
import { JWT_BEARER_ASSERTION_TYPE } from '../../src/integrations/oauth/client-assertion';
import { registrableJwk } from '../../src/integrations/oauth/client-public-key';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

let hub: TestHub;
let tokenUrl: string;
beforeAll(async () => {
  hub = await startTestHub();
  tokenUrl = `${hub.config.jwt.issuer}/oauth/token`;
  // Two partner systems of the Leeds YJS that registered public keys instead of secrets.
  for (const [clientId, key] of [['leeds-rsa-cms', rsa.publicKey], ['leeds-ec-cms', ec.publicKey]] as const) {
    await hub.db.query(
      `INSERT INTO machine_client (id, client_id, name, agency_id, scopes, public_jwk)
       SELECT $1, $2, 'Leeds keyed system', agency_id, scopes, $3 FROM machine_client WHERE client_id = 'leeds-cms'`,
      [randomUUID(), clientId, JSON.stringify(key.export({ format: 'jwk' }))],
    );
  }
});
afterAll(() => hub?.stop());

const nowSeconds = () => Math.floor(Date.now() / 1000);

function assertion(options: { clientId?: string; key?: KeyObject; alg?: 'RS256' | 'ES256'; claims?: Record<string, unknown> } = {}): string {
  const clientId = options.clientId ?? 'leeds-rsa-cms';
  const claims = { iss: clientId, sub: clientId, aud: tokenUrl, jti: randomUUID(), iat: nowSeconds(), exp: nowSeconds() + 120, ...options.claims };
  return jwt.sign(claims, options.key ?? rsa.privateKey, { algorithm: options.alg ?? 'RS256' });
}

async function requestToken(fields: Record<string, string>) {
  const response = await fetch(`${hub.baseUrl('gateway')}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER_ASSERTION_TYPE, ...fields }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it('issues a token for a valid RS256 assertion, and the token works', async () => {
  const answer = await requestToken({ client_assertion: assertion() });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
  const me = await hub.query('{ me { handle } }', { token: answer.body.access_token as string });
  expect(me.body.data).toEqual({ me: { handle: 'leeds-rsa-cms' } });
});

it('issues a token for a valid ES256 assertion naming its client id, and with the issuer as audience', async () => {
  const answer = await requestToken({
    client_id: 'leeds-ec-cms',
    client_assertion: assertion({ clientId: 'leeds-ec-cms', key: ec.privateKey, alg: 'ES256', claims: { aud: hub.config.jwt.issuer } }),
  });
  expect(answer.status).toBe(200);
});

it('refuses an assertion used a second time (jti remembered until it expires)', async () => {
  const once = assertion();
  expect((await requestToken({ client_assertion: once })).status).toBe(200);
  expect(await requestToken({ client_assertion: once })).toEqual({ status: 401, body: { error: 'invalid_client', error_description: expect.any(String) } });
});

const unsigned = (claims: Record<string, unknown>) =>
  [{ alg: 'none', typ: 'JWT' }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';
const base = () => ({ iss: 'leeds-rsa-cms', sub: 'leeds-rsa-cms', aud: tokenUrl, jti: randomUUID(), exp: nowSeconds() + 120 });

it.each([
  ['another audience', () => assertion({ claims: { aud: 'https://elsewhere.example/oauth/token' } })],
  ['expired', () => assertion({ claims: { iat: nowSeconds() - 600, exp: nowSeconds() - 60 } })],
  ['expiring more than 5 minutes ahead', () => assertion({ claims: { exp: nowSeconds() + 3600 } })],
  ['signed with a key the client did not register', () => assertion({ key: stranger.privateKey })],
  ['signed with the other client’s key', () => assertion({ clientId: 'leeds-rsa-cms', key: ec.privateKey, alg: 'ES256' })],
  ['unsigned (alg none)', () => unsigned(base())],
  ['HS256 keyed with the public key', () => jwt.sign(base(), rsa.publicKey.export({ type: 'spki', format: 'pem' }), { algorithm: 'HS256' })],
  ['without a jti', () => assertion({ claims: { jti: undefined } })],
  ['with sub other than iss', () => assertion({ claims: { sub: 'leeds-cms' } })],
  ['for a client without a registered key', () => assertion({ clientId: 'leeds-cms' })],
])('refuses an assertion %s with 401 invalid_client', async (_case, make) => {
  const answer = await requestToken({ client_assertion: make() });
  expect(answer.status).toBe(401);
  expect(answer.body.error).toBe('invalid_client');
  expect(answer.body).not.toHaveProperty('access_token');
});

it('refuses an assertion whose client_id field names another client, or sent alongside a secret', async () => {
  expect((await requestToken({ client_id: 'leeds-ec-cms', client_assertion: assertion() })).body.error).toBe('invalid_client');
  const both = await requestToken({ client_assertion: assertion(), client_id: 'leeds-rsa-cms', client_secret: 'x' });
  expect([both.status, both.body.error]).toEqual([400, 'invalid_request']);
});

it('does not let a client with a registered key fall back to a secret', async () => {
  await hub.db.query(`UPDATE machine_client SET secret_hash = (SELECT secret_hash FROM machine_client WHERE client_id = 'leeds-cms') WHERE client_id = 'leeds-rsa-cms'`);
  const response = await fetch(`${hub.baseUrl('gateway')}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'leeds-rsa-cms', client_secret: DEMO_CLIENT_SECRET }),
  });
  expect(response.status).toBe(401);
});

describe('registering a public key', () => {
  it('takes an RSA (2048 bits or more) or P-256 public key as PEM or JWK, and refuses private keys and weak or other keys', () => {
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(registrableJwk(pem)).toEqual(rsa.publicKey.export({ format: 'jwk' }));
    expect(registrableJwk(JSON.stringify(ec.publicKey.export({ format: 'jwk' })))).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const refusals = [
      [rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, /private key/],
      [JSON.stringify(ec.privateKey.export({ format: 'jwk' })), /private key/],
      [generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string, /2048 bits/],
      [generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }) as string, /P-256/],
      ['not a key', /not a PEM public key or a JWK/],
    ] as const;
    for (const [text, message] of refusals) expect(() => registrableJwk(text)).toThrow(message);
  });
});
