import { migrations } from '../../migrations';
import { runMigrations } from '../../src/shared/db/data-source';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('empty');
});
afterAll(() => database?.drop());

async function schemaShape(): Promise<string[]> {
  const rows: { item: string }[] = await database.db.query(`
    SELECT table_name || '.' || column_name || ':' || data_type AS item FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migration'
    UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
    ORDER BY 1`);
  return rows.map((r) => r.item).filter((item) => !item.startsWith('schema_migration.'));
}

it('applies every migration, reverts every one, and applies them again to the same schema', async () => {
  const applied = await runMigrations(database.db);
  expect(applied).toEqual(migrations.map((m) => new m().name));
  const afterUp = await schemaShape();
  expect(afterUp).toEqual(expect.arrayContaining(['child.date_of_birth:date', 'custody_episode.release_date:date']));

  for (let i = 0; i < migrations.length; i++) await database.db.undoLastMigration({ transaction: 'each' });
  expect(await schemaShape()).toEqual([]);

  await runMigrations(database.db);
  expect(await schemaShape()).toEqual(afterUp);
});

it('has a down() for every migration and unique, ordered names', () => {
  const names = migrations.map((m) => new m().name);
  expect(new Set(names).size).toBe(names.length);
  const timestamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
  expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
  for (const migration of migrations) expect(typeof migration.prototype.down).toBe('function');
});
