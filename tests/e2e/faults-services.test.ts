import http from 'node:http';
import { Client } from 'pg';
import { AGENCY } from '../../seeds/demo-consortium';
import { demoChild } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Services failing around a request: a subgraph down (the gateway answers the rest), and a
// shutdown while requests are in flight (they finish). PostgreSQL stopping under traffic is in
// faults-database.test.ts; the disclosure log failing to be written (no data returned, the write
// rolled back) is in audit-trail.test.ts, "when the audit cannot be written".

let hub: TestHub;
let child: string;
beforeAll(async () => {
  hub = await startTestHub();
  child = await demoChild(hub.db, { establishment: AGENCY.adelBeck, status: 'IN_CUSTODY' });
});
afterAll(() => hub?.stop());

describe('a subgraph down', () => {
  let partial: TestHub;
  beforeAll(async () => {
    partial = await startTestHub({ databaseUrl: hub.database.url });
  });
  afterAll(() => partial?.stop());

  const CASELOAD = `{ caseload(first: 5) { edges { node { child { id } custody { releaseDate establishment { code } } } } } }`;
  type Answer = { caseload: { edges: { node: { child: { id: string }; custody: { releaseDate: string | null; establishment: { code: string } | null } } }[] } };

  it('answers the rest from the other subgraphs, with SERVICE_UNAVAILABLE where the missing one’s part belongs', async () => {
    const before = await partial.query<Answer>(CASELOAD, { as: 'swyrc.lw' });
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data?.caseload.edges.every((e) => e.node.custody.establishment?.code)).toBe(true);

    await partial.running.services.find((s) => s.name === 'sharing')!.stop();
    const after = await partial.query<Answer>(CASELOAD, { as: 'swyrc.lw' });
    const edges = after.body.data?.caseload.edges ?? [];
    expect(edges.map((e) => e.node.child.id)).toEqual(before.body.data?.caseload.edges.map((e) => e.node.child.id));
    expect(edges.map((e) => e.node.custody.releaseDate)).toEqual(before.body.data?.caseload.edges.map((e) => e.node.custody.releaseDate));
    expect(edges.every((e) => e.node.custody.establishment === null)).toBe(true);
    expect(new Set(after.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    expect(JSON.stringify(after.body.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch/);
  });

  it('reports the gateway not ready while a subgraph is down', async () => {
    expect((await fetch(`${partial.baseUrl('gateway')}/health/ready`)).status).toBe(503);
    expect((await fetch(`${partial.baseUrl('cases')}/health/ready`)).status).toBe(200);
  });
});

describe('shutdown during requests', () => {
  it('lets a read and a write in flight finish, refuses new connections meanwhile, then stops', async () => {
    const stopping = await startTestHub({ databaseUrl: hub.database.url });
    const gatewayPort = Number(new URL(stopping.baseUrl('gateway')).port);
    // Hold the tables the two requests need, so they are certainly in flight when the shutdown starts.
    const blocker = new Client({ connectionString: hub.database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE child, consent IN ACCESS EXCLUSIVE MODE');
      const read = stopping.query<{ child: { id: string } }>(`query($id: ID!) { child(id: $id) { id } }`, { as: 'adelbeck.cw', variables: { id: child } });
      const write = stopping.query<{ recordConsent: { id: string }[] }>(`mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
        as: 'adelbeck.cw',
        variables: {
          input: {
            childId: child, scopes: ['HEALTH'], recipientAgencyId: AGENCY.adelBeck, givenBy: 'CHILD',
            givenAt: new Date(Date.now() - 60_000).toISOString(), explanation: 'Recorded while the hub was shutting down.',
          },
        },
      });
      await waitFor(async () => (await blocker.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`)).rows[0].n >= 2);

      let stopped = false;
      const stop = stopping.running.stop().then(() => (stopped = true));
      await waitFor(async () => !(await accepts(gatewayPort)));
      expect(stopped).toBe(false);

      await blocker.query('COMMIT');
      const [readAnswer, writeAnswer] = await Promise.all([read, write]);
      expect(readAnswer.body).toEqual({ data: { child: { id: child } } });
      expect(writeAnswer.body.errors).toBeUndefined();
      const [consentId] = writeAnswer.body.data!.recordConsent.map((c) => c.id);
      await stop;
      expect(stopped).toBe(true);
      expect((await hub.db.query(`SELECT count(*)::int AS n FROM consent WHERE id = $1`, [consentId]))[0].n).toBe(1);
    } finally {
      await blocker.end();
      await stopping.database.drop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached');
}

/** Whether a new connection to the port is accepted (an idle keep-alive one would not tell). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/health/live', agent: false }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
    request.end();
  });
}
