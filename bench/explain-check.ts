import type { DataSource } from 'typeorm';
import type { CapturedStatement } from './query-counter';

export interface ExplainCheck {
  /** Tables over this many rows are "large": a sequential scan on one fails the check. */
  largeTableRows: number;
  statements: number;
  sequentialScans: { table: string; rows: number }[];
  passed: boolean;
}

const LARGE_TABLE_ROWS = 10_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** EXPLAINs every statement a request sent (as sent, with its parameters) and finds sequential scans of large tables. */
export async function explainCheck(db: DataSource, statements: CapturedStatement[]): Promise<ExplainCheck> {
  const sizes = new Map<string, number>(
    ((await db.query(`SELECT relname, reltuples::bigint AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`)) as {
      relname: string;
      rows: string;
    }[]).map((r) => [r.relname, Number(r.rows)]),
  );
  const scans = new Map<string, number>();
  // One statement each (the disclosure log's lock-and-head message holds two, and is not a read of case data).
  // A request's first statement travels with its START TRANSACTION (RequestTransaction.beginWith).
  const explainable = statements
    .map((s) => ({ ...s, text: s.text.replace(/^\s*START TRANSACTION;\s*/i, '') }))
    .filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text) && !/;\s*\S/.test(s.text));
  for (const statement of explainable) {
    const [{ 'QUERY PLAN': plan }] = (await db.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)) as {
      'QUERY PLAN': { Plan: PlanNode }[];
    }[];
    const walk = (node: PlanNode) => {
      const rows = sizes.get(node['Relation Name'] ?? '') ?? 0;
      if (node['Node Type'] === 'Seq Scan' && rows > LARGE_TABLE_ROWS) scans.set(node['Relation Name']!, rows);
      node.Plans?.forEach(walk);
    };
    walk(plan[0].Plan);
  }
  const sequentialScans = [...scans].map(([table, rows]) => ({ table, rows }));
  return { largeTableRows: LARGE_TABLE_ROWS, statements: explainable.length, sequentialScans, passed: sequentialScans.length === 0 };
}

const TIMING_RUNS = 5;
const READ_ONLY_SQL_TRANSACTION = '25006';

/**
 * How long PostgreSQL took to run each read of a request (EXPLAIN ANALYZE, as sent), in ms, and to
 * plan it (the hub prepares its statements, so it plans each once per connection); null for a
 * statement that is not a single read.
 */
export async function statementTimes(db: DataSource, statements: CapturedStatement[]): Promise<({ run: number; plan: number } | null)[]> {
  const times: ({ run: number; plan: number } | null)[] = [];
  for (const statement of statements) {
    const text = statement.text.replace(/^\s*START TRANSACTION;\s*/i, '');
    if (!/^\s*(SELECT|WITH)\b/i.test(text) || /;\s*\S/.test(text) || /audit_append\(/.test(text)) {
      times.push(null);
      continue;
    }
    // The best of a few runs: one sample on a shared machine is mostly noise. Each in a read-only
    // transaction rolled back: a SELECT of a function can write (pathway_append), and is no read.
    const best = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query('SAVEPOINT timing');
      let fastest = { run: Infinity, plan: Infinity };
      for (let i = 0; i < TIMING_RUNS; i++) {
        try {
          const [{ 'QUERY PLAN': plan }] = (await tx.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, statement.values)) as {
            'QUERY PLAN': { 'Execution Time': number; 'Planning Time': number }[];
          }[];
          fastest = { run: Math.min(fastest.run, plan[0]['Execution Time']), plan: Math.min(fastest.plan, plan[0]['Planning Time']) };
        } catch (error) {
          if ((error as { driverError?: { code?: string } }).driverError?.code !== READ_ONLY_SQL_TRANSACTION) throw error;
          await tx.query('ROLLBACK TO SAVEPOINT timing');
          return null;
        }
      }
      await tx.query('ROLLBACK TO SAVEPOINT timing');
      return fastest;
    });
    if (!best) {
      times.push(null);
      continue;
    }
    times.push({ run: Number(best.run.toFixed(2)), plan: Number(best.plan.toFixed(2)) });
  }
  return times;
}
