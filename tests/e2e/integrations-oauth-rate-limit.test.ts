import { DEMO_CLIENT_SECRET } from '../../seeds/demo-users';
import { startHub, type RunningHub } from '../../src/hub';
import { loadInternalSigningKey } from '../../src/shared/auth/internal-signing-key';
import { loadConfig, type ServiceName } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logging/logger';
import { loadPolicySet } from '../../src/shared/policy/policy-loader';
import { FORWARDED_FOR_HEADER, FORWARDED_SIGNATURE_HEADER, signForwardedAddress } from '../../src/integrations/oauth/token-rate-limit';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Windows are long so that no counter resets during a test.
const WINDOW = { RATE_LIMIT_WINDOW_SECONDS: '600' };

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ env: { ...WINDOW, RATE_LIMIT_TOKEN_PER_CLIENT: '3', RATE_LIMIT_TOKEN_PER_ADDRESS: '1000' } });
});
afterAll(() => hub?.stop());

async function requestToken(baseUrl: string, clientId: string, secret: string, headers: Record<string, string> = {}) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form,
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown>, form };
}

function expectRateLimited(answer: Awaited<ReturnType<typeof requestToken>>) {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/retry after \d+ seconds/) });
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(600);
  expect(answer.body).not.toHaveProperty('access_token');
}

it('counts token requests per client id, right secret or wrong: after the limit even the right secret waits, other ids do not', async () => {
  const url = hub.baseUrl('sharing');
  for (let i = 0; i < 3; i++) expect((await requestToken(url, 'leeds-cms', `guess-${i}`)).status).toBe(401);
  expectRateLimited(await requestToken(url, 'leeds-cms', DEMO_CLIENT_SECRET));
  expect((await requestToken(url, 'other-cms', 'guess')).status).toBe(401);
});

describe('per address', () => {
  let byAddress: TestHub;
  beforeAll(async () => {
    byAddress = await startTestHub({ databaseUrl: hub.database.url, env: { ...WINDOW, RATE_LIMIT_TOKEN_PER_CLIENT: '1000', RATE_LIMIT_TOKEN_PER_ADDRESS: '3' } });
  });
  afterAll(() => byAddress?.stop());

  it('counts every request from one address, whichever client id it names', async () => {
    const url = byAddress.baseUrl('gateway');
    for (let i = 0; i < 3; i++) expect((await requestToken(url, `spray-${i}`, 'guess')).status).toBe(401);
    expectRateLimited(await requestToken(url, 'leeds-cms', DEMO_CLIENT_SECRET));
  });

  it('at the issuer, counts a forwarded request under the caller address the gateway signed, and ignores an unsigned one', async () => {
    const url = byAddress.baseUrl('sharing'); // its own loopback count is spent only by the requests below
    const key = loadInternalSigningKey({ keysDir: byAddress.config.jwt.keysDir, generate: false });
    const from = (address: string, form: URLSearchParams, signature = signForwardedAddress(key, address, undefined, form)) => ({
      [FORWARDED_FOR_HEADER]: address,
      [FORWARDED_SIGNATURE_HEADER]: signature,
    });
    const form = (id: string) => new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: 'guess' });
    for (let i = 0; i < 3; i++) expect((await requestToken(url, `fwd-${i}`, 'guess', from('203.0.113.7', form(`fwd-${i}`)))).status).toBe(401);
    expectRateLimited(await requestToken(url, 'fwd-3', 'guess', from('203.0.113.7', form('fwd-3'))));
    // Another caller behind the same gateway has its own count; a forged address counts as the sender's own.
    expect((await requestToken(url, 'fwd-4', 'guess', from('203.0.113.8', form('fwd-4')))).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await requestToken(url, `forged-${i}`, 'guess', from(`198.51.100.${i}`, form(`forged-${i}`), 'ab'.repeat(32)))).status).toBe(401);
    expectRateLimited(await requestToken(url, 'forged-3', 'guess', from('198.51.100.9', form('forged-3'), 'ab'.repeat(32))));
  });
});

it('a gateway without a database forwards token requests, and passes the issuer’s 429 and Retry-After on', async () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    SERVICES: 'gateway',
    GATEWAY_PORT: '0',
    CASES_URL: `${hub.baseUrl('cases')}/graphql`,
    SHARING_URL: `${hub.baseUrl('sharing')}/graphql`,
    ACCOMMODATION_URL: `${hub.baseUrl('accommodation')}/graphql`,
    JWT_KEYS_DIR: hub.config.jwt.keysDir,
    JWT_GENERATE_KEYS: 'false',
    ...WINDOW,
  });
  let gateway: RunningHub | undefined;
  try {
    gateway = await startHub({ config, keys: { publicKeys: new Map() }, logger: createLogger({ level: 'silent', service: 'test' }), policy: loadPolicySet() });
    const url = gateway.url('gateway' as ServiceName)!;
    // The issuer allows 3 per client id; this gateway's own count (default 20) is not reached.
    for (let i = 0; i < 3; i++) {
      const refused = await requestToken(url, 'forwarded-cms', 'guess');
      expect([refused.status, refused.body.error]).toEqual([401, 'invalid_client']);
    }
    expectRateLimited(await requestToken(url, 'forwarded-cms', 'guess'));
  } finally {
    await gateway?.stop();
  }
});
