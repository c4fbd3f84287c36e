import fs from 'node:fs';
import path from 'node:path';
import { yjsIdFor } from '../seeds/demo-consortium';
import { createDataSource } from '../src/shared/db/data-source';
import { createBenchDatabase } from './bench-database';
import { benchConfig, benchKeys, benchToken } from './bench-hub';
import { explainCheck, statementTimes, type ExplainCheck } from './explain-check';
import { LEVELS, startLevelInProcess, startLevelProcess, type LevelId, type LevelOptions, type RunningLevel } from './levels';
import { loadRun, type LoadResult } from './load-run';
import { combineRounds, measureCell, type CellResult, type CellSettings } from './measure';
import { evaluateTargets, writeReport, type BenchReport } from './report';
import { loadScaleData, SCALES, type ScaleName } from './scale-data';
import { StatementCounter, type StatementStatistics } from './statement-statistics';
import { loadFixtures, scenarios as allScenarios, type Scenario } from './scenarios';

export interface BenchOptions {
  scale: ScaleName;
  cell: CellSettings;
  /** Run the scenarios × levels (false: only the load run). */
  scenarios: boolean;
  /** Only these scenarios (default all). */
  only?: string[];
  load?: { connections: number; durationSeconds: number };
  poolSize: number;
  keep: boolean;
  /** Levels in this process (jest) instead of one process each (needs the compiled dist/). */
  inProcess: boolean;
  adminUrl?: string;
  /** Count PostgreSQL's statements per cell with pg_stat_statements (an embedded server is started with it). */
  pgStatements?: boolean;
  resultsDir: string;
  name: string;
  log: (message: string) => void;
}

