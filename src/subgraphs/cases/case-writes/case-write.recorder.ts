import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import type { DataScope } from '../../../shared/policy/data-scope';
import type { Relationship } from '../../../shared/policy/relationships';

export interface CaseWrite {
  childId: string;
  scope: DataScope;
  /** Timeline event kind, e.g. RELEASE_DATE_CHANGED. */
  kind: string;
  subjectType: string;
  subjectId: string;
  /** Ids and codes only: the timeline is read by everyone who sees `scope`, the audit by the DPO. */
  payload?: Record<string, string | number | boolean | null>;
  /** When it happened, if not now. */
  occurredAt?: string;
  resource: string;
  relationship?: Relationship;
}

/** Appends the timeline event of a write and its ALTER audit entry; both commit with the write. */
export async function recordCaseWrite(ctx: RequestContext, db: EntityManager, write: CaseWrite): Promise<void> {
  await db.query(
    `INSERT INTO timeline_event (id, child_id, occurred_at, kind, scope, agency_id, subject_type, subject_id, payload, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      randomUUID(), write.childId, write.occurredAt ?? ctx.access.clock.now, write.kind, write.scope, ctx.principal.agency.id,
      write.subjectType, write.subjectId, JSON.stringify(write.payload ?? {}), ctx.access.clock.now,
    ],
  );
  ctx.audit.record({
    operation: 'ALTER', outcome: 'ALLOWED', reason: null, childIds: [write.childId], scopes: [write.scope],
    resource: `${write.subjectType}:${write.subjectId}`,
    justification: write.relationship ? { relationship: write.relationship } : {},
  });
}

/** A dated fact recorded today happened now; one recorded for another day, at midday of it. */
export function occurredOn(ctx: RequestContext, date: string): string {
  return date === ctx.access.clock.today ? ctx.access.clock.now : `${date}T12:00:00.000Z`;
}

/** Who did it: exactly one of the user and client columns is set. */
export function actorIds(ctx: RequestContext): { userId: string | null; clientId: string | null } {
  const { principal } = ctx;
  return { userId: principal.kind === 'user' ? principal.id : null, clientId: principal.kind === 'client' ? principal.id : null };
}
