import type { DataSource } from 'typeorm';

/** Finds a seeded demo child by its circumstances, so tests name what they need rather than an id. */
export async function demoChild(
  db: DataSource,
  where: { authority?: string; establishment?: string; status?: 'IN_CUSTODY' | 'RELEASED'; sentenced?: boolean; sql?: string },
): Promise<string> {
  const clauses = ['true'];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (where.authority) add('c.home_local_authority_code = ?', where.authority);
  if (where.establishment) add('e.establishment_agency_id = ?', where.establishment);
  if (where.status) add('e.status = ?', where.status);
  if (where.sentenced !== undefined) add(`(e.legal_status = 'SENTENCED') = ?`, where.sentenced);
  if (where.sql) clauses.push(where.sql);
  const rows: { id: string }[] = await db.query(
    `SELECT c.id FROM child c JOIN custody_episode e ON e.child_id = c.id WHERE ${clauses.join(' AND ')} ORDER BY c.id LIMIT 1`,
    params,
  );
  if (!rows[0]) throw new Error(`no demo child matches ${JSON.stringify(where)}`);
  return rows[0].id;
}

export async function rowCounts(db: DataSource, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return counts;
}
