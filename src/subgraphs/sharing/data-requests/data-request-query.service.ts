import type { RequestContext } from '../../../shared/auth/request-context';
import { checkPageSize, encodeCursor } from '../../../shared/graphql/cursor';
import { keysetPage } from '../../../shared/db/keyset-page.query';
import { ForbiddenError } from '../../../shared/policy/policy.errors';
import { DataRequestDirection, type DataRequestStatus } from './data-request.enums';
import { DATA_REQUEST_COLUMNS, toDataRequest, type DataRequestRow } from './data-request.row';
import type { DataRequestConnection } from './data-request.type';

const MAX_PAGE = 100;

/** An agency's requests for data, in or out, soonest due first; only those of children it may still see. */
export class DataRequestQueryService {
  async list(
    ctx: RequestContext,
    direction: DataRequestDirection,
    status: DataRequestStatus | undefined,
    first: number,
    after?: string,
  ): Promise<DataRequestConnection> {
    const resource = 'query:dataRequests';
    if (!ctx.access.canAtAll('read', 'DataRequest')) {
      ctx.audit.denied([], 'NOT_PERMITTED', resource);
      throw new ForbiddenError('Your role does not read requests for data');
    }
    checkPageSize(first, MAX_PAGE);
    const db = await ctx.tx.manager();
    const acl = ctx.access.childCondition('read', 'DataRequest');
    const party = direction === DataRequestDirection.INCOMING ? 'd.addressed_agency_id' : 'd.requesting_agency_id';
    const clauses = [`${party} = CAST(:agency AS uuid)`, acl.sql];
    const params: Record<string, unknown> = { ...acl.params, agency: ctx.principal.agency.id };
    if (status) {
      clauses.push('d.status = :status');
      params.status = status;
    }
    const { rows, total } = await keysetPage(
      ctx,
      db,
      { sql: `SELECT d.id, d.child_id, d.due_on AS sort_key FROM data_request d JOIN child c ON c.id = d.child_id WHERE ${clauses.join(' AND ')}`, params },
      after,
      first + 1,
    );
    const pageRows = rows.slice(0, first);
    const found: DataRequestRow[] = await db.query(`SELECT ${DATA_REQUEST_COLUMNS} FROM data_request d WHERE d.id = ANY($1::uuid[])`, [
      pageRows.map((r) => r.id),
    ]);
    const byId = new Map(found.map((r) => [r.id, r]));
    // The page's access facts came with it (keysetPage), so deciding costs no further query.
    const decisions = await ctx.access.decide(db, [...new Set(found.map((r) => r.childId))]);
    const edges = pageRows.map(({ id, sortDate }) => {
      const row = byId.get(id)!;
      ctx.audit.listed(decisions.get(row.childId)!, resource);
      return { cursor: encodeCursor([sortDate, id]), node: toDataRequest(row, ctx.access.clock.today) };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }
}
