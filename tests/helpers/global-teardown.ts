import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { scanForPersonalData } from './personal-data-scan';
import { TEST_ENV } from './test-environment';

/**
 * Scans the whole run's logs for the demo children's names and dates of birth (failing the run if
 * any is there), then drops every database this run created (on a shared server) and stops the
 * embedded cluster.
 */
export default async function globalTeardown(): Promise<void> {
  try {
    await scanRunLogs();
  } finally {
    await cleanUp();
  }
}

async function scanRunLogs(): Promise<void> {
  const file = process.env[TEST_ENV.logFile];
  const seedDate = process.env[TEST_ENV.seedDate];
  if (!file || !seedDate || !fs.existsSync(file)) return;
  const { lines, findings } = await scanForPersonalData(file, seedDate);
  if (findings.length === 0) {
    process.stdout.write(`\nLog scan: ${lines} log lines of this run hold no demo child's name or date of birth.\n`);
    return;
  }
  const kept = path.join(os.tmpdir(), `hub-test-personal-data-${Date.now()}.log`);
  fs.copyFileSync(file, kept);
  const shown = findings.slice(0, 20).map((f) => `  line ${f.line}: child ${f.childId}, ${f.kind}`).join('\n');
  throw new Error(`Personal data in the test run's logs (kept as ${kept}), ${findings.length} finding(s):\n${shown}`);
}

async function cleanUp(): Promise<void> {
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
