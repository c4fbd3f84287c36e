import type { TaskList } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../shared/logging/logger';

export const FEED_PURGE_TASK = 'entity_change_purge';
/** Daily at 03:15 (server time): the feed is not read-critical at night. */
export const FEED_PURGE_CRONTAB = `15 3 * * * ${FEED_PURGE_TASK} ?jobKey=${FEED_PURGE_TASK}:cron&max=1\n`;

/**
 * Deletes changes older than `retentionDays` (a prefix of the feed) and moves the horizon that
 * makes older cursors CURSOR_EXPIRED; a database function does it with its owner's rights, so the
 * services' role still cannot delete changes itself. Returns how many were removed.
 */
export async function purgeChangeFeed(db: DataSource, retentionDays: number): Promise<number> {
  const [row]: { purged: string }[] = await db.query(`SELECT purge_entity_change($1)::text AS purged`, [retentionDays]);
  return Number(row.purged);
}

export function changeFeedRetentionTasks(db: DataSource, retentionDays: number, logger: Logger): TaskList {
  return {
    [FEED_PURGE_TASK]: async () => {
      const purged = await purgeChangeFeed(db, retentionDays);
      logger.info({ purged, retentionDays }, 'change feed purged');
    },
  };
}
