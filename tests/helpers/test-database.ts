import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/shared/db/data-source';
import { testEnv, withDatabase } from './test-environment';

export interface TestDatabase {
  name: string;
  url: string;
  db: DataSource;
  drop: () => Promise<void>;
}

/**
 * A database of this test file's own: a clone of the migrated, seeded template, or (`empty`) a
 * blank one for migration tests.
 */
export async function createTestDatabase(kind: 'seeded' | 'empty' = 'seeded'): Promise<TestDatabase> {
  const adminUrl = testEnv('adminUrl');
  const name = `${testEnv('runId')}_${randomBytes(5).toString('hex')}`;
  const template = kind === 'seeded' ? ` TEMPLATE ${testEnv('seededTemplate')}` : '';
  await withAdmin(adminUrl, (client) => createWithRetry(client, `CREATE DATABASE ${name}${template}`));
  const url = withDatabase(adminUrl, name);
  const db = createDataSource({ url, poolSize: 10, applicationName: 'hub-test' });
  await db.initialize();
  return {
    name,
    url,
    db,
    drop: async () => {
      if (db.isInitialized) await db.destroy();
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Two files cloning the template at the same moment can briefly see each other as "other users". */
async function createWithRetry(client: Client, sql: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(sql);
      return;
    } catch (error) {
      const busy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!busy || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
