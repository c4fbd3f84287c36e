import autocannon from 'autocannon';
import type { DataSource } from 'typeorm';
import { levelApplicationName, type LevelId, type RunningLevel } from './levels';
import { backendCpu, cpuBetween } from './postgres-cpu';
import type { Scenario } from './scenarios';

export interface CellResult {
  scenario: string;
  level: LevelId;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Every statement sent to PostgreSQL, per request. */
  queriesPerRequest: number;
  /** The same less transaction control and the disclosure-log append. */
  dataQueriesPerRequest: number;
  peakRssMb: number;
  /** CPU time per request of the level's process (gateway and subgraphs together at L4), in ms. */
  nodeCpuMsPerRequest: number;
  /** CPU time per request of the PostgreSQL backends serving the level, in ms; null where /proc cannot tell. */
  postgresCpuMsPerRequest: number | null;
  /** Responses carrying GraphQL errors (Q4's denials are expected). */
  errorResponses: number;
  /** Non-2xx answers, timeouts and connection errors: always a failure. */
  failures: number;
}

export interface CellSettings {
  /** Per cell, in all: split over the rounds. */
  durationSeconds: number;
  /** Rounds per cell, the levels alternating in order between rounds, so a burst of load elsewhere on the machine hits every level alike. */
  rounds: number;
  connections: number;
  warmupSeconds: number;
}

/** One round of one scenario at one level: a short warm-up, then a fixed duration at fixed concurrency. */
export async function measureCell(
  level: RunningLevel,
  scenario: Scenario,
  token: string,
  settings: CellSettings,
  harness: DataSource,
  /** Wraps the measured part (after the warm-up), e.g. to count PostgreSQL's statements over it. */
  around: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Promise<CellResult> {
  const duration = settings.durationSeconds / settings.rounds;
  const url = level.url(scenario.service, scenario.id);
  let n = 0;
  let responses = 0;
  let errorResponses = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections: settings.connections,
      duration,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({ ...request, body: JSON.stringify(scenario.body(n++)) }),
          onResponse: (_status, body) => {
            responses += 1;
            if (body.includes('"errors"')) errorResponses += 1;
          },
        },
      ],
    });
  if (settings.warmupSeconds > 0) await run(settings.warmupSeconds);
  responses = 0;
  errorResponses = 0;
  const backends = () => backendCpu(harness, levelApplicationName(level.level));
  const [before, postgresBefore] = [await level.stats(), await backends()];
  const result = await around(() => run(duration));
  const [after, postgresAfter] = [await level.stats(), await backends()];
  const postgresCpu = cpuBetween(postgresBefore, postgresAfter);
  const per = (a: number, b: number) => (responses ? Number(((a - b) / responses).toFixed(2)) : 0);
  const data = (s: typeof before) => s.queries.total - s.queries.control - s.queries.audit;
  return {
    scenario: scenario.id,
    level: level.level,
    requests: responses,
    requestsPerSecond: Number((responses / duration).toFixed(1)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    queriesPerRequest: per(after.queries.total, before.queries.total),
    dataQueriesPerRequest: per(data(after), data(before)),
    peakRssMb: after.peakRssMb,
    nodeCpuMsPerRequest: per(after.cpuMs, before.cpuMs),
    postgresCpuMsPerRequest: postgresCpu === null ? null : per(postgresCpu, 0),
    errorResponses,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** A cell's rounds as one: throughput over all of them, the median round's latencies, queries over all requests. */
export function combineRounds(rounds: CellResult[]): CellResult {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const sum = (pick: (c: CellResult) => number) => rounds.reduce((n, c) => n + pick(c), 0);
  const requests = sum((c) => c.requests);
  const weighted = (pick: (c: CellResult) => number) => (requests ? Number((sum((c) => pick(c) * c.requests) / requests).toFixed(2)) : 0);
  return {
    scenario: rounds[0].scenario,
    level: rounds[0].level,
    requests,
    requestsPerSecond: Number((sum((c) => c.requestsPerSecond) / rounds.length).toFixed(1)),
    p50Ms: median(rounds.map((c) => c.p50Ms)),
    p99Ms: median(rounds.map((c) => c.p99Ms)),
    queriesPerRequest: weighted((c) => c.queriesPerRequest),
    dataQueriesPerRequest: weighted((c) => c.dataQueriesPerRequest),
    peakRssMb: Math.max(...rounds.map((c) => c.peakRssMb)),
    nodeCpuMsPerRequest: weighted((c) => c.nodeCpuMsPerRequest),
    postgresCpuMsPerRequest: rounds.some((c) => c.postgresCpuMsPerRequest === null) ? null : weighted((c) => c.postgresCpuMsPerRequest!),
    errorResponses: sum((c) => c.errorResponses),
    failures: sum((c) => c.failures),
  };
}
