import { Client } from 'pg';
import { AGENCY } from '../../seeds/demo-consortium';
import { seedDemoData } from '../../seeds/seed-demo-data';
import { verifyAuditChain } from '../../src/shared/audit/audit-verifier';
import type { ServiceName } from '../../src/shared/config';
import { createDataSource, runMigrations } from '../../src/shared/db/data-source';
import { demoChild } from '../helpers/demo-lookup';
import { startRestartablePostgres, type RestartablePostgres } from '../helpers/restartable-postgres';
import { testEnv } from '../helpers/test-environment';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

// PostgreSQL stopped and restarted under traffic, on a server of this file's own: while it is down
// every request fails with SERVICE_UNAVAILABLE (never INTERNAL); once it is back the same services
// answer again without a restart; and every write acknowledged as a success is in the database.

jest.setTimeout(90_000);

const DATABASE = 'hub_faults';
let postgres: RestartablePostgres;
let hub: TestHub;
let child: string;

beforeAll(async () => {
  postgres = await startRestartablePostgres();
  const admin = new Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const setup = createDataSource({ url: postgres.url(DATABASE), poolSize: 2 });
  await setup.initialize();
  try {
    await runMigrations(setup);
    await seedDemoData(setup, testEnv('seedDate'));
  } finally {
    await setup.destroy();
  }
  // Rate limits are not under test here, and the outage makes requests fail fast and often.
  hub = await startTestHub({
    databaseUrl: postgres.url(DATABASE),
    env: { RATE_LIMIT_PER_PRINCIPAL: '1000000', RATE_LIMIT_GATEWAY_PER_TOKEN: '1000000', RATE_LIMIT_GATEWAY_PER_ADDRESS: '1000000' },
  });
  child = await demoChild(hub.db, { establishment: AGENCY.adelBeck, status: 'IN_CUSTODY' });
});

afterAll(async () => {
  await hub?.stop();
  await postgres?.destroy();
});

type Phase = 'up' | 'down' | 'back' | 'changing';
interface Outcome {
  phase: Phase;
  kind: 'read' | 'write';
  codes: string[];
  consentIds: string[];
}

const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
const READ = `query($id: ID!) { child(id: $id) { id caseManagement { custody { releaseDate } } } }`;

it('answers SERVICE_UNAVAILABLE while PostgreSQL is down, recovers without a restart, and loses no acknowledged write', async () => {
  let phase: Phase = 'up';
  let running = true;
  const outcomes: Outcome[] = [];
  const count = (p: Phase, kind: Outcome['kind'], ok: boolean) => outcomes.filter((o) => o.phase === p && o.kind === kind && (o.codes.length === 0) === ok).length;

  const request = async (kind: Outcome['kind'], service: ServiceName): Promise<void> => {
    const started = phase;
    let response: GraphQLResponse<{ recordConsent?: { id: string }[] }>;
    try {
      response = kind === 'write'
        ? await hub.query(RECORD, { as: 'adelbeck.cw', service, variables: { input: consentInput() } })
        : await hub.query(READ, { as: 'adelbeck.cw', service, variables: { id: child } });
    } catch (error) {
      outcomes.push({ phase: started, kind, codes: [`NO_RESPONSE: ${String(error)}`], consentIds: [] });
      return;
    }
    const codes = (response.body.errors ?? []).map((e) => String(e.extensions?.code));
    // A request in flight while the phase changed belongs to neither phase: it counts only overall.
    outcomes.push({ phase: started === phase ? started : 'changing', kind, codes, consentIds: response.body.data?.recordConsent?.map((c) => c.id) ?? [] });
  };
  const worker = async (kind: Outcome['kind'], service: ServiceName) => {
    while (running) {
      await request(kind, service);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const traffic = Promise.all([worker('write', 'gateway'), worker('read', 'gateway'), worker('write', 'sharing'), worker('read', 'cases')]);
  const until = async (what: string, done: () => boolean) => {
    for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!done()) {
      const summary = outcomes.map((o) => `${o.phase}/${o.kind}:${o.codes.join('+') || 'ok'}`);
      throw new Error(`gave up waiting for ${what}; outcomes: ${[...new Set(summary)].map((k) => `${k}×${summary.filter((x) => x === k).length}`).join(', ')}`);
    }
  };

  try {
    await until('writes before the outage', () => count('up', 'write', true) >= 5);
    await postgres.stop();
    phase = 'down';
    await until('refusals during the outage', () => count('down', 'write', false) >= 4 && count('down', 'read', false) >= 4);
    await postgres.start();
    phase = 'back';
    await until('writes and reads after the outage', () => count('back', 'write', true) >= 4 && count('back', 'read', true) >= 4);
  } finally {
    running = false;
    await traffic;
  }

  const down = outcomes.filter((o) => o.phase === 'down');
  expect(down.every((o) => o.codes.length > 0 && o.codes.every((c) => c === 'SERVICE_UNAVAILABLE'))).toBe(true);
  expect([...new Set(outcomes.flatMap((o) => o.codes))]).toEqual(['SERVICE_UNAVAILABLE']);

  const acknowledged = outcomes.flatMap((o) => o.consentIds);
  expect(acknowledged.length).toBeGreaterThanOrEqual(9);
  const stored: { id: string }[] = await hub.db.query(`SELECT id FROM consent WHERE id = ANY($1::uuid[])`, [acknowledged]);
  expect(stored.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
  expect((await verifyAuditChain(hub.db)).ok).toBe(true);
  expect((await fetch(`${hub.baseUrl('gateway')}/health/ready`)).status).toBe(200);
});

function consentInput() {
  return {
    childId: child,
    scopes: ['HEALTH'],
    recipientAgencyId: AGENCY.adelBeck,
    givenBy: 'CHILD',
    givenAt: new Date(Date.now() - 3_600_000).toISOString(),
    explanation: 'Your nurse here will see your health notes so your medication carries on.',
  };
}
