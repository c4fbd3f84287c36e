import { Pool } from 'pg';
import type { Logger } from '../logging/logger';

/**
 * A small pool for a graphile-worker runner. An idle connection that the server ends (a restart,
 * a failover) must not crash the process: it is logged and the pool reconnects on next use.
 */
export function createJobQueuePool(connectionString: string, logger: Logger, max = 2): Pool {
  const pool = new Pool({ connectionString, max, application_name: 'hub-job-queue' });
  const lost = (error: Error) => logger.warn({ code: (error as { code?: string }).code, err: error.message }, 'job queue connection lost');
  pool.on('error', lost);
  // graphile-worker also expects every checked-out client to have a handler of its own.
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}
