import type { AuditOperation } from '../audit/audit-entry';
import type { RequestContext } from '../auth/request-context';
import { NotFoundError } from '../errors/domain.error';
import type { ChildAccessFacts } from './child-access-fields';
import type { PolicyAction, PolicySubject } from './policy-set';
import { ForbiddenError } from './policy.errors';

/**
 * Authorises an action within one child's case. A child the caller cannot see at all is
 * NOT_FOUND (its existence is not revealed); one they see but may not act on is FORBIDDEN. Both
 * refusals are audited.
 */
export async function authoriseForChild(
  ctx: RequestContext,
  childId: string,
  /** One action, or several of which any one suffices. */
  action: PolicyAction | PolicyAction[],
  subjectType: PolicySubject,
  audit: { resource: string; operation: AuditOperation; scopes?: string[] },
): Promise<ChildAccessFacts> {
  const db = await ctx.tx.manager();
  const facts = (await ctx.access.factsFor(db, [childId])).get(childId);
  const visible = !!facts && (ctx.access.canForChild('read', 'Child', facts) || ctx.access.canForChild('read', subjectType, facts));
  if (!facts || !visible) {
    ctx.audit.denied([childId], 'NOT_FOUND', audit.resource, audit.scopes, audit.operation);
    throw new NotFoundError('Child');
  }
  const actions = Array.isArray(action) ? action : [action];
  if (!actions.some((a) => ctx.access.canForChild(a, subjectType, facts))) {
    ctx.audit.denied([childId], 'NOT_PERMITTED', audit.resource, audit.scopes, audit.operation);
    throw new ForbiddenError(`You may not ${actions.join(' or ')} ${subjectType} for this child`);
  }
  return facts;
}
