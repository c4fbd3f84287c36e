import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { NotFoundError } from '../../shared/errors/domain.error';
import { checkPageSize, decodeCursor, encodeCursor } from '../../shared/graphql/cursor';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { DataScope } from '../../shared/policy/data-scope';
import { withChildAccess, type CarriesChildAccess } from '../../shared/policy/scoped-field';
import type { ChildFilter } from './child.input';

export type ChildView = { id: string } & CarriesChildAccess;

export interface ChildPage {
  edges: { cursor: string; node: ChildView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const NO_RELEASE_DATE = '9999-12-31';

/** Reads of children: which exist for the caller is decided in SQL by the policy layer. */
export class ChildService {
  /** A child outside every relationship is NOT_FOUND, exactly like one that does not exist. */
  async get(ctx: RequestContext, id: string, resource = 'query:child'): Promise<ChildView> {
    const found = await this.find(ctx, id, resource);
    if (!found) throw new NotFoundError('Child');
    return found;
  }

  async find(ctx: RequestContext, id: string, resource: string): Promise<ChildView | null> {
    this.assertMayReadChildren(ctx, [id], resource);
    const db = await ctx.tx.manager();
    const decision = (await ctx.access.decide(db, [id])).get(id);
    if (!decision?.visible) {
      ctx.audit.denied([id], 'NOT_FOUND', resource);
      return null;
    }
    ctx.audit.listed(decision, resource);
    return withChildAccess({ id }, decision);
  }

  async list(ctx: RequestContext, filter: ChildFilter = {}, first: number, after?: string): Promise<ChildPage> {
    this.assertMayReadChildren(ctx, [], 'query:children');
    checkPageSize(first, 100);
    this.assertMayFilterOnCustody(ctx, filter);
    const db = await ctx.tx.manager();
    const where = this.whereClause(ctx, filter);
    const sortKey = `coalesce(e.release_date, DATE '${NO_RELEASE_DATE}')`;
    const from = `FROM child c LEFT JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY' WHERE ${where.sql}`;
    const page = { ...where.params, limit: first + 1 } as Record<string, unknown>;
    let keyset = '';
    if (after) {
      const [date, id] = decodeCursor(after, ['string', 'string']) as [string, string];
      keyset = ` AND (${sortKey}, c.id) > (CAST(:afterDate AS date), CAST(:afterId AS uuid))`;
      Object.assign(page, { afterDate: date, afterId: id });
    }
    const rows = await this.query<{ id: string; sort_date: string }>(
      db,
      `SELECT c.id, to_char(${sortKey}, 'YYYY-MM-DD') AS sort_date ${from}${keyset} ORDER BY ${sortKey}, c.id LIMIT :limit`,
      page,
    );
    const [{ n }] = await this.query<{ n: number }>(db, `SELECT count(*)::int AS n ${from}`, where.params);
    const pageRows = rows.slice(0, first);
    const decisions = await ctx.access.decide(db, pageRows.map((r) => r.id));
    const edges = pageRows.map((row) => {
      const decision = decisions.get(row.id);
      if (!decision?.visible) throw new Error('a listed child failed its own access decision');
      ctx.audit.listed(decision, 'query:children');
      return { cursor: encodeCursor([row.sort_date, row.id]), node: withChildAccess({ id: row.id }, decision) };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: n };
  }

  private whereClause(ctx: RequestContext, filter: ChildFilter) {
    const acl = ctx.access.childCondition('read', 'Child');
    const clauses = [acl.sql];
    const params: Record<string, unknown> = { ...acl.params };
    if (filter.homeLocalAuthority) {
      clauses.push('c.home_local_authority_code = :homeLocalAuthority');
      params.homeLocalAuthority = filter.homeLocalAuthority;
    }
    if (filter.establishmentId) {
      clauses.push('e.establishment_agency_id = CAST(:establishmentId AS uuid)');
      params.establishmentId = filter.establishmentId;
    }
    if (filter.inCustody !== undefined && filter.inCustody !== null) clauses.push(filter.inCustody ? 'e.id IS NOT NULL' : 'e.id IS NULL');
    if (filter.releaseWithinDays !== undefined && filter.releaseWithinDays !== null) {
      clauses.push(`e.release_date BETWEEN CAST(:today AS date) AND CAST(:today AS date) + CAST(:within AS int)`);
      Object.assign(params, { today: ctx.access.clock.today, within: filter.releaseWithinDays });
    }
    return { sql: clauses.join(' AND '), params };
  }

  private assertMayReadChildren(ctx: RequestContext, childIds: string[], resource: string): void {
    if (ctx.access.canAtAll('read', 'Child')) return;
    ctx.audit.denied(childIds, 'NOT_PERMITTED', resource);
    throw new ForbiddenError('Your role does not read children’s records');
  }

  /** Filtering on custody facts would reveal them, so it needs the custody scope without consent. */
  private assertMayFilterOnCustody(ctx: RequestContext, filter: ChildFilter): void {
    const custodyFilter = filter.establishmentId || filter.inCustody != null || filter.releaseWithinDays != null;
    const grant = ctx.access.grants.scopes.get(DataScope.CUSTODY);
    if (custodyFilter && (!grant || grant.consentRequired)) {
      throw new ForbiddenError('Filtering on custody needs the custody scope, which is not shared with you without consent');
    }
  }

  private async query<T>(db: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = db.connection.driver.escapeQueryWithParameters(sql, params);
    return db.query(text, values);
  }
}
