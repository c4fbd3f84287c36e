import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/shared/db/data-source';
import { AuthenticationError } from '../../src/shared/auth/authentication.error';
import { loadPrincipal } from '../../src/shared/auth/principal';
import { DEMO_CLIENTS, demoUserId } from '../../seeds/demo-users';
import { loadChildAccessFacts } from '../../src/shared/policy/child-access-facts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// A statement is prepared once per connection (preparing-client.ts), but PostgreSQL keeps its plan
// only where the generic plan looks no dearer than one made for the values at hand. These read
// pg_prepared_statements' own counts over one connection.
let database: TestDatabase;
let db: DataSource;
let childIds: string[];
beforeAll(async () => {
  database = await createTestDatabase('seeded');
  db = createDataSource({ url: database.url, poolSize: 1, applicationName: 'hub-test-plans' });
  await db.initialize();
  childIds = ((await db.query('SELECT id FROM child ORDER BY id LIMIT 2')) as { id: string }[]).map((r) => r.id);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const CALLS = 12;
const plansOf = async (text: string): Promise<{ generic: number; custom: number }> => {
  const [row] = await db.query(
    `SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%'`,
    [text],
  );
  return { generic: Number(row.generic), custom: Number(row.custom) };
};

it("plans a child's access facts read by one key once, and keeps the plan", async () => {
  for (let i = 0; i < CALLS; i++) await loadChildAccessFacts(db.manager, [childIds[i % 2]]);
  const plans = await plansOf('AS facts FROM child c WHERE c.id = $1::uuid');
  // PostgreSQL plans the first five calls for their values, then settles on the generic plan.
  expect(plans.custom).toBeLessThanOrEqual(5);
  expect(plans.generic).toBeGreaterThanOrEqual(CALLS - 5);
});

it('would plan the same read by an array at every call (why a single key is matched by key)', async () => {
  for (let i = 0; i < CALLS; i++) await loadChildAccessFacts(db.manager, childIds);
  expect(await plansOf('AS facts FROM child c WHERE c.id = ANY($1::uuid[])')).toEqual({ generic: 0, custom: CALLS });
});

it('loads a user or a partner system through hub_principal, and nobody of an unknown kind', async () => {
  const user = await loadPrincipal(db, { sub: demoUserId('leeds.cm'), typ: 'user' });
  expect(user).toMatchObject({ kind: 'user', handle: 'leeds.cm', scopes: [], agency: { localAuthorityCode: expect.any(String) } });
  expect(user.roles.length).toBeGreaterThan(0);
  const client = await loadPrincipal(db, { sub: DEMO_CLIENTS[0].id, typ: 'client' });
  expect(client).toMatchObject({ kind: 'client', handle: DEMO_CLIENTS[0].client_id, roles: [] });
  await expect(db.query('SELECT * FROM hub_principal($1, $2)', ['robot', demoUserId('leeds.cm')])).rejects.toThrow(/unknown kind of principal/);
  await expect(loadPrincipal(db, { sub: demoUserId('leeds.cm'), typ: 'client' })).rejects.toBeInstanceOf(AuthenticationError);
});
