import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/request-context';
import { decodeCursor } from '../graphql/cursor';
import type { ChildAccessFacts } from '../policy/child-access-fields';
import type { SqlCondition } from '../policy/sql-condition';
import { namedQuery } from './named-query';

export interface KeysetPage {
  /** Up to `limit` rows, in (sort date, id) order; the caller asks one more than a page to know if another follows. */
  rows: { id: string; sortDate: string; companion?: unknown }[];
  total: number;
}

/**
 * One page of a list ordered by (date, id) after a cursor, its total, and the access facts of the
 * page's children (handed to the request's AccessControl), in one round trip. `matching` selects
 * `id`, `child_id` and `sort_key` (a date) of every row the caller may list, its access condition
 * included; named parameters. A `companion` (a SQL expression over the matching row `m` and
 * `child c`) is selected with each row too, for the caller to use in place of a query of its own.
 */
export async function keysetPage(
  ctx: RequestContext,
  db: EntityManager,
  matching: SqlCondition,
  after: string | undefined,
  limit: number,
  companion?: string,
): Promise<KeysetPage> {
  const params: Record<string, unknown> = { ...matching.params, keysetLimit: limit };
  let keyset = '';
  if (after) {
    const [date, id] = decodeCursor(after, ['string', 'string']) as [string, string];
    keyset = 'WHERE (m.sort_key, m.id) > (CAST(:afterDate AS date), CAST(:afterId AS uuid))';
    Object.assign(params, { afterDate: date, afterId: id });
  }
  const rows = await namedQuery<{ id: string; sort_date: string; total: number; facts: ChildAccessFacts | null; companion?: unknown }>(
    db,
    // The page is cut before it meets `child`: joined after, the page's few rows are looked up by
    // key, where joined before every matching row was hashed against a scan of the whole table.
    `WITH matching AS (${matching.sql})
     SELECT m.id, to_char(m.sort_key, 'YYYY-MM-DD') AS sort_date, (SELECT count(*)::int FROM matching) AS total,
            ${ctx.access.factsColumn()} AS facts${companion ? `, ${companion} AS companion` : ''}
       FROM (SELECT * FROM matching m ${keyset} ORDER BY m.sort_key, m.id LIMIT :keysetLimit) m
       JOIN child c ON c.id = m.child_id
      ORDER BY m.sort_key, m.id`,
    params,
  );
  ctx.access.rememberFacts(rows.map((r) => r.facts));
  // Past the last page no row carries the total.
  const total =
    rows[0]?.total ?? (after ? (await namedQuery<{ n: number }>(db, `SELECT count(*)::int AS n FROM (${matching.sql}) m`, matching.params))[0].n : 0);
  return { rows: rows.map((r) => ({ id: r.id, sortDate: r.sort_date, companion: r.companion })), total };
}
