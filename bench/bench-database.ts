import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../src/shared/db/data-source';
import type * as EmbeddedPostgresModule from '../src/shared/db/embedded-postgres';
import { PROJECT_ROOT } from '../src/shared/project-root';
import { seedDemoData } from '../seeds/seed-demo-data';
import { STATEMENT_STATISTICS_FLAGS } from './statement-statistics';

export interface BenchDatabase {
  url: string;
  /** Whether this run loaded the data (false: a kept database was reused). */
  loaded: boolean;
  stop: () => Promise<void>;
}

export interface BenchDatabaseOptions {
  /** A server to create the database on; default DATABASE_URL, else an embedded PostgreSQL. */
  adminUrl?: string;
  /**
   * Keep the database (and the embedded cluster, under .data/bench-pg) after the run, and reuse it
   * next time instead of loading again.
   */
  keep?: boolean;
  /** Start an embedded server with pg_stat_statements loaded (statement-statistics.ts). */
  statementStatistics?: boolean;
  /** Loads data beyond the migrated, seeded demo consortium; runs ANALYZE afterwards. */
  load?: (db: DataSource) => Promise<void>;
}

const EMBEDDED_PORT = 54390;
const LOADED_MARK = 'resettlement-hub benchmark: loaded';

/** A migrated, seeded database of the benchmark's own: on DATABASE_URL's server, or an embedded one. */
export async function createBenchDatabase(name: string, options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const keep = !!options.keep;
  const workDir = keep ? path.join(PROJECT_ROOT, '.data', 'bench-pg') : fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  let adminUrl = options.adminUrl ?? process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!adminUrl) {
    // Loaded only when needed: jest (the smoke test, which brings its own server) cannot load the ESM-only package.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startEmbeddedPostgres } = require('../src/shared/db/embedded-postgres') as typeof EmbeddedPostgresModule;
    fs.mkdirSync(workDir, { recursive: true });
    if (os.userInfo().uid === 0) fs.chmodSync(workDir, 0o777);
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(workDir, 'pg'), port: EMBEDDED_PORT, persistent: keep, durable: false,
      extraFlags: options.statementStatistics ? STATEMENT_STATISTICS_FLAGS : [],
    });
    adminUrl = embedded.url('postgres');
    stopServer = embedded.stop;
  }
  const database = keep ? name : `${name}_${Date.now().toString(36)}`;
  // Interpolated into SQL below: only names that need no quoting.
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const loaded = !(keep && (await isLoaded(adminUrl, database)));
  if (loaded) {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(adminUrl, `CREATE DATABASE ${database}`);
    const db = createDataSource({ url: url.toString(), poolSize: 2, applicationName: 'hub-bench-load' });
    await db.initialize();
    try {
      await runMigrations(db);
      await seedDemoData(db);
      if (options.load) await options.load(db);
      await db.query('ANALYZE');
    } finally {
      await db.destroy();
    }
    if (keep) await admin(adminUrl, `COMMENT ON DATABASE ${database} IS '${LOADED_MARK}'`);
  } else {
    // A kept database gets the migrations written since it was loaded.
    const db = createDataSource({ url: url.toString(), poolSize: 2, applicationName: 'hub-bench-load' });
    await db.initialize();
    await runMigrations(db).finally(() => db.destroy());
  }
  return {
    url: url.toString(),
    loaded,
    stop: async () => {
      if (!keep) await admin(adminUrl!, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await stopServer();
      if (!keep) fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

async function isLoaded(adminUrl: string, database: string): Promise<boolean> {
  const rows = await admin(adminUrl, `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = '${database}'`);
  return rows[0]?.mark === LOADED_MARK;
}

async function admin(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
