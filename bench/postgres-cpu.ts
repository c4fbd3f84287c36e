import fs from 'node:fs';
import type { DataSource } from 'typeorm';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const MS_PER_TICK = 10;

/** CPU time so far (user + system, ms) of each PostgreSQL backend, by pid. */
export type BackendCpu = Map<number, number>;

/**
 * The CPU time of the backends serving connections with this application name, read from /proc:
 * what a level costs PostgreSQL. Null where it cannot be told (not Linux, or the server is on
 * another machine, its pids not PostgreSQL processes here).
 */
export async function backendCpu(db: DataSource, applicationName: string): Promise<BackendCpu | null> {
  const rows = (await db.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName])) as { pid: number }[];
  const cpu: BackendCpu = new Map();
  for (const { pid } of rows) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return null;
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {
      return null;
    }
  }
  return cpu;
}

/** CPU spent between two samples: backends that started in between count whole. */
export function cpuBetween(before: BackendCpu | null, after: BackendCpu | null): number | null {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, total] of after) ms += total - (before.get(pid) ?? 0);
  return ms;
}
