import type { DataSource } from 'typeorm';

/** Runs `work` while holding a session-level advisory lock, so several services starting at once take turns. */
export async function withAdvisoryLock<T>(db: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}

export const LOCK_MIGRATIONS = 7_310_001;
export const LOCK_SEEDS = 7_310_002;
