import type { DataSource } from 'typeorm';

/** One statement's share of a cell, from pg_stat_statements (PostgreSQL's own counts). */
export interface StatementStatistics {
  /** Its text as PostgreSQL normalised it (constants as $n), shortened. */
  text: string;
  callsPerRequest: number;
  /** Mean time in the executor per call (wall time: it includes waits for CPU and locks). */
  execMs: number;
  /** Mean planning time per call; 0 where the plan was kept. */
  planMs: number;
  /** Plans made per call: near 0 where a prepared statement keeps its plan, 1 where it is planned every time. */
  plansPerCall: number;
}

/** The options for an embedded PostgreSQL that keeps per-statement counts, planning included. */
export const STATEMENT_STATISTICS_FLAGS = [
  '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'pg_stat_statements.track_planning=on',
];

interface Totals {
  text: string;
  calls: number;
  execMs: number;
  planMs: number;
  plans: number;
}

/** Counts statements per cell: reset before each round, read after it, summed over a cell's rounds. */
export class StatementCounter {
  private readonly cells = new Map<string, Map<string, Totals>>();

  constructor(private readonly db: DataSource) {}

  static async start(db: DataSource): Promise<StatementCounter> {
    try {
      await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await db.query('SELECT pg_stat_statements_reset()');
    } catch (error) {
      throw new Error(`--pg-statements needs pg_stat_statements in shared_preload_libraries (the embedded server gets it): ${String(error)}`);
    }
    return new StatementCounter(db);
  }

  async round<T>(cell: string, work: () => Promise<T>): Promise<T> {
    await this.db.query('SELECT pg_stat_statements_reset()');
    const result = await work();
    const rows: { queryid: string; text: string; calls: number; exec: number; plan: number; plans: number }[] = await this.db.query(
      `SELECT queryid::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS text, calls::int,
              total_exec_time AS exec, total_plan_time AS plan, plans::int
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pg_stat_activity%'`,
    );
    const totals = this.cells.get(cell) ?? new Map<string, Totals>();
    for (const row of rows) {
      const t = totals.get(row.queryid) ?? { text: row.text, calls: 0, execMs: 0, planMs: 0, plans: 0 };
      totals.set(row.queryid, { text: t.text, calls: t.calls + row.calls, execMs: t.execMs + row.exec, planMs: t.planMs + row.plan, plans: t.plans + row.plans });
    }
    this.cells.set(cell, totals);
    return result;
  }

  /** A cell's statements by total executor and planning time, the `top` largest. */
  of(cell: string, requests: number, top = 8): StatementStatistics[] {
    const round = (n: number) => Number(n.toFixed(3));
    return [...(this.cells.get(cell)?.values() ?? [])]
      .filter((t) => t.calls > 0)
      .sort((a, b) => b.execMs + b.planMs - (a.execMs + a.planMs))
      .slice(0, top)
      .map((t) => ({
        text: t.text,
        callsPerRequest: round(requests ? t.calls / requests : 0),
        execMs: round(t.calls ? t.execMs / t.calls : 0),
        planMs: round(t.calls ? t.planMs / t.calls : 0),
        plansPerCall: round(t.calls ? t.plans / t.calls : 0),
      }));
  }
}
