import fs from 'node:fs';
import { Client } from 'pg';
import { TEST_ENV } from './test-environment';

/** Drops every database this run created (on a shared server) and stops the embedded cluster. */
export default async function globalTeardown(): Promise<void> {
  const cluster = globalThis.__hubTestCluster;
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const runId = process.env[TEST_ENV.runId];
  if (adminUrl && runId && !cluster?.embedded) {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `${runId}%`,
      ]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  await cluster?.embedded?.stop();
  if (cluster) fs.rmSync(cluster.workDir, { recursive: true, force: true });
}
