import type { RequestContext } from '../../shared/auth/request-context';
import { checkPageSize, encodeCursor } from '../../shared/graphql/cursor';
import type { SqlCondition } from '../../shared/policy/sql-condition';
import { withChildAccess, type CarriesChildAccess } from '../../shared/policy/scoped-field';
import { keysetPage } from '../../shared/db/keyset-page.query';
import { CHILD_RECORD_JSON, primeChildRecords, type ChildRecordJson } from './child-record.sql';

export type ChildView = { id: string } & CarriesChildAccess;

export interface ChildPage {
  edges: { cursor: string; node: ChildView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const MAX_PAGE_SIZE = 100;
const NO_RELEASE_DATE = '9999-12-31';
const SORT_KEY = `coalesce(e.release_date, DATE '${NO_RELEASE_DATE}')`;

/**
 * One page of children by planned release date (soonest first, then id), keyset-paginated. The
 * WHERE clause must already hold the caller's access condition; `e` is the open custody episode.
 * Every child on the page is decided and audited in one batch; page, total, access facts and the
 * children's records come in one query.
 */
export async function pageOfChildren(
  ctx: RequestContext,
  where: SqlCondition,
  first: number,
  after: string | undefined,
  resource: string,
): Promise<ChildPage> {
  checkPageSize(first, MAX_PAGE_SIZE);
  const db = await ctx.tx.manager();
  const { rows, total } = await keysetPage(
    ctx,
    db,
    {
      sql: `SELECT c.id, c.id AS child_id, ${SORT_KEY} AS sort_key
              FROM child c LEFT JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY' WHERE ${where.sql}`,
      params: where.params,
    },
    after,
    first + 1,
    CHILD_RECORD_JSON,
  );
  const pageRows = rows.slice(0, first);
  const decisions = await ctx.access.decide(db, pageRows.map((r) => r.id));
  primeChildRecords(ctx, db, pageRows.map((r) => r.companion as ChildRecordJson));
  const edges = pageRows.map((row) => {
    const decision = decisions.get(row.id);
    if (!decision?.visible) throw new Error('a listed child failed its own access decision');
    ctx.audit.listed(decision, resource);
    return { cursor: encodeCursor([row.sortDate, row.id]), node: withChildAccess({ id: row.id }, decision) };
  });
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
}
