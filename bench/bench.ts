import 'reflect-metadata';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/shared/project-root';
import { runBenchmark } from './run-benchmark';
import type { ScaleName } from './scale-data';

/**
 * npm run bench -- [--scale region|national] [--duration S] [--connections N] [--only Q1,Q4] [--keep] [--pg-statements]
 * npm run bench -- --load [--load-duration S] [--load-connections N]   mixed load through the gateway
 * npm run bench -- --smoke                                              tiny data, ~1 s per cell and a short load
 * See bench/README.md.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(`--${name}`);
  const value = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const smoke = flag('smoke');
  const loadOnly = flag('load');
  const i = args.indexOf('--scale');
  const scale = (smoke ? 'smoke' : i >= 0 ? args[i + 1] : 'region') as ScaleName;
  if (!['smoke', 'region', 'national'].includes(scale)) throw new Error(`unknown scale ${scale}`);
  const report = await runBenchmark({
    scale,
    cell: {
      durationSeconds: value('duration', smoke ? 1 : 15), rounds: value('rounds', smoke ? 1 : 3), connections: value('connections', smoke ? 2 : 8),
      warmupSeconds: smoke ? 0 : value('warmup', 1),
    },
    scenarios: !loadOnly,
    only: args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined,
    load: smoke || loadOnly ? { connections: value('load-connections', smoke ? 5 : 50), durationSeconds: value('load-duration', smoke ? 2 : 60) } : undefined,
    poolSize: value('pool', 10),
    keep: flag('keep'),
    pgStatements: flag('pg-statements'),
    inProcess: false,
    resultsDir: path.join(PROJECT_ROOT, 'bench', 'results'),
    name: smoke ? 'smoke' : loadOnly ? `load-${scale}` : `bench-${scale}`,
    log: (message) => process.stdout.write(`${message}\n`),
  });
  const failed = (report.load && !report.load.passed) || report.cells.some((c) => c.failures > 0);
  if (failed) {
    process.stderr.write('benchmark: failures or lost writes (see the report)\n');
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
