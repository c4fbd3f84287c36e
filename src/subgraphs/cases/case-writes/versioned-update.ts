import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../../shared/errors/write.errors';

type VersionedTable = 'custody_episode' | 'meeting' | 'meeting_action' | 'rotl_request' | 'probation_transfer';

const COLUMN = /^[a-z][a-z_]*$/;

/** A read of a versioned record that the caller meant to change at `expected`: stale → CONFLICT. */
export function assertVersion(what: string, current: number, expected: number): void {
  if (current !== expected) throw new ConflictError(what, current);
}

/**
 * Optimistic write: `UPDATE … WHERE id = $1 AND version = $2`, bumping the version. A concurrent
 * writer that committed first leaves 0 rows here (READ COMMITTED re-checks the WHERE after the
 * row lock is released), which is a CONFLICT carrying the version that won. Returns the new version.
 */
export async function updateVersioned(
  db: EntityManager,
  table: VersionedTable,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
  now: string,
  what: string,
): Promise<number> {
  const columns = Object.keys(changes);
  for (const column of columns) if (!COLUMN.test(column)) throw new Error(`not a column name: ${column}`);
  const sets = [...columns.map((column, i) => `${column} = $${i + 4}`), 'version = version + 1', 'updated_at = $3'];
  const [rows]: [{ version: number }[], number] = await db.query(
    `UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING version`,
    [id, expectedVersion, now, ...columns.map((c) => changes[c])],
  );
  if (rows.length === 1) return rows[0].version;
  const [current]: { version: number }[] = await db.query(`SELECT version FROM ${table} WHERE id = $1`, [id]);
  throw new ConflictError(what, current?.version ?? null);
}
