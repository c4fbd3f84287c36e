import type { RequestContext } from '../../shared/auth/request-context';
import { NotFoundError } from '../../shared/errors/domain.error';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { withChildAccess } from '../../shared/policy/scoped-field';
import { childListCondition } from './child-filter.sql';
import { factsWithRecords, primeChildRecords } from './child-record.sql';
import { pageOfChildren, type ChildPage, type ChildView } from './child-page.query';
import type { ChildFilter } from './child.input';

export type { ChildPage, ChildView };

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
    const record = await factsWithRecords(ctx).load(id);
    const decision = (await ctx.access.decide(db, [id])).get(id);
    if (!decision?.visible) {
      ctx.audit.denied([id], 'NOT_FOUND', resource);
      return null;
    }
    if (record) primeChildRecords(ctx, db, [record]);
    ctx.audit.listed(decision, resource);
    return withChildAccess({ id }, decision);
  }

  async list(ctx: RequestContext, filter: ChildFilter = {}, first: number, after?: string): Promise<ChildPage> {
    this.assertMayReadChildren(ctx, [], 'query:children');
    return pageOfChildren(ctx, childListCondition(ctx, filter), first, after, 'query:children');
  }

  assertMayReadChildren(ctx: RequestContext, childIds: string[], resource: string): void {
    if (ctx.access.canAtAll('read', 'Child')) return;
    ctx.audit.denied(childIds, 'NOT_PERMITTED', resource);
    throw new ForbiddenError('Your role does not read children’s records');
  }
}
