import { SUBGRAPH_NAMES, type ServiceName } from '../../src/shared/config';
import { FORGED_TOKEN_KINDS, forgedToken, signedToken } from '../helpers/forged-tokens';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Part of the hostile-input suite: tests/e2e/hostile-input.test.ts sends the same forged tokens
// with a mutation and proves the database is unchanged.

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const ME = '{ me { handle } }';
const signed = (payload: Record<string, unknown>) => signedToken(hub, payload);

const services: ServiceName[] = ['gateway', ...SUBGRAPH_NAMES];

describe.each(services)('%s', (service) => {
  it.each(FORGED_TOKEN_KINDS)('answers UNAUTHENTICATED to %s', async (kind) => {
    const token = forgedToken(hub, kind);
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
