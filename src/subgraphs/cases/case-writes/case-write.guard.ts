import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import { NotFoundError } from '../../../shared/errors/domain.error';
import { authoriseForChild } from '../../../shared/policy/case-authorisation';
import type { ChildAccessFacts } from '../../../shared/policy/child-access-fields';
import type { DataScope } from '../../../shared/policy/data-scope';
import type { PolicyAction, PolicySubject } from '../../../shared/policy/policy-set';
import { ForbiddenError } from '../../../shared/policy/policy.errors';
import type { Relationship } from '../../../shared/policy/relationships';
import { owningRelationship, writingRelationships, type OwnedFact } from './fact-ownership';

export interface WriteRule {
  action: PolicyAction | PolicyAction[];
  subject: PolicySubject;
  /** The data scope of what is written: audited, and gates the timeline event. */
  scope: DataScope;
  resource: string;
  /** When set, only the relationships that own this fact may write it. */
  fact?: OwnedFact;
  /** What to call the record in NOT_FOUND, so a hidden child and a missing record answer alike. */
  notFound?: string;
}

export interface WriteAuthorisation {
  facts: ChildAccessFacts;
  /** The relationship that let the caller write, for the audit justification. */
  relationship?: Relationship;
}

/**
 * One policy decision for a write within a child's case: role and relationship through
 * authoriseForChild (NOT_FOUND / FORBIDDEN, audited), then ownership of the fact.
 */
export async function authoriseWrite(ctx: RequestContext, childId: string, rule: WriteRule): Promise<WriteAuthorisation> {
  let facts: ChildAccessFacts;
  try {
    facts = await authoriseForChild(ctx, childId, rule.action, rule.subject, {
      resource: rule.resource, operation: 'ALTER', scopes: [rule.scope],
    });
  } catch (error) {
    if (error instanceof NotFoundError && rule.notFound) throw new NotFoundError(rule.notFound);
    throw error;
  }
  const held = writingRelationships(ctx, rule.action, rule.subject, facts);
  if (!rule.fact) return { facts, relationship: [...held][0] };
  const owner = owningRelationship(rule.fact, held);
  if (!owner) {
    ctx.audit.denied([childId], 'NOT_PERMITTED', rule.resource, [rule.scope], 'ALTER');
    throw new ForbiddenError('Your agency does not hold this fact for this child, so it may not write it');
  }
  return { facts, relationship: owner };
}

type ChildRecordTable = 'custody_episode' | 'meeting' | 'meeting_action' | 'rotl_request' | 'probation_transfer';

/** The child a record belongs to; a missing record is NOT_FOUND (audited), like a hidden child. */
export async function childOfRecord(
  ctx: RequestContext,
  db: EntityManager,
  table: ChildRecordTable,
  id: string,
  what: string,
  resource: string,
): Promise<string> {
  const [row]: { child_id: string }[] = await db.query(`SELECT child_id FROM ${table} WHERE id = $1`, [id]);
  if (!row) {
    ctx.audit.denied([], 'NOT_FOUND', resource, [], 'ALTER');
    throw new NotFoundError(what);
  }
  return row.child_id;
}
