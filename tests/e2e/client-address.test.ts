import { randomUUID } from 'node:crypto';
import { AGENCY } from '../../seeds/demo-consortium';
import { demoChild } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/** The address the disclosure log and the rate limits see: X-Forwarded-For only from a trusted proxy. */
async function recordedAddress(hub: TestHub, headers: Record<string, string>): Promise<string | null> {
  const childId = await demoChild(hub.db, { authority: 'LEEDS', establishment: AGENCY.wetherby });
  const correlationId = `client-address-${randomUUID()}`;
  const { body } = await hub.query(`query($id: ID!) { child(id: $id) { id } }`, {
    as: 'leeds.cm', service: 'cases', variables: { id: childId }, headers: { ...headers, 'x-correlation-id': correlationId },
  });
  expect(body.errors).toBeUndefined();
  const [row] = await hub.db.query(`SELECT client_address FROM audit_event WHERE correlation_id = $1`, [correlationId]);
  return row.client_address;
}

describe('with the default TRUST_PROXY (loopback)', () => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub()));
  afterAll(() => hub?.stop());

  it('records the address a proxy on this machine forwards', async () => {
    expect(await recordedAddress(hub, { 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
  });
});

describe('with TRUST_PROXY naming only the ingress subnet', () => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub({ env: { TRUST_PROXY: '10.20.0.0/16' } })));
  afterAll(() => hub?.stop());

  it('ignores X-Forwarded-For from anyone else, so a caller cannot choose the address it is logged and limited under', async () => {
    expect(await recordedAddress(hub, { 'x-forwarded-for': '203.0.113.9' })).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
