import type { RequestContext } from '../../../shared/auth/request-context';
import { checkPageSize, decodeCursor, encodeCursor } from '../../../shared/graphql/cursor';
import { namedQuery } from '../../../shared/db/named-query';
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
    const from = `FROM data_request d JOIN child c ON c.id = d.child_id WHERE ${clauses.join(' AND ')}`;
    const page: Record<string, unknown> = { ...params, limit: first + 1 };
    let keyset = '';
    if (after) {
      const [dueOn, id] = decodeCursor(after, ['string', 'string']) as [string, string];
      keyset = ' AND (d.due_on, d.id) > (CAST(:afterDue AS date), CAST(:afterId AS uuid))';
      Object.assign(page, { afterDue: dueOn, afterId: id });
    }
    const rows = await namedQuery<DataRequestRow>(db, `SELECT ${DATA_REQUEST_COLUMNS} ${from}${keyset} ORDER BY d.due_on, d.id LIMIT :limit`, page);
    const [{ n }] = await namedQuery<{ n: number }>(db, `SELECT count(*)::int AS n ${from}`, params);
    const pageRows = rows.slice(0, first);
    const decisions = await ctx.access.decide(db, [...new Set(pageRows.map((r) => r.childId))]);
    const edges = pageRows.map((row) => {
      ctx.audit.listed(decisions.get(row.childId)!, resource);
      return { cursor: encodeCursor([row.dueOn, row.id]), node: toDataRequest(row, ctx.access.clock.today) };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: n };
  }
}
