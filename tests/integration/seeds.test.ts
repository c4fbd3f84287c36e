import { seedDemoData } from '../../seeds/seed-demo-data';
import { LOCAL_AUTHORITIES } from '../../seeds/demo-consortium';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { testEnv } from '../helpers/test-environment';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('seeded');
});
afterAll(() => database?.drop());

const TABLES = ['consortium', 'local_authority', 'agency', 'staff_user', 'machine_client', 'child', 'custody_episode',
  'establishment_transfer', 'release_date_change', 'pathway_update', 'meeting', 'timeline_event', 'consent', 'case_involvement',
  'probation_transfer', 'accommodation_request', 'accommodation_request_recipient'];

async function fingerprint(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await database.db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`,
    );
    result[table] = `${row.n}:${row.digest}`;
  }
  return result;
}

it('gives the same data when run a second time', async () => {
  const before = await fingerprint();
  await seedDemoData(database.db, testEnv('seedDate'));
  expect(await fingerprint()).toEqual(before);
});

it('loads at least 40 children across all nine authorities, in custody or released recently', async () => {
  const perAuthority: { code: string; n: number }[] = await database.db.query(
    'SELECT home_local_authority_code AS code, count(*)::int AS n FROM child GROUP BY 1',
  );
  expect(perAuthority.map((r) => r.code).sort()).toEqual(LOCAL_AUTHORITIES.map((la) => la.code).sort());
  expect(perAuthority.reduce((sum, r) => sum + r.n, 0)).toBeGreaterThanOrEqual(40);

  const [span] = await database.db.query(`
    SELECT min(release_date - $1::date) AS soonest, max(release_date - $1::date) AS latest,
           count(*) FILTER (WHERE status = 'RELEASED' AND actual_release_date >= $1::date - 60) AS recently_released
      FROM custody_episode`, [testEnv('seedDate')]);
  expect(span.soonest).toBeLessThanOrEqual(7);
  expect(span.latest).toBeGreaterThanOrEqual(240);
  expect(Number(span.recently_released)).toBeGreaterThanOrEqual(3);
});

it('keeps every release date in step with the last entry of its history', async () => {
  const mismatched = await database.db.query(`
    SELECT e.id FROM custody_episode e
      JOIN LATERAL (SELECT new_release_date FROM release_date_change c WHERE c.custody_episode_id = e.id
                    ORDER BY changed_at DESC LIMIT 1) last ON true
     WHERE last.new_release_date <> e.release_date`);
  expect(mismatched).toEqual([]);
});
