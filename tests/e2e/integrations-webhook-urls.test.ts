import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook } from '../../src/integrations/webhooks/webhook-http';
import { isAllowedAddress, resolveAllowedAddress, webhookUrlPolicy, type Lookup } from '../../src/integrations/webhooks/webhook-url-policy';
import { ConfigError, loadConfig } from '../../src/shared/config';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const SUBSCRIBE = `mutation ($input: SubscribeWebhookInput!) { subscribeWebhook(input: $input) { subscription { id url } } }`;
const PRODUCTION_LIKE = webhookUrlPolicy({ requireHttps: true, blockPrivate: true, allowedAddresses: [] });

describe('which addresses a production hub refuses', () => {
  it.each([
    '127.0.0.1', '127.255.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '100.100.100.200', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', 'ff02::1',
  ])('%s', (address) => {
    expect(isAllowedAddress(address, PRODUCTION_LIKE)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('but not the public %s', (address) => {
    expect(isAllowedAddress(address, PRODUCTION_LIKE)).toBe(true);
  });

  it('refuses a name if any of its addresses is not public', async () => {
    const lookup: Lookup = async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }];
    expect(await resolveAllowedAddress(new URL('https://mixed.example/'), PRODUCTION_LIKE, lookup)).toEqual({ problem: 'ADDRESS_NOT_ALLOWED' });
  });

  it('cannot be relaxed in production by configuration', () => {
    for (const env of [{ WEBHOOK_REQUIRE_HTTPS: 'false' }, { WEBHOOK_BLOCK_PRIVATE_ADDRESSES: 'false' }, { WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1' }]) {
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_KEYS_DIR: '/keys', ...env })).toThrow(ConfigError);
    }
    expect(loadConfig({ NODE_ENV: 'production', JWT_KEYS_DIR: '/keys' }).webhooks).toEqual({ requireHttps: true, blockPrivate: true, allowedAddresses: [] });
    expect(() => loadConfig({ WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1/33' })).toThrow(/WEBHOOK_ALLOWED_ADDRESSES/);
  });
});

describe('subscribing on a hub with the production rules', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { WEBHOOK_REQUIRE_HTTPS: 'true', WEBHOOK_BLOCK_PRIVATE_ADDRESSES: 'true' } });
  });
  afterAll(() => hub?.stop());

  const subscribe = (url: string) => hub.query(SUBSCRIBE, { as: 'leeds-cms', variables: { input: { url, eventTypes: ['case.pathway.updated'] } } });

  it.each([
    ['plain http', 'http://partner.example/hooks', /https/],
    ['loopback', 'https://127.0.0.1/hooks', /non-public/],
    ['a name that resolves to loopback', 'https://localhost:8443/hooks', /non-public/],
    ['IPv6 loopback', 'https://[::1]/hooks', /non-public/],
    ['an IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hooks', /non-public/],
    ['a private network', 'https://10.20.30.40/hooks', /non-public/],
    ['the cloud metadata service', 'https://169.254.169.254/latest/meta-data', /non-public/],
  ])('refuses %s, storing nothing', async (_case, url, message) => {
    const count = async () => (await hub.db.query(`SELECT count(*)::int AS n FROM webhook_subscription`))[0].n as number;
    const before = await count();
    const { body } = await subscribe(url);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
    expect(body.errors?.[0].message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('accepts an https URL at a public address', async () => {
    const { body } = await subscribe('https://93.184.216.34/hooks');
    expect(body.errors).toBeUndefined();
  });
});

describe('at delivery', () => {
  let server: http.Server;
  let port: number;
  const received: { host?: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received.push({ host: req.headers.host });
      req.resume();
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
  });

  const send = (host: string, policy: ReturnType<typeof webhookUrlPolicy>, lookup: Lookup) =>
    postWebhook(`http://${host}:${port}/hooks`, { 'content-type': 'application/json' }, '{}', { policy, timeoutMs: 2000, lookup });
  const blocking = webhookUrlPolicy({ requireHttps: false, blockPrivate: true, allowedAddresses: [] });

  it('checks the address again, so a name re-pointed at an internal address after subscribing is not reached (DNS rebinding)', async () => {
    let calls = 0;
    const rebinding: Lookup = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    expect(await resolveAllowedAddress(new URL('https://rebind.example/'), blocking, rebinding)).toMatchObject({ address: '93.184.216.34' });
    expect(await send('rebind.example', blocking, rebinding)).toEqual({ ok: false, error: 'ADDRESS_NOT_ALLOWED' });
    expect(received).toEqual([]);
  });

  it('connects to the address it checked, with the name kept as Host (the connection is pinned)', async () => {
    const allowLoopback = webhookUrlPolicy({ requireHttps: false, blockPrivate: true, allowedAddresses: ['127.0.0.1/32'] });
    // partner.invalid resolves nowhere in real DNS: the request can only have gone to the checked address.
    const lookups: string[] = [];
    const lookup: Lookup = async (name) => {
      lookups.push(name);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    expect(await send('partner.invalid', allowLoopback, lookup)).toEqual({ ok: true });
    expect(lookups).toEqual(['partner.invalid']);
    expect(received).toEqual([{ host: `partner.invalid:${port}` }]);
  });

  it('refuses a plain-http URL once https is required, before any connection', async () => {
    const lookup: Lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    expect(await send('partner.invalid', PRODUCTION_LIKE, lookup)).toEqual({ ok: false, error: 'SCHEME_NOT_ALLOWED' });
    expect(received).toEqual([]);
  });
});
