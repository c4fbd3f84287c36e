import fs from 'node:fs';
import path from 'node:path';
import type { ExplainCheck } from './explain-check';
import type { StatementStatistics } from './statement-statistics';
import { LEVELS, LEVEL_TITLES, type LevelId } from './levels';
import type { LoadResult } from './load-run';
import type { CellResult, CellSettings } from './measure';
import type { Scenario, ScenarioId } from './scenarios';

export interface Target {
  what: string;
  scenario: ScenarioId | 'all';
  value: number | null;
  target: string;
  met: boolean | null;
}

export interface BenchReport {
  scale: string;
  startedAt: string;
  settings: CellSettings & { poolSize: number; levelsInProcess: boolean };
  dataset: Record<string, number>;
  scenarios: { id: ScenarioId; title: string; principal: string; depth: number }[];
  cells: CellResult[];
  explain?: ExplainCheck;
  /** Every statement one request of each scenario sent at L3, in order (JSON only). */
  statements?: Record<string, string[]>;
  /** PostgreSQL's time (EXPLAIN ANALYZE) for each read statement of those requests, null for the others (JSON only). */
  statementMs?: Record<string, ({ run: number; plan: number } | null)[]>;
  /** With --pg-statements: per scenario and level, the statements that took PostgreSQL longest (pg_stat_statements). */
  pgStatements?: Record<string, Record<string, StatementStatistics[]>>;
  /** Q1 as shipped (L3 p50) at this scale against the last region run, when this is not one. */
  q1AgainstRegion?: { regionP50Ms: number; thisP50Ms: number; ratio: number } | null;
  load?: LoadResult;
  targets: Target[];
}

const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(2)) : 0);

/** The issue's targets, as ratios within this run. */
export function evaluateTargets(cells: CellResult[], scenarios: Scenario[], explain?: ExplainCheck, q1?: BenchReport['q1AgainstRegion']): Target[] {
  const rps = (s: string, l: LevelId) => cells.find((c) => c.scenario === s && c.level === l)?.requestsPerSecond ?? 0;
  const targets: Target[] = [];
  const has = (s: string) => cells.some((c) => c.scenario === s);
  const atLeast = (what: string, scenario: ScenarioId, value: number, min: number) => {
    if (has(scenario)) targets.push({ what, scenario, value, target: `>= ${min}`, met: value >= min });
  };
  for (const s of ['Q1', 'Q2'] as const) atLeast('L3/L1 throughput', s, ratio(rps(s, 'L3'), rps(s, 'L1')), 0.4);
  atLeast('L3/L1 throughput', 'Q4', ratio(rps('Q4', 'L3'), rps('Q4', 'L1')), 0.5);
  for (const s of scenarios) atLeast('L3/L2 throughput (policy + audit cost <= 25%)', s.id, ratio(rps(s.id, 'L3'), rps(s.id, 'L2')), 0.75);
  for (const s of scenarios) atLeast('L4/L3 throughput (gateway)', s.id, ratio(rps(s.id, 'L4'), rps(s.id, 'L3')), 0.6);
  for (const s of scenarios) {
    const cell = cells.find((c) => c.scenario === s.id && c.level === 'L3');
    if (cell) targets.push({ what: 'data queries per request (L3)', scenario: s.id, value: cell.dataQueriesPerRequest, target: `<= depth + 1 = ${s.depth + 1}`, met: cell.dataQueriesPerRequest <= s.depth + 1 });
  }
  if (explain) targets.push({ what: 'EXPLAIN: no sequential scan of a large table (Q1)', scenario: 'Q1', value: explain.sequentialScans.length, target: '0', met: explain.passed });
  if (q1) targets.push({ what: 'Q1 p50 at this scale / region', scenario: 'Q1', value: q1.ratio, target: '<= 2', met: q1.ratio <= 2 });
  return targets;
}

export function writeReport(report: BenchReport, dir: string, name: string): { json: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const markdown = path.join(dir, `${name}.md`);
  fs.writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}

