import { Logger as WorkerLogger, run, type TaskList, type WorkerEvents } from 'graphile-worker';
import { DataSource, type EntityManager } from 'typeorm';
import { createJobQueuePool } from '../../../shared/db/job-queue-pool';
import { createDataSource } from '../../../shared/db/data-source';
import type { Logger } from '../../../shared/logging/logger';
import { parseConsortiumSettings } from '../../../shared/policy/consortium-settings';
import { recomputeWithRules } from './deadline-recompute';
import { effectiveDeadlineRules } from './deadline-rules.loader';
import { englandDateOf } from '../../../shared/calendar/working-days';

export const RAISE_DUE_ALERTS_TASK = 'raise_due_alerts';
/** Hourly, on the hour. */
export const DEFAULT_DEADLINE_CRON = '0 * * * *';

export interface DueAlertsResult {
  today: string;
  children: number;
  raised: number;
}

/**
 * The scheduled job's body: for every child with a deadline whose next check has come (a stage of
 * alerts reached, or a due date passed), and every child sentenced in custody with no deadlines yet,
 * recomputes its deadlines as of `now` (England date), marking them MISSED and raising the alerts
 * now due. Running it twice raises nothing twice. One child's failure does not stop the others.
 */
export async function raiseDueAlerts(db: DataSource | EntityManager, now: Date): Promise<DueAlertsResult> {
  const manager = db instanceof DataSource ? db.manager : db;
  const today = englandDateOf(now);
  const due: { child_id: string; settings: unknown }[] = await manager.query(
    `SELECT c.id AS child_id, k.settings FROM child c JOIN consortium k ON k.id = c.consortium_id
      WHERE c.id IN (SELECT d.child_id FROM deadline d WHERE d.next_check_on <= $1::date)
         OR c.id IN (SELECT e.child_id FROM custody_episode e WHERE e.status = 'IN_CUSTODY'
                       AND (e.sentence_date IS NOT NULL OR e.release_date IS NOT NULL)
                       AND NOT EXISTS (SELECT 1 FROM deadline d WHERE d.custody_episode_id = e.id))
      ORDER BY c.id`,
    [today],
  );
  let raised = 0;
  const failures: unknown[] = [];
  for (const { child_id: childId, settings } of due) {
    try {
      raised += await recomputeWithRules(manager, childId, today, effectiveDeadlineRules(parseConsortiumSettings(settings)));
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `deadline alerts failed for ${failures.length} of ${due.length} children`);
  return { today, children: due.length, raised };
}

/** The worker's tasks. A job may carry `{ "asOf": "<ISO instant>" }` to be run as of that instant. */
export function deadlineTaskList(db: DataSource, logger: Logger): TaskList {
  return {
    [RAISE_DUE_ALERTS_TASK]: async (payload) => {
      const asOf = (payload as { asOf?: unknown } | null)?.asOf;
      const now = typeof asOf === 'string' && !Number.isNaN(Date.parse(asOf)) ? new Date(asOf) : new Date();
      const result = await raiseDueAlerts(db, now);
      logger.info(result, 'deadline alerts checked');
    },
  };
}

export interface DeadlineWorkerOptions {
  databaseUrl: string;
  logger: Logger;
  /** Crontab time fields for the job; hourly by default. */
  cron?: string;
  /** Shares the hub's data source; otherwise the worker opens a small one of its own. */
  db?: DataSource;
  /** graphile-worker's event emitter, to observe the worker (e.g. `cron:started`). */
  events?: WorkerEvents;
}

/**
 * Starts the graphile-worker runner that raises deadline alerts as time passes. graphile-worker
 * keeps its queue in its own `graphile_worker` schema (created by its own migrations) and
 * schedules each cron tick once across all workers; alerts are also deduplicated in the database,
 * so several hub processes may each run a worker.
 */
export async function startDeadlineWorker({ databaseUrl, logger, cron = DEFAULT_DEADLINE_CRON, db, events }: DeadlineWorkerOptions) {
  const own = db ? undefined : createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'hub-deadline-worker' });
  if (own) await own.initialize();
  const pgPool = createJobQueuePool(databaseUrl, logger);
  try {
    const runner = await run({
      pgPool,
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 60_000,
      logger: workerLogger(logger),
      events,
      taskList: deadlineTaskList(db ?? own!, logger),
      // fill: a tick missed while no worker was running is still run on start; the job key keeps one pending.
      crontab: `${cron} ${RAISE_DUE_ALERTS_TASK} ?fill=2h&jobKey=${RAISE_DUE_ALERTS_TASK}&max=3\n`,
    });
    return {
      stop: async (): Promise<void> => {
        await runner.stop();
        await pgPool.end();
        await own?.destroy();
      },
    };
  } catch (error) {
    await pgPool.end();
    await own?.destroy();
    throw error;
  }
}

function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { component: 'deadline-worker', ...scope, ...meta };
    switch (String(level)) {
      case 'error':
        return logger.error(fields, message);
      case 'warning':
        return logger.warn(fields, message);
      case 'info':
        return logger.info(fields, message);
      default:
        return logger.debug(fields, message);
    }
  });
}
