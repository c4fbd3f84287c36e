import type { RequestContext } from '../../../shared/auth/request-context';
import type { Pathway, PathwayStatus } from '../case.enums';

/** Latest status of each pathway, for a page of children in one query. */
export function latestPathwayStatuses(ctx: RequestContext) {
  return ctx.loaders.get('latestPathwayStatuses', async (childIds) => {
    const db = await ctx.tx.manager();
    const rows: { child_id: string; pathway: Pathway; status: PathwayStatus }[] = await db.query(
      `SELECT DISTINCT ON (child_id, pathway) child_id, pathway, status FROM pathway_update
        WHERE child_id = ANY($1::uuid[]) ORDER BY child_id, pathway, recorded_at DESC`,
      [childIds],
    );
    const byChild = new Map<string, Map<Pathway, PathwayStatus>>();
    for (const row of rows) byChild.set(row.child_id, (byChild.get(row.child_id) ?? new Map()).set(row.pathway, row.status));
    return byChild;
  });
}

/** Status of each child's latest accommodation request, for a page of children in one query. */
export function latestAccommodationRequestStatus(ctx: RequestContext) {
  return ctx.loaders.get('latestAccommodationRequestStatus', async (childIds) => {
    const db = await ctx.tx.manager();
    const rows: { child_id: string; status: string }[] = await db.query(
      `SELECT DISTINCT ON (child_id) child_id, status FROM accommodation_request
        WHERE child_id = ANY($1::uuid[]) ORDER BY child_id, created_at DESC`,
      [childIds],
    );
    return new Map(rows.map((r) => [r.child_id, r.status]));
  });
}