export function toMarkdown(report: BenchReport): string {
  const s = report.settings;
  const header = [`# Benchmark: ${report.scale} scale`, ''];
  // A load-only run measured no cells: its report is the load section alone, not tables of zeros.
  if (report.cells.length === 0 && report.load) return [...header, `Run ${report.startedAt}.`, '', ...loadSection(report.load)].join('\n') + '\n';
  const lines = [
    ...header,
    `Run ${report.startedAt}; ${s.durationSeconds} s per cell in ${s.rounds} rounds (levels alternating in order), each after ${s.warmupSeconds} s warm-up, ${s.connections} connections, ` +
      `pool of ${s.poolSize} per level${s.levelsInProcess ? ', levels in the harness process' : ', each level in a process of its own'}.`,
    `Dataset: ${Object.entries(report.dataset).map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`).join(', ')}.`,
    '',
    `Levels: ${LEVELS.map((l) => `${l} ${LEVEL_TITLES[l]}`).join('; ')}.`,
    '',
    '| scenario | level | req/s | p50 ms | p99 ms | queries/req | data queries/req | node CPU ms/req | postgres CPU ms/req | peak RSS MB | error responses | failures |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.cells.map(
      (c) =>
        `| ${c.scenario} | ${c.level} | ${c.requestsPerSecond} | ${c.p50Ms} | ${c.p99Ms} | ${c.queriesPerRequest} | ${c.dataQueriesPerRequest} | ${c.nodeCpuMsPerRequest} | ${c.postgresCpuMsPerRequest ?? '—'} | ${c.peakRssMb} | ${c.errorResponses} | ${c.failures} |`,
    ),
    '',
    '| scenario | what it is | depth | L3/L1 | L3/L2 | L4/L3 |',
    '|---|---|---:|---:|---:|---:|',
    ...report.scenarios.map((sc) => {
      const rps = (l: LevelId) => report.cells.find((c) => c.scenario === sc.id && c.level === l)?.requestsPerSecond ?? 0;
      return `| ${sc.id} | ${sc.title} (as ${sc.principal}) | ${sc.depth} | ${ratio(rps('L3'), rps('L1'))} | ${ratio(rps('L3'), rps('L2'))} | ${ratio(rps('L4'), rps('L3'))} |`;
    }),
    '',
    '## Targets',
    '',
    '| target | scenario | value | wanted | met |',
    '|---|---|---:|---|---|',
    ...report.targets.map((t) => `| ${t.what} | ${t.scenario} | ${t.value ?? '—'} | ${t.target} | ${t.met === null ? '—' : t.met ? 'yes' : '**no**'} |`),
  ];
  if (report.explain) {
    const scans = report.explain.sequentialScans.map((x) => `${x.table} (${x.rows} rows)`).join(', ') || 'none';
    lines.push('', `EXPLAIN of the ${report.explain.statements} statements of one Q1 request: sequential scans of tables over ${report.explain.largeTableRows.toLocaleString('en-GB')} rows: ${scans}.`);
  }
  if (report.pgStatements) lines.push('', ...statementSection(report.pgStatements));
  if (report.load) lines.push('', ...loadSection(report.load));
  return lines.join('\n') + '\n';
}

function statementSection(byCell: NonNullable<BenchReport['pgStatements']>): string[] {
  const cell = (scenario: string, level: string, rows: StatementStatistics[]) => [
    `### ${scenario} ${level}`, '',
    '| calls/req | exec ms | plan ms | plans/call | statement |',
    '|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.callsPerRequest} | ${r.execMs} | ${r.planMs} | ${r.plansPerCall} | \`${r.text.replace(/[|`]/g, ' ')}\` |`),
    '',
  ];
  return [
    '## PostgreSQL statements per cell (--pg-statements)', '',
    'From pg_stat_statements over the measured part of each cell, longest first (executor plus planning); times are means per call',
    'and wall time (waits for CPU and locks included); plans/call near 1 means planned at every call.', '',
    ...Object.entries(byCell).flatMap(([scenario, levels]) => Object.entries(levels).flatMap(([level, rows]) => cell(scenario, level, rows))),
  ];
}

function loadSection(l: NonNullable<BenchReport['load']>): string[] {
  return [
    '## Load (mixed reads and writes through the gateway)', '',
    `${l.connections} clients for ${l.durationSeconds} s: ${l.requests} requests (${l.requestsPerSecond}/s), ${l.ok} ok, ` +
      `${Object.values(l.expectedDenials).reduce((a, b) => a + b, 0)} expected denials, ${Object.values(l.failures).reduce((a, b) => a + b, 0)} failures; ` +
      `${l.acknowledgedWrites} acknowledged writes, ${l.lostWrites} lost. ${l.passed ? 'Passed.' : '**Failed.**'}`,
    ...Object.entries(l.expectedDenials).map(([k, v]) => `- expected: ${k}: ${v}`),
    ...Object.entries(l.failures).map(([k, v]) => `- **failure**: ${k}: ${v}`),
  ];
}
