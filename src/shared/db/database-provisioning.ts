import path from 'node:path';
import { Client } from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import { embeddedUrl, startEmbeddedPostgres } from './embedded-postgres';

export interface ProvisionedDatabase {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

const EMBEDDED_DATABASE = 'resettlement_hub';

/** Uses DATABASE_URL when set; otherwise starts the embedded PostgreSQL kept under DATA_DIR. */
export async function provisionDatabase(config: Config, logger: Logger): Promise<ProvisionedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const adminUrl = embeddedUrl(config.embeddedPostgresPort, 'postgres');
  if (await answers(adminUrl)) {
    // Another process of ours (e.g. `npm start` while `npm run seed` runs) already serves this folder.
    await ensureDatabaseExists(adminUrl, EMBEDDED_DATABASE);
    return { url: embeddedUrl(config.embeddedPostgresPort, EMBEDDED_DATABASE), embedded: true, stop: async () => undefined };
  }
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    port: config.embeddedPostgresPort,
    persistent: true,
    durable: true,
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
  });
  await ensureDatabaseExists(embedded.url('postgres'), EMBEDDED_DATABASE);
  logger.info({ port: config.embeddedPostgresPort, ms: Date.now() - started }, 'embedded PostgreSQL started');
  return { url: embedded.url(EMBEDDED_DATABASE), embedded: true, stop: embedded.stop };
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function ensureDatabaseExists(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const from = template ? ` TEMPLATE ${quoteIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
}
