import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SUBGRAPH_NAMES, type ServiceName } from '../../src/shared/config';
import { demoUserId } from '../../seeds/demo-users';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const ME = '{ me { handle } }';
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signed(payload: Record<string, unknown>, options: { kid?: string; key?: jwt.Secret } = {}): string {
  const { signingKey } = hub.keys;
  return jwt.sign(
    { typ: 'user', sub: demoUserId('leeds.cm'), iss: hub.config.jwt.issuer, aud: hub.config.jwt.audience, exp: now() + 300, ...payload },
    options.key ?? signingKey!.privateKey,
    { algorithm: 'RS256', keyid: options.kid ?? signingKey!.kid },
  );
}

const badTokens: [string, () => string | undefined][] = [
  ['no token', () => undefined],
  ['a malformed token', () => 'not-a-jwt'],
  ['a tampered payload', () => {
    const [header, , signature] = signed({}).split('.');
    return `${header}.${b64({ typ: 'user', sub: demoUserId('dpo'), iss: hub.config.jwt.issuer, aud: hub.config.jwt.audience, exp: now() + 300 })}.${signature}`;
  }],
  ['a signature from another key', () => signed({}, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })],
  ['alg: none', () => `${b64({ alg: 'none', typ: 'JWT', kid: hub.keys.signingKey!.kid })}.${b64({ typ: 'user', sub: demoUserId('leeds.cm'), iss: hub.config.jwt.issuer, aud: hub.config.jwt.audience, exp: now() + 300 })}.`],
  ['HS256 signed with the public key', () => {
    const publicPem = hub.keys.publicKeys.get(hub.keys.signingKey!.kid)!.export({ type: 'spki', format: 'pem' }).toString();
    const header = b64({ alg: 'HS256', typ: 'JWT', kid: hub.keys.signingKey!.kid });
    const payload = b64({ typ: 'user', sub: demoUserId('leeds.cm'), iss: hub.config.jwt.issuer, aud: hub.config.jwt.audience, exp: now() + 300 });
    const mac = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${mac}`;
  }],
  ['an expired token', () => signed({ exp: now() - 60 })],
  ['a token not yet valid', () => signed({ nbf: now() + 600 })],
  ['a token without expiry', () => {
    const { signingKey } = hub.keys;
    return jwt.sign({ typ: 'user', sub: demoUserId('leeds.cm'), iss: hub.config.jwt.issuer, aud: hub.config.jwt.audience }, signingKey!.privateKey, { algorithm: 'RS256', keyid: signingKey!.kid });
  }],
  ['an unknown kid', () => signed({}, { kid: 'retired-key' })],
  ['another issuer', () => signed({ iss: 'https://elsewhere.example' })],
  ['another audience', () => signed({ aud: 'another-service' })],
  ['an unknown subject', () => signed({ sub: '00000000-0000-4000-8000-000000000099' })],
  ['a subject that is not a UUID', () => signed({ sub: "' OR 1=1 --" })],
  ['a client token naming a user', () => signed({ typ: 'client' })],
];

const services: ServiceName[] = ['gateway', ...SUBGRAPH_NAMES];

describe.each(services)('%s', (service) => {
  it.each(badTokens)('answers UNAUTHENTICATED to %s', async (_name, makeToken) => {
    const token = makeToken();
    const { body } = await hub.query(service === 'cases' ? '{ pathways { title } }' : service === 'accommodation' ? '{ accommodationOutcomes { outcome } }' : ME, {
      service,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(body)).not.toMatch(/jwt|signature|expired|stack/i);
  });
});

it('accepts a valid token and answers who it belongs to', async () => {
  const { body } = await hub.query<{ me: { handle: string } }>(ME, { token: signed({}) });
  expect(body.data?.me.handle).toBe('leeds.cm');
});

it('refuses a deactivated user on their very next request', async () => {
  const token = hub.tokenFor('probation.pp');
  expect((await hub.query(ME, { token })).body.data).toEqual({ me: { handle: 'probation.pp' } });
  await hub.db.query('UPDATE staff_user SET active = false WHERE username = $1', ['probation.pp']);
  const { body } = await hub.query(ME, { token });
  expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  await hub.db.query('UPDATE staff_user SET active = true WHERE username = $1', ['probation.pp']);
});

it('returns the caller’s correlation id, or a new one, on every response', async () => {
  const kept = await hub.query(ME, { as: 'leeds.cm', headers: { 'x-correlation-id': 'case-review-1234' } });
  expect(kept.headers.get('x-correlation-id')).toBe('case-review-1234');
  const replaced = await hub.query(ME, { as: 'leeds.cm', headers: { 'x-correlation-id': 'bad id; drop table' } });
  expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
});
