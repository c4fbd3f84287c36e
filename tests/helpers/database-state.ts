import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../src/shared/audit/audit-verifier';

export interface DatabaseState {
  /** Row count and content hash of every table but the disclosure log. */
  tables: Record<string, { rows: number; hash: string }>;
  /** Disclosure-log entries by outcome: a refused request may add DENIED entries, never ALLOWED ones. */
  audit: Record<string, number>;
}

/** What a hostile request must leave as it found it. */
export async function databaseState(db: DataSource): Promise<DatabaseState> {
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_event' ORDER BY table_name`,
  );
  const union = tables
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS hash FROM "${name}" t`)
    .join(' UNION ALL ');
  const rows: { name: string; rows: number; hash: string }[] = await db.query(union);
  const audit: { outcome: string; n: number }[] = await db.query(`SELECT outcome, count(*)::int AS n FROM audit_event GROUP BY outcome`);
  return {
    tables: Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, hash: r.hash }])),
    audit: Object.fromEntries(audit.map((r) => [r.outcome, r.n])),
  };
}

/**
 * Runs `attack` and proves the database is as it was: every table's rows and content, and no new
 * ALLOWED disclosure. (`expectAuditChainIntact` checks the disclosure log's hash chain; a file of
 * hostile requests runs it once at the end, since a broken link stays broken.)
 */
export async function expectUnchanged<T>(db: DataSource, attack: () => Promise<T>): Promise<T> {
  const before = await databaseState(db);
  const result = await attack();
  const after = await databaseState(db);
  expect(after.tables).toEqual(before.tables);
  expect(after.audit.ALLOWED ?? 0).toBe(before.audit.ALLOWED ?? 0);
  return result;
}

export async function expectAuditChainIntact(db: DataSource): Promise<void> {
  const chain = await verifyAuditChain(db);
  expect(chain).toMatchObject({ ok: true });
}
