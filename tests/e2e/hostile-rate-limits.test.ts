import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { demoUserId } from '../../seeds/demo-users';
import { expectAuditChainIntact, expectUnchanged } from '../helpers/database-state';
import { signedToken } from '../helpers/forged-tokens';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

// Rate limits: per principal at each subgraph (after the token is verified), per bearer token and
// per client address at the gateway; counted in memory, or in Redis (REDIS_URL) across processes.
// Windows are long so no counter resets during a test.

const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ME = '{ me { handle } }';
const limits = (env: Record<string, string>) => ({ RATE_LIMIT_WINDOW_SECONDS: '600', ...env });

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ env: limits({ RATE_LIMIT_PER_PRINCIPAL: '3', RATE_LIMIT_GATEWAY_PER_TOKEN: '3', RATE_LIMIT_GATEWAY_PER_ADDRESS: '1000' }) });
});
afterAll(() => hub?.stop());

const codes = (r: GraphQLResponse) => r.body.errors?.map((e) => e.extensions?.code) ?? [];

function expectRateLimited(response: GraphQLResponse) {
  expect(response.status).toBe(429);
  expect(response.body.data ?? null).toBeNull();
  expect(codes(response)).toEqual(['RATE_LIMITED']);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
  expect(response.body.errors?.[0].extensions?.retryAfterSeconds).toBe(retryAfter);
  expect(response.body.errors?.[0].extensions?.correlationId).toBe(response.headers.get('x-correlation-id'));
}

describe('in memory', () => {
  it('lets a principal make 3 requests to a subgraph, then answers 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await hub.query(ME, { as: 'leeds.cm', service: 'sharing' })).body.data).toEqual({ me: { handle: 'leeds.cm' } });
    const refused = await expectUnchanged(hub.db, () => hub.query(ME, { as: 'leeds.cm', service: 'sharing' }));
    expectRateLimited(refused);
  });

  it('counts each principal apart: another user is still served by the same subgraph', async () => {
    expect((await hub.query(ME, { as: 'dpo', service: 'sharing' })).body.data).toEqual({ me: { handle: 'dpo' } });
  });

  it('counts a principal per token at the gateway, and a fresh token does not escape the subgraph’s count', async () => {
    const token = hub.tokenFor('sheffield.cm');
    for (let i = 0; i < 3; i++) expect((await hub.query(ME, { token })).body.data).toEqual({ me: { handle: 'sheffield.cm' } });
    expectRateLimited(await hub.query(ME, { token }));
    // A new token passes the gateway's per-token count, but the subgraph counts the principal.
    const fresh = await hub.query(ME, { token: signedToken(hub, { sub: demoUserId('sheffield.cm'), jti: randomBytes(8).toString('hex') }) });
    expect(fresh.body.data ?? null).toBeNull();
    expect(codes(fresh)).toEqual(['RATE_LIMITED']);
  });

  it('counts every request from one address at the gateway, so invented tokens cannot escape it', async () => {
    const byAddress = await startTestHub({ databaseUrl: hub.database.url, env: limits({ RATE_LIMIT_GATEWAY_PER_ADDRESS: '4' }) });
    try {
      for (let i = 0; i < 4; i++) {
        const invented = await byAddress.query(ME, { token: `invented.${randomBytes(8).toString('hex')}.token` });
        expect(codes(invented)).toEqual(['UNAUTHENTICATED']);
      }
      expectRateLimited(await byAddress.query(ME, { as: 'leeds.om' }));
    } finally {
      await byAddress.stop();
    }
  });
});

describe('in Redis (REDIS_URL)', () => {
  const prefix = `hub-test:${randomBytes(4).toString('hex')}`;
  const env = limits({ REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, RATE_LIMIT_PER_PRINCIPAL: '3' });
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('shares one budget between two hub processes, keyed by principal', async () => {
    const [first, second] = [await startTestHub({ databaseUrl: hub.database.url, env }), await startTestHub({ databaseUrl: hub.database.url, env })];
    try {
      expect(codes(await first.query(ME, { as: 'wetherby.cw', service: 'sharing' }))).toEqual([]);
      expect(codes(await first.query(ME, { as: 'wetherby.cw', service: 'sharing' }))).toEqual([]);
      expect(codes(await second.query(ME, { as: 'wetherby.cw', service: 'sharing' }))).toEqual([]);
      expectRateLimited(await second.query(ME, { as: 'wetherby.cw', service: 'sharing' }));
      expect(await redis.keys(`${prefix}:sharing:principal:*`)).toHaveLength(1);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('keeps serving, and limiting, in memory when Redis cannot be reached', async () => {
    const unreachable = await startTestHub({ databaseUrl: hub.database.url, env: { ...env, REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
    try {
      for (let i = 0; i < 3; i++) expect((await unreachable.query(ME, { as: 'adelbeck.cw', service: 'sharing' })).body.data).toEqual({ me: { handle: 'adelbeck.cw' } });
      expectRateLimited(await unreachable.query(ME, { as: 'adelbeck.cw', service: 'sharing' }));
    } finally {
      await unreachable.stop();
    }
  });
});

it('leaves the disclosure log’s hash chain intact after all of it', async () => {
  await expectAuditChainIntact(hub.db);
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
