import type { RequestContext } from '../../shared/auth/request-context';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import type { ChildAccessFacts } from '../../shared/policy/child-access-fields';
import { ForbiddenError } from '../../shared/policy/policy.errors';

/**
 * Reading the disclosure log is oversight: only whoever may read AuditLog (the data protection
 * officer), only within their own consortium, and every read or refusal is itself logged.
 */
export function assertMayReadAuditLog(ctx: RequestContext, resource: string, childIds: string[] = []): void {
  if (ctx.access.canAtAll('read', 'AuditLog')) return;
  ctx.audit.denied(childIds, 'NOT_PERMITTED', resource, [], 'AUDIT_READ');
  throw new ForbiddenError('Only the data protection officer may read the disclosure log');
}

/** A child outside the officer's consortium is NOT_FOUND, and the refusal is logged. */
export function authoriseAuditReadForChild(ctx: RequestContext, childId: string, resource: string): Promise<ChildAccessFacts> {
  return authoriseForChild(ctx, childId, 'read', 'AuditLog', { resource, operation: 'AUDIT_READ' });
}

export function recordAuditRead(ctx: RequestContext, resource: string, childIds: string[]): void {
  ctx.audit.record({ operation: 'AUDIT_READ', outcome: 'ALLOWED', reason: null, childIds, scopes: [], resource });
}
