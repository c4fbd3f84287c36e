import { Logger as WorkerLogger, run, type JobHelpers, type TaskList, type WorkerEvents } from 'graphile-worker';
import { createJobQueuePool } from '../../shared/db/job-queue-pool';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../shared/logging/logger';
import type { PolicySet } from '../../shared/policy/policy-set';
import { DEFAULT_DELIVERY_SETTINGS, deliverNextDue, type DeliverySettings } from './webhook-delivery';
import { fanOutOutboxEvents } from './webhook-fan-out';
import { changeFeedRetentionTasks, FEED_PURGE_CRONTAB } from '../change-feed/change-feed-retention';

export const WEBHOOK_DISPATCH_TASK = 'webhook_dispatch';
/** Deliveries per job run, so one run never holds a worker for long; the rest go in the next run. */
const PER_RUN = 100;

/**
 * One task: fan the outbox out into deliveries, send every delivery now due, then queue the next
 * run for the earliest retry. A cron tick every minute also runs it, so a replayed or missed
 * delivery is picked up within a minute even with no job queued.
 */
export function webhookTaskList(db: DataSource, policy: PolicySet, settings: DeliverySettings, logger: Logger): TaskList {
  return {
    [WEBHOOK_DISPATCH_TASK]: async (_payload, helpers: JobHelpers) => {
      await fanOutOutboxEvents(db, policy);
      let sent = 0;
      while (sent < PER_RUN && (await deliverNextDue(db, settings, logger))) sent++;
      const [next]: { at: Date | null }[] = await db.query(
        `SELECT min(next_attempt_at) AS at FROM webhook_delivery WHERE status = 'PENDING'`,
      );
      if (sent === PER_RUN || next?.at) {
        const runAt = sent === PER_RUN || !next.at ? new Date() : next.at;
        await helpers.addJob(WEBHOOK_DISPATCH_TASK, {}, { runAt, jobKey: `${WEBHOOK_DISPATCH_TASK}:${runAt.getTime()}` });
      }
    },
  };
}

export interface WebhookWorkerOptions {
  databaseUrl: string;
  db: DataSource;
  policy: PolicySet;
  logger: Logger;
  settings?: Partial<DeliverySettings>;
  /** The same runner purges the change feed daily (CHANGE_FEED_RETENTION_DAYS). */
  feedRetentionDays: number;
  /** How often idle workers look for jobs (ms); graphile-worker also listens for new jobs. */
  pollInterval?: number;
  events?: WorkerEvents;
}

/** Starts the graphile-worker runner that delivers webhooks and purges the change feed (queue in the `graphile_worker` schema). */
export async function startWebhookWorker(options: WebhookWorkerOptions) {
  const settings = { ...DEFAULT_DELIVERY_SETTINGS, ...options.settings };
  const pgPool = createJobQueuePool(options.databaseUrl, options.logger);
  const runner = await run({
    pgPool,
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 2_000,
    logger: workerLogger(options.logger),
    events: options.events,
    taskList: {
      ...webhookTaskList(options.db, options.policy, settings, options.logger),
      ...changeFeedRetentionTasks(options.db, options.feedRetentionDays, options.logger),
    },
    crontab: `* * * * * ${WEBHOOK_DISPATCH_TASK} ?jobKey=${WEBHOOK_DISPATCH_TASK}:cron&max=1\n${FEED_PURGE_CRONTAB}`,
  });
  return {
    /** Queues a run now, e.g. after writing to the outbox or replaying a delivery. */
    kick: () => runner.addJob(WEBHOOK_DISPATCH_TASK, {}, { jobKey: `${WEBHOOK_DISPATCH_TASK}:now`, jobKeyMode: 'replace' }),
    stop: async () => {
      await runner.stop();
      await pgPool.end();
    },
  };
}

function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { component: 'webhook-worker', ...scope, ...meta };
    if (String(level) === 'error') return logger.error(fields, message);
    if (String(level) === 'warning') return logger.warn(fields, message);
    return logger.debug(fields, message);
  });
}
