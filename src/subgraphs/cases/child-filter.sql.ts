import type { RequestContext } from '../../shared/auth/request-context';
import { DataScope } from '../../shared/policy/data-scope';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import type { SqlCondition } from '../../shared/policy/sql-condition';
import type { ChildFilter } from './child.input';

/**
 * The caller's access condition plus the list filters, over `child c` and its open custody
 * episode `e`. A filter on a scope's facts would reveal them, so it needs that scope without consent.
 */
export function childListCondition(ctx: RequestContext, filter: ChildFilter): SqlCondition & { clauses: string[] } {
  const acl = ctx.access.childCondition('read', 'Child');
  const clauses = [acl.sql];
  const params: Record<string, unknown> = { ...acl.params };
  if (filter.homeLocalAuthority) {
    clauses.push('c.home_local_authority_code = :homeLocalAuthority');
    params.homeLocalAuthority = filter.homeLocalAuthority;
  }
  const custodyFilter = filter.establishmentId || filter.inCustody != null || filter.releaseWithinDays != null;
  if (custodyFilter) requireScopeWithoutConsent(ctx, DataScope.CUSTODY, 'custody');
  if (filter.establishmentId) {
    clauses.push('e.establishment_agency_id = CAST(:establishmentId AS uuid)');
    params.establishmentId = filter.establishmentId;
  }
  if (filter.inCustody != null) clauses.push(filter.inCustody ? 'e.id IS NOT NULL' : 'e.id IS NULL');
  if (filter.releaseWithinDays != null) {
    clauses.push('e.release_date BETWEEN CAST(:today AS date) AND CAST(:today AS date) + CAST(:within AS int)');
    Object.assign(params, { today: ctx.access.clock.today, within: filter.releaseWithinDays });
  }
  return { sql: clauses.join(' AND '), params, clauses };
}

export function requireScopeWithoutConsent(ctx: RequestContext, scope: DataScope, what: string): void {
  const grant = ctx.access.grants.scopes.get(scope);
  if (!grant || grant.consentRequired) {
    throw new ForbiddenError(`Filtering on ${what} needs the ${scope} scope, which is not shared with you without consent`);
  }
}
