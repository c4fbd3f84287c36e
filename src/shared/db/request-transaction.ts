import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * One database transaction per GraphQL request, begun on first use. Reads, writes and their
 * audit entries commit together, or not at all.
 */
export class RequestTransaction {
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;

  constructor(private readonly db: DataSource) {}

  get started(): boolean {
    return this.opening !== undefined;
  }

  manager(): Promise<EntityManager> {
    this.opening ??= (async () => {
      const runner = serialised(this.db.createQueryRunner());
      this.runner = runner;
      await runner.connect();
      await runner.startTransaction('READ COMMITTED');
      return runner.manager;
    })();
    return this.opening;
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

  async commit(): Promise<void> {
    if (!this.opening) return;
    await this.opening;
    try {
      await this.runner!.commitTransaction();
    } finally {
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

/**
 * Resolvers run in parallel but share the request's one connection; pg would interleave their
 * queries (deprecated, and removed in pg 9), so each waits for the previous one to finish.
 */
function serialised(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