/** Loads (or reuses) the dataset, starts the levels, measures every cell, then the load run; writes JSON and Markdown. */
export async function runBenchmark(options: BenchOptions): Promise<BenchReport> {
  const { log } = options;
  const scale = SCALES[options.scale];
  const started = Date.now();
  log(`${scale.name} scale: preparing the database`);
  const database = await createBenchDatabase(`bench_${scale.name}`, {
    adminUrl: options.adminUrl, keep: options.keep, statementStatistics: options.pgStatements, load: (db) => loadScaleData(db, scale, log),
  });
  log(database.loaded ? `  loaded in ${((Date.now() - started) / 1000).toFixed(1)} s` : '  reused the kept database');
  const keys = benchKeys();
  const db = createDataSource({ url: database.url, poolSize: 2, applicationName: 'hub-bench-harness' });
  await db.initialize();
  const levels: RunningLevel[] = [];
  try {
    const fixtures = await loadFixtures(db);
    const config = benchConfig({ databaseUrl: database.url, keysDir: keys.dir, services: 'gateway' });
    const tokens = new Map<string, string>();
    const token = (principal: string) => tokens.get(principal) ?? tokens.set(principal, benchToken(keys.keys, config, principal)).get(principal)!;
    const levelIds: LevelId[] = options.scenarios ? LEVELS : ['L4'];
    const start = options.inProcess ? startLevelInProcess : startLevelProcess;
    for (const level of levelIds) {
      const levelOptions: LevelOptions = { level, databaseUrl: database.url, keysDir: keys.dir, poolSize: options.poolSize };
      levels.push(await start(levelOptions));
    }
    const byId = (id: LevelId) => levels.find((l) => l.level === id)!;
    const scenarioList = allScenarios(fixtures).filter((s) => !options.only?.length || options.only.includes(s.id));
    const cells: CellResult[] = [];
    let explain: ExplainCheck | undefined;
    const statementsOf: Record<string, string[]> = {};
    const statementMs: Record<string, ({ run: number; plan: number } | null)[]> = {};
    const counter = options.pgStatements ? await StatementCounter.start(db) : undefined;
    const pgStatements: Record<string, Record<string, StatementStatistics[]>> = {};
    if (options.scenarios) {
      for (const scenario of scenarioList) {
        const rounds = new Map<LevelId, CellResult[]>();
        for (let round = 0; round < options.cell.rounds; round++) {
          for (const level of round % 2 === 0 ? levels : [...levels].reverse()) {
            const around = counter ? <T>(work: () => Promise<T>) => counter.round(`${scenario.id}:${level.level}`, work) : undefined;
            const result = await measureCell(level, scenario, token(scenario.principal), options.cell, db, around);
            rounds.set(level.level, [...(rounds.get(level.level) ?? []), result]);
          }
        }
        for (const level of levels) {
          const cell = combineRounds(rounds.get(level.level)!);
          cells.push(cell);
          if (counter) (pgStatements[scenario.id] ??= {})[level.level] = counter.of(`${scenario.id}:${level.level}`, cell.requests);
          log(`  ${scenario.id} ${level.level}: ${cell.requestsPerSecond} req/s, p50 ${cell.p50Ms} ms, p99 ${cell.p99Ms} ms, ` +
            `${cell.queriesPerRequest} queries/req (${cell.dataQueriesPerRequest} data), ${cell.peakRssMb} MB, ` +
            `CPU ms/req node ${cell.nodeCpuMsPerRequest}, postgres ${cell.postgresCpuMsPerRequest ?? '?'}` +
            (cell.errorResponses ? `, ${cell.errorResponses} error responses` : '') + (cell.failures ? `, ${cell.failures} FAILURES` : ''));
        }
      }
      const l3 = byId('L3');
      const oneRequest = async (scenario: Scenario) =>
        l3.capture(async () => {
          const response = await fetch(l3.url(scenario.service, scenario.id), {
            method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token(scenario.principal)}` },
            body: JSON.stringify(scenario.body(0)),
          });
          await response.text();
        });
      for (const scenario of scenarioList) {
        const captured = await oneRequest(scenario);
        statementsOf[scenario.id] = captured.map((s) => s.text);
        if (scenario.id !== 'Q5') {
          const times = await statementTimes(db, captured);
          statementMs[scenario.id] = times;
          log(`  ${scenario.id} at L3, PostgreSQL ms per read statement (run, plan): ${times.map((t) => (t ? `${t.run} (${t.plan})` : '-')).join(', ')}`);
        }
      }
      const statements = await oneRequest(allScenarios(fixtures).find((s) => s.id === 'Q1')!);
      explain = await explainCheck(db, statements);
      log(`  EXPLAIN of Q1's ${explain.statements} statements: ${explain.passed ? 'no sequential scan of a large table' : `sequential scans of ${explain.sequentialScans.map((s) => s.table).join(', ')}`}`);
    }
    let load: LoadResult | undefined;
    if (options.load) {
      log(`  load: ${options.load.connections} clients for ${options.load.durationSeconds} s through the gateway`);
      const sheffieldInCustody = ((await db.query(
        `SELECT c.id FROM child c JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY' WHERE c.home_yjs_agency_id = $1`,
        [yjsIdFor('SHEFFIELD')],
      )) as { id: string }[]).map((r) => r.id);
      load = await loadRun({
        gatewayUrl: byId('L4').url('cases', 'load'), tokens: token, fixtures, sheffieldInCustody, db, ...options.load,
      });
      log(`  load: ${load.requests} requests, ${load.ok} ok, ${load.acknowledgedWrites} writes acknowledged, ${load.lostWrites} lost, ` +
        `${Object.values(load.failures).reduce((a, b) => a + b, 0)} failures`);
    }
    const q1AgainstRegion = options.scenarios && scale.name !== 'region' ? againstRegion(options.resultsDir, cells) : undefined;
    const dataset = Object.fromEntries(
      ((await db.query(`SELECT relname, n_live_tup::int AS n FROM pg_stat_user_tables
          WHERE relname IN ('child', 'agency', 'custody_episode', 'timeline_event', 'pathway_update', 'accommodation_request', 'entity_change', 'audit_event')
          ORDER BY relname`)) as { relname: string; n: number }[]).map((r) => [r.relname, r.n]),
    );
    const report: BenchReport = {
      scale: scale.name,
      startedAt: new Date(started).toISOString(),
      settings: { ...options.cell, poolSize: options.poolSize, levelsInProcess: options.inProcess },
      dataset,
      scenarios: scenarioList.map(({ id, title, principal, depth }) => ({ id, title, principal, depth })),
      cells,
      explain,
      statements: statementsOf,
      statementMs,
      ...(counter ? { pgStatements } : {}),
      q1AgainstRegion,
      load,
      targets: options.scenarios ? evaluateTargets(cells, scenarioList, explain, q1AgainstRegion) : [],
    };
    const written = writeReport(report, options.resultsDir, options.name);
    log(`results: ${written.markdown} (and .json), in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return report;
  } finally {
    for (const level of levels) await level.stop().catch(() => undefined);
    await db.destroy();
    await database.stop();
    keys.remove();
  }
}

function againstRegion(resultsDir: string, cells: CellResult[]): BenchReport['q1AgainstRegion'] {
  const file = path.join(resultsDir, 'bench-region.json');
  const here = cells.find((c) => c.scenario === 'Q1' && c.level === 'L3');
  if (!fs.existsSync(file) || !here) return null;
  const region = (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchReport).cells.find((c) => c.scenario === 'Q1' && c.level === 'L3');
  if (!region) return null;
  return { regionP50Ms: region.p50Ms, thisP50Ms: here.p50Ms, ratio: Number((here.p50Ms / Math.max(region.p50Ms, 0.01)).toFixed(2)) };
}
