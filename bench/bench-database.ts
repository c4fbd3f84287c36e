import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '../src/shared/db/data-source';
import { startEmbeddedPostgres } from '../src/shared/db/embedded-postgres';
import { seedDemoData } from '../seeds/seed-demo-data';

export interface BenchDatabase {
  url: string;
  stop: () => Promise<void>;
}

/** A migrated, seeded database of the benchmark's own: on DATABASE_URL's server, or an embedded one. */
export async function createBenchDatabase(name: string): Promise<BenchDatabase> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  let adminUrl = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!adminUrl) {
    if (os.userInfo().uid === 0) fs.chmodSync(workDir, 0o777);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: 54390, persistent: false, durable: false });
    adminUrl = embedded.url('postgres');
    stopServer = embedded.stop;
  }
  const database = `${name}_${Date.now().toString(36)}`;
  await admin(adminUrl, `CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const db = createDataSource({ url: url.toString(), poolSize: 2 });
  await db.initialize();
  await runMigrations(db);
  await seedDemoData(db);
  await db.destroy();
  return {
    url: url.toString(),
    stop: async () => {
      await admin(adminUrl!, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await stopServer();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
