import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * One database transaction per GraphQL request, begun on first use. Reads, writes and their
 * audit entries commit together, or not at all.
 */
export class RequestTransaction {
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;
  /** Sent with the COMMIT, in the same round trip (see commit). */
  private final: { statement?: string } = {};

  constructor(private readonly db: DataSource) {}

  get started(): boolean {
    return this.opening !== undefined;
  }

  manager(): Promise<EntityManager> {
    this.opening ??= (async () => {
      const runner = serialised(this.db.createQueryRunner(), this.final);
      this.runner = runner;
      await runner.connect();
      // READ COMMITTED, the connections' default (data-source.ts): no SET TRANSACTION round trip.
      await runner.startTransaction();
      return runner.manager;
    })();
    return this.opening;
  }

  /**
   * Begins the transaction and runs its first statement in the same message, one round trip for
   * both (every request begins with its principal). The message uses the simple protocol, so the
   * statement cannot bind parameters; its rows are returned.
   */
  async beginWith<Row>(statement: string): Promise<Row[]> {
    if (this.opening) throw new Error('the request transaction has already begun');
    let rows: Row[] = [];
    this.opening = (async () => {
      const runner = serialised(this.db.createQueryRunner(), this.final);
      this.runner = runner;
      const client = (await runner.connect()) as { query: (text: string) => Promise<{ rows: Row[] }[]> };
      // Marked first: if the statement fails, rollback() must end the transaction the message opened.
      markTransactionStarted(runner);
      const results = await client.query(`START TRANSACTION;\n${statement}`);
      rows = results[1].rows;
      return runner.manager;
    })();
    await this.opening;
    return rows;
  }

  /**
   * Runs `work` inside a savepoint: if it throws, everything it wrote is undone and the request's
   * transaction carries on (so a failed mutation changes nothing, while its denial is still audited).
   */
  async atomically<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    const db = await this.manager();
    const name = `sp_${Math.random().toString(36).slice(2, 10)}`;
    await db.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(db);
      await db.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await db.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /**
   * Commits; a `finalStatement` (self-contained, no parameters) runs just before the COMMIT in the
   * same message, so a failure of either leaves nothing committed.
   */
  async commit(finalStatement?: string): Promise<void> {
    if (!this.opening) return;
    await this.opening;
    if (!this.runner) throw new Error('the request transaction was rolled back before its commit (the client went away)');
    this.final.statement = finalStatement;
    try {
      await this.runner!.commitTransaction();
    } catch (error) {
      // The final statement failed (or the COMMIT): end the aborted transaction before the connection goes back to the pool.
      this.final.statement = undefined;
      await this.rollback();
      throw finalStatement ? withoutStatement(error) : error;
    } finally {
      this.final.statement = undefined;
      await this.release();
    }
  }

  async rollback(): Promise<void> {
    if (!this.opening) return;
    try {
      await this.opening;
      if (this.runner?.isTransactionActive) await this.runner.rollbackTransaction();
    } catch {
      // The connection may already be gone; there is nothing left to undo.
    } finally {
      await this.release();
    }
  }

  private async release(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner && !runner.isReleased) await runner.release();
  }
}

/** What TypeORM's startTransaction() records, for a transaction begun by a message of our own. */
function markTransactionStarted(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

/**
 * Resolvers run in parallel but share the request's one connection; pg would interleave their
 * queries (deprecated, and removed in pg 9), so each waits for the previous one to finish. TypeORM's
 * own COMMIT carries `final.statement` ahead of it (one simple-protocol message), so TypeORM keeps
 * track of the transaction's end as usual.
 */
function serialised(runner: QueryRunner, final: { statement?: string }): QueryRunner {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    if (args[0] === 'COMMIT' && final.statement) args = [`${final.statement};\nCOMMIT`, ...args.slice(1)] as typeof args;
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}

/**
 * A final statement carries its data inline (the disclosure-log entries), where other statements
 * bind parameters, which the logger redacts: its text must not reach a log with the error.
 */
function withoutStatement(error: unknown): unknown {
  if (error && typeof error === 'object' && 'query' in error) {
    (error as { query: unknown }).query = '[the final statement is withheld: it carries its data inline]';
  }
  return error;
}
