/**
 * How the gateway serves the web app: its own content security policy and cache headers, the
 * page for app paths only (the API's paths and non-browser requests keep their JSON answers), and
 * the development sign-in, which does not exist in production or when DEV_SIGN_IN is off.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WEB_APP_CSP } from '../../src/web/web-app-routes';
import { WEB_DIST } from '../helpers/browser';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const page = (url: string) => fetch(url, { headers: { accept: 'text/html,application/xhtml+xml' } });

it('answers app paths with index.html under the page policy, never cached stale', async () => {
  for (const route of ['/', '/caseload', '/children/5eed0010-0000-4000-8000-000000000001']) {
    const response = await page(`${hub.baseUrl()}${route}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(WEB_APP_CSP);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toBe(fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8'));
  }
  expect(WEB_APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
});

it('serves hashed assets for a year and other files revalidated', async () => {
  const [asset] = fs.readdirSync(path.join(WEB_DIST, 'assets'));
  const hashed = await fetch(`${hub.baseUrl()}/assets/${asset}`);
  expect(hashed.status).toBe(200);
  expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const icon = await fetch(`${hub.baseUrl()}/favicon.svg`);
  expect(icon.headers.get('cache-control')).toBe('no-cache');
  expect((await fetch(`${hub.baseUrl()}/assets/missing-0000.js`)).status).toBe(404);
});

it('keeps the API paths and unknown non-page requests as JSON', async () => {
  const unknown = await fetch(`${hub.baseUrl()}/api/nothing`, { headers: { accept: 'application/json' } });
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  const anyType = await fetch(`${hub.baseUrl()}/caseload`);
  expect(anyType.status).toBe(404);
  for (const route of ['/health/nothing', '/oauth/nothing', '/.well-known/nothing', '/dev/nothing']) {
    const response = await page(`${hub.baseUrl()}${route}`);
    expect({ route, status: response.status, type: response.headers.get('content-type') }).toEqual({ route, status: 404, type: expect.stringMatching(/json/) });
  }
  expect((await page(`${hub.baseUrl()}/health/live`)).headers.get('content-type')).toMatch(/json/);
  const jwks = (await (await fetch(`${hub.baseUrl()}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
  expect(jwks.keys.length).toBeGreaterThan(0);
});

it('signs a demo user in during development with a token the API accepts, and refuses anyone else', async () => {
  const signIn = (username: unknown) =>
    fetch(`${hub.baseUrl()}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  const answer = await signIn('housing.leeds');
  expect(answer.status).toBe(200);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  const { token } = (await answer.json()) as { token: string };
  const me = await hub.query<{ me: { handle: string } }>('{ me { handle } }', { token });
  expect(me.body.data?.me.handle).toBe('housing.leeds');
  for (const bad of ['nobody', '', 42, null]) {
    const refused = await signIn(bad);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'VALIDATION_FAILED', field: 'username' } }] });
  }
  expect(await (await fetch(`${hub.baseUrl()}/web-settings`)).json()).toEqual({
    devSignIn: true, identityProviderUrl: null, brandName: 'South & West Yorkshire Resettlement Consortium',
  });
});

describe.each<[string, Record<string, string>]>([
  ['in production', { NODE_ENV: 'production', IDENTITY_PROVIDER_URL: 'https://login.example.org/hub', WEB_BRAND_NAME: 'East Midlands Resettlement Consortium' }],
  ['with DEV_SIGN_IN=false', { DEV_SIGN_IN: 'false' }],
])('%s', (_name, env) => {
  let other: TestHub;
  beforeAll(async () => {
    other = await startTestHub({ databaseUrl: hub.database.url, env });
  });
  afterAll(() => other?.stop());

  it('has no development sign-in, and the sign-in page is told so', async () => {
    const post = await fetch(`${other.baseUrl()}/dev/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leeds.cm' }),
    });
    expect(post.status).toBe(404);
    expect((await fetch(`${other.baseUrl()}/dev/sign-in`)).status).toBe(404);
    const settings = (await (await fetch(`${other.baseUrl()}/web-settings`)).json()) as Record<string, unknown>;
    expect(settings).toEqual({
      devSignIn: false,
      identityProviderUrl: env.IDENTITY_PROVIDER_URL ?? null,
      brandName: env.WEB_BRAND_NAME ?? 'South & West Yorkshire Resettlement Consortium',
    });
    // The app itself is still served, under its own policy rather than the API's deny-all one.
    const index = await page(`${other.baseUrl()}/caseload`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(WEB_APP_CSP);
  });
});
