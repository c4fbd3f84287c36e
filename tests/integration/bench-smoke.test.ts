import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LEVELS } from '../../bench/levels';
import { runBenchmark } from '../../bench/run-benchmark';
import type { BenchReport } from '../../bench/report';
import { testEnv } from '../helpers/test-environment';

jest.setTimeout(180_000);

let report: BenchReport;
let resultsDir: string;

// The benchmark harness in its smoke mode (tiny data, ~1 s per cell, a 2 s load), its levels in this process.
beforeAll(async () => {
  resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-results-'));
  report = await runBenchmark({
    scale: 'smoke',
    cell: { durationSeconds: 1, rounds: 1, connections: 2, warmupSeconds: 0 },
    scenarios: true,
    load: { connections: 5, durationSeconds: 2 },
    poolSize: 4,
    keep: false,
    inProcess: true,
    adminUrl: testEnv('adminUrl'),
    resultsDir,
    name: 'smoke',
    log: () => undefined,
  });
});
afterAll(() => {
  if (resultsDir) fs.rmSync(resultsDir, { recursive: true, force: true });
});

test('every scenario is measured at every level, answering without failures', () => {
  expect(report.scenarios.map((s) => s.id)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
  for (const scenario of report.scenarios) {
    for (const level of LEVELS) {
      const cell = report.cells.find((c) => c.scenario === scenario.id && c.level === level);
      expect({ scenario: scenario.id, level, served: (cell?.requests ?? 0) > 0, failures: cell?.failures }).toEqual({
        scenario: scenario.id, level, served: true, failures: 0,
      });
      // Only Q4 asks for children outside the caller's relationships (level 2 has no policy to refuse them).
      if (scenario.id !== 'Q4' || level === 'L2') expect({ scenario: scenario.id, level, errors: cell!.errorResponses }).toEqual({ scenario: scenario.id, level, errors: 0 });
    }
  }
  const deniedAsShipped = report.cells.find((c) => c.scenario === 'Q4' && c.level === 'L3')!;
  expect(deniedAsShipped.errorResponses).toBeGreaterThan(0);
});

test('database queries are counted for every GraphQL level', () => {
  for (const cell of report.cells.filter((c) => c.level !== 'L1')) expect(cell.queriesPerRequest).toBeGreaterThan(cell.dataQueriesPerRequest);
});

test('CPU is counted per request, for the process and for the PostgreSQL backends serving each level', () => {
  // The smoke test's database is a local server (DATABASE_URL or embedded): its backends are in /proc here.
  for (const cell of report.cells) {
    expect({ cell: `${cell.scenario} ${cell.level}`, node: cell.nodeCpuMsPerRequest > 0 }).toEqual({ cell: `${cell.scenario} ${cell.level}`, node: true });
    expect({ cell: `${cell.scenario} ${cell.level}`, postgres: (cell.postgresCpuMsPerRequest ?? -1) >= 0 }).toEqual({ cell: `${cell.scenario} ${cell.level}`, postgres: true });
  }
  // Q5 writes: its backends cannot have spent nothing across every level.
  expect(report.cells.filter((c) => c.scenario === 'Q5').some((c) => c.postgresCpuMsPerRequest! > 0)).toBe(true);
});

test('the JSON and Markdown results are written, with the ratios and targets', () => {
  const json = JSON.parse(fs.readFileSync(path.join(resultsDir, 'smoke.json'), 'utf8')) as BenchReport;
  expect(json.cells).toHaveLength(report.scenarios.length * LEVELS.length);
  const markdown = fs.readFileSync(path.join(resultsDir, 'smoke.md'), 'utf8');
  for (const heading of ['| scenario | level | req/s', '| L3/L1 | L3/L2 | L4/L3 |', '## Targets', '## Load']) expect(markdown).toContain(heading);
  expect(report.targets.map((t) => t.what)).toEqual(expect.arrayContaining(['L3/L1 throughput', 'EXPLAIN: no sequential scan of a large table (Q1)']));
});

test('the EXPLAIN check ran over the statements of a Q1 request', () => {
  expect(report.explain!.statements).toBeGreaterThan(2);
  expect(report.explain!.passed).toBe(true);
});

test('the load run counted every response and found every acknowledged write exactly once', () => {
  const load = report.load!;
  expect(load.requests).toBe(load.ok + Object.values(load.expectedDenials).reduce((a, b) => a + b, 0) + Object.values(load.failures).reduce((a, b) => a + b, 0));
  expect(load.failures).toEqual({});
  expect(load.acknowledgedWrites).toBeGreaterThan(0);
  expect(load.lostWrites).toBe(0);
  expect(Object.keys(load.expectedDenials).length).toBeGreaterThan(0);
});
