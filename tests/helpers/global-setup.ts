import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { generateKeyPair } from '../../src/shared/auth/key-store';
import { generateInternalSigningKey } from '../../src/shared/auth/internal-signing-key';
import { createDataSource, runMigrations } from '../../src/shared/db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/shared/db/embedded-postgres';
import { seedDemoData } from '../../seeds/seed-demo-data';
import { todayIso } from '../../seeds/calendar';
import { TEST_ENV, withDatabase } from './test-environment';

declare global {
  // eslint-disable-next-line no-var
  var __hubTestCluster: { embedded?: EmbeddedDatabase; workDir: string } | undefined;
}

/**
 * One PostgreSQL for the run (embedded, or the server at DATABASE_URL) and one migrated, seeded
 * template database; each test file clones the template into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    if (os.userInfo().uid === 0) fs.chmodSync(workDir, 0o777);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(workDir, 'pg'),
      port: await freePort(),
      persistent: false,
      durable: false,
    });
    adminUrl = embedded.url('postgres');
  }
  globalThis.__hubTestCluster = { embedded, workDir };

  const template = `${runId}_seeded`;
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const db = createDataSource({ url: withDatabase(adminUrl, template), poolSize: 2 });
  await db.initialize();
  const seedDate = todayIso();
  try {
    await runMigrations(db);
    await seedDemoData(db, seedDate);
  } finally {
    await db.destroy();
  }

  const keysDir = path.join(workDir, 'keys');
  generateKeyPair(keysDir);
  generateInternalSigningKey(keysDir);
  Object.assign(process.env, {
    [TEST_ENV.adminUrl]: adminUrl,
    [TEST_ENV.seededTemplate]: template,
    [TEST_ENV.runId]: runId,
    [TEST_ENV.keysDir]: keysDir,
    [TEST_ENV.seedDate]: seedDate,
    // Every test hub logs here at info; global teardown scans it for the demo children's personal data.
    [TEST_ENV.logFile]: process.env[TEST_ENV.logFile] ?? path.join(workDir, 'hub.log'),
  });
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
