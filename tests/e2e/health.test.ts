import { Client } from 'pg';
import { SERVICE_NAMES } from '../../src/shared/config';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { testEnv } from '../helpers/test-environment';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

it.each(SERVICE_NAMES)('%s answers live and ready without a token', async (service) => {
  for (const check of ['live', 'ready']) {
    const response = await fetch(`${hub.baseUrl(service)}/health/${check}`);
    expect({ check, status: response.status }).toEqual({ check, status: 200 });
  }
});

it('reports not ready while the database cannot be reached, and ready again after', async () => {
  const name = hub.database.name;
  await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
  try {
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    expect((await fetch(`${hub.baseUrl('cases')}/health/ready`)).status).toBe(503);
    expect((await fetch(`${hub.baseUrl('gateway')}/health/ready`)).status).toBe(503);
    const query = await hub.query('{ me { handle } }', { as: 'leeds.cm' });
    expect(query.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
  } finally {
    await admin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
  }
  expect((await fetch(`${hub.baseUrl('cases')}/health/ready`)).status).toBe(200);
  const recovered = await hub.query<{ me: { handle: string } }>('{ me { handle } }', { as: 'leeds.cm' });
  expect(recovered.body.data?.me.handle).toBe('leeds.cm');
});

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: testEnv('adminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
