import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startHub, type RunningHub } from '../src/hub';
import { createDataSource } from '../src/shared/db/data-source';
import { createLogger } from '../src/shared/logging/logger';
import { loadPolicySet } from '../src/shared/policy/policy-loader';
import { createBenchDatabase } from './bench-database';
import { benchConfig, benchKeys, benchToken } from './bench-hub';

/**
 * What the disclosure log costs a `child(id)` read: the same cases subgraph on the same database,
 * with the real audit writer and with a no-op one, measured in alternating rounds in one run.
 * Target (issue: audit): at most 15% added to the median latency.
 */
const smoke = process.argv.includes('--smoke');
const ROUNDS = smoke ? 1 : 3;
const DURATION_S = smoke ? 1 : 8;
const LOAD_CONNECTIONS = smoke ? 2 : 8;
const TARGET = 1.15;

async function main(): Promise<void> {
  const database = await createBenchDatabase('bench_audit');
  const { dir: keysDir, keys, remove: removeKeys } = benchKeys();
  // Rate limits are raised out of the way for both levels alike (benchConfig).
  const config = benchConfig({ databaseUrl: database.url, keysDir, services: 'cases' });
  const logger = createLogger({ level: 'silent', service: 'bench' });
  const policy = loadPolicySet();
  const db = createDataSource({ url: database.url, poolSize: 20 });
  await db.initialize();
  const hubs: Record<'audited' | 'unaudited', RunningHub> = {
    audited: await startHub({ config, db, keys, logger, policy }),
    unaudited: await startHub({ config, db, keys, logger, policy, appendAudit: async () => undefined }),
  };
  try {
    const [{ id: childId }] = await db.query(`SELECT id FROM child WHERE home_local_authority_code = 'LEEDS' ORDER BY id LIMIT 1`);
    const token = benchToken(keys, config, 'leeds.cm');
    const body = JSON.stringify({
      query: 'query($id: ID!) { child(id: $id) { id identity { familyName age } caseManagement { custody { releaseDate } } health { status } } }',
      variables: { id: childId },
    });
    const measure = async (connections: number) => {
      const samples: Record<string, { p50: number; rps: number }[]> = { audited: [], unaudited: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const level of round % 2 === 0 ? (['unaudited', 'audited'] as const) : (['audited', 'unaudited'] as const)) {
          const result = await autocannon({
            url: `${hubs[level].url('cases')}/graphql`,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
            connections,
            duration: DURATION_S,
          });
          if (result.non2xx || result.errors) throw new Error(`${level}: ${result.non2xx} non-2xx, ${result.errors} errors`);
          samples[level].push({ p50: result.latency.p50, rps: result.requests.average });
        }
      }
      return samples;
    };
    const single = await measure(1);
    const loaded = await measure(LOAD_CONNECTIONS);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const summarise = (samples: Record<string, { p50: number; rps: number }[]>) =>
      Object.fromEntries(
        Object.entries(samples).map(([level, s]) => [level, { p50Ms: median(s.map((x) => x.p50)), requestsPerSecond: median(s.map((x) => x.rps)) }]),
      ) as Record<'audited' | 'unaudited', { p50Ms: number; requestsPerSecond: number }>;
    const summary = summarise(single);
    const underLoad = summarise(loaded);
    const ratio = summary.audited.p50Ms / Math.max(summary.unaudited.p50Ms, 0.01);
    const throughputRatio = underLoad.audited.requestsPerSecond / Math.max(underLoad.unaudited.requestsPerSecond, 0.01);
    const report = {
      scenario: 'child(id) on the cases subgraph', smoke, rounds: ROUNDS, durationSeconds: DURATION_S,
      oneClient: summary, p50Ratio: ratio, target: TARGET, met: ratio <= TARGET,
      underLoad: { connections: LOAD_CONNECTIONS, ...underLoad, throughputRatio },
    };
    fs.mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results', `audit-overhead${smoke ? '-smoke' : ''}.json`), JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(
      `child(id), one client, median: audited ${summary.audited.p50Ms} ms, unaudited ${summary.unaudited.p50Ms} ms; ` +
        `ratio ${ratio.toFixed(2)} (target <= ${TARGET}) — ${report.met ? 'met' : 'MISSED'}\n` +
        `${LOAD_CONNECTIONS} clients: audited ${underLoad.audited.requestsPerSecond.toFixed(0)} req/s (p50 ${underLoad.audited.p50Ms} ms), ` +
        `unaudited ${underLoad.unaudited.requestsPerSecond.toFixed(0)} req/s (p50 ${underLoad.unaudited.p50Ms} ms); throughput ratio ${throughputRatio.toFixed(2)}\n`,
    );
  } finally {
    await hubs.audited.stop();
    await hubs.unaudited.stop();
    await db.destroy();
    await database.stop();
    removeKeys();
  }
}

main().catch((error) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
