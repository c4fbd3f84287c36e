import type { DataSource } from 'typeorm';
import { QUERIES, type Fixtures, type GraphQLBody } from './scenarios';

/** Outcomes of a load run; anything not ok and not an expected denial is a failure. */
export interface LoadResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  ok: number;
  expectedDenials: Record<string, number>;
  failures: Record<string, number>;
  acknowledgedWrites: number;
  /** Acknowledged writes whose update, timeline event and disclosure-log entry are not each present exactly once. */
  lostWrites: number;
  passed: boolean;
}

interface Operation {
  name: string;
  principal: string;
  weight: number;
  body: (n: number) => GraphQLBody;
  /** Error codes this operation may answer by design (a denial the caller is meant to get). */
  expected: string[];
  /** Reads the id of an acknowledged write from the response data. */
  writtenId?: (data: Record<string, unknown>) => string;
}

/**
 * Mixed reads and writes by several demo principals through the gateway (hardening, issue 9): every
 * response is counted by outcome, and every acknowledged write is looked for afterwards.
 */
export async function loadRun(options: {
  gatewayUrl: string;
  tokens: (principal: string) => string;
  fixtures: Fixtures;
  sheffieldInCustody: string[];
  db: DataSource;
  connections: number;
  durationSeconds: number;
}): Promise<LoadResult> {
  const { fixtures } = options;
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  const pathwayUpdate = (children: string[]) => (n: number) => ({
    query: QUERIES.Q5,
    variables: { input: { childId: pick(children, n), pathway: n % 2 ? 'ACCOMMODATION' : 'FAMILIES', status: 'IN_PROGRESS', summary: `Load ${n}` } },
  });
  const written = (data: Record<string, unknown>) => (data.recordPathwayUpdate as { id: string }).id;
  const operations: Operation[] = [
    { name: 'caseload (link worker)', principal: 'swyrc.lw', weight: 2, body: () => ({ query: QUERIES.Q1, variables: { within: 28 } }), expected: [] },
    { name: 'inbox (housing provider)', principal: 'housing.leeds', weight: 2, body: () => ({ query: QUERIES.Q2 }), expected: [] },
    {
      name: 'change feed (Leeds system)', principal: 'leeds-cms', weight: 1,
      body: (n) => ({ query: QUERIES.Q3, variables: { since: pick(fixtures.feedCursors, n) } }), expected: [],
    },
    { name: 'child (own)', principal: 'leeds.cm', weight: 3, body: (n) => ({ query: QUERIES.Q4, variables: { id: pick(fixtures.leedsInCustody, n) } }), expected: [] },
    {
      name: 'child (another service’s)', principal: 'sheffield.cm', weight: 1,
      body: (n) => ({ query: QUERIES.Q4, variables: { id: pick(fixtures.leedsInCustody, n) } }), expected: ['NOT_FOUND'],
    },
    { name: 'pathway update (Leeds)', principal: 'leeds.cm', weight: 2, body: pathwayUpdate(fixtures.leedsInCustody), expected: [], writtenId: written },
    { name: 'pathway update (Sheffield)', principal: 'sheffield.cm', weight: 1, body: pathwayUpdate(options.sheffieldInCustody), expected: [], writtenId: written },
    {
      name: 'pathway update (another service’s child)', principal: 'sheffield.cm', weight: 1, body: pathwayUpdate(fixtures.leedsInCustody),
      expected: ['NOT_FOUND'],
    },
  ];
  const schedule = operations.flatMap((op) => Array.from({ length: op.weight }, () => op));

  const result: LoadResult = {
    connections: options.connections, durationSeconds: options.durationSeconds, requests: 0, requestsPerSecond: 0, ok: 0,
    expectedDenials: {}, failures: {}, acknowledgedWrites: 0, lostWrites: 0, passed: false,
  };
  const writes: string[] = [];
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const deadline = Date.now() + options.durationSeconds * 1000;
  let n = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const i = n++;
      const op = schedule[i % schedule.length];
      result.requests += 1;
      try {
        const response = await fetch(options.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.tokens(op.principal)}` },
          body: JSON.stringify(op.body(i)),
        });
        const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
        const codes = [...new Set((body.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE'))];
        if (response.status === 200 && codes.length === 0 && body.data) {
          result.ok += 1;
          if (op.writtenId) writes.push(op.writtenId(body.data));
        } else if (codes.length > 0 && codes.every((c) => op.expected.includes(c))) {
          count(result.expectedDenials, `${op.name}: ${codes.join('+')}`);
        } else {
          count(result.failures, `${op.name}: HTTP ${response.status} ${codes.join('+') || 'no data'}`);
        }
      } catch (error) {
        count(result.failures, `${op.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  result.requestsPerSecond = Number((result.requests / options.durationSeconds).toFixed(1));
  result.acknowledgedWrites = writes.length;
  result.lostWrites = await missingWrites(options.db, writes);
  result.passed = Object.keys(result.failures).length === 0 && result.lostWrites === 0;
  return result;
}

/** Each acknowledged update must be stored once, with one timeline event and one disclosure-log entry. */
async function missingWrites(db: DataSource, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [{ missing }] = await db.query(
    `WITH w AS (SELECT DISTINCT unnest($1::uuid[]) AS id),
     p AS (SELECT id, count(*) AS n FROM pathway_update WHERE id = ANY($1::uuid[]) GROUP BY id),
     t AS (SELECT subject_id AS id, count(*) AS n FROM timeline_event
            WHERE subject_type = 'pathway_update' AND subject_id = ANY($1::uuid[]) GROUP BY subject_id),
     a AS (SELECT substring(resource FROM 16)::uuid AS id, count(*) AS n FROM audit_event
            WHERE operation = 'ALTER' AND resource LIKE 'pathway\\_update:%' GROUP BY 1)
     SELECT count(*)::int AS missing FROM w LEFT JOIN p USING (id) LEFT JOIN t USING (id) LEFT JOIN a USING (id)
      WHERE coalesce(p.n, 0) <> 1 OR coalesce(t.n, 0) <> 1 OR coalesce(a.n, 0) <> 1`,
    [ids],
  );
  const duplicates = ids.length - new Set(ids).size;
  return missing + duplicates;
}
