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
  const event = timelineEventOf(ctx, write);
  await db.query(
    `INSERT INTO timeline_event (id, child_id, occurred_at, kind, scope, agency_id, subject_type, subject_id, payload, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [event.id, event.child_id, event.occurred_at, event.kind, event.scope, event.agency_id, event.subject_type, event.subject_id,
      JSON.stringify(event.payload), event.recorded_at],
  );
  auditCaseWrite(ctx, write);
}

/** The `timeline_event` row of a write, by column (for a stored function that inserts it). */
export function timelineEventOf(ctx: RequestContext, write: CaseWrite) {
  return {
    id: randomUUID(), child_id: write.childId, occurred_at: write.occurredAt ?? ctx.access.clock.now, kind: write.kind, scope: write.scope,
    agency_id: ctx.principal.agency.id, subject_type: write.subjectType, subject_id: write.subjectId, payload: write.payload ?? {},
    recorded_at: ctx.access.clock.now,
  };
}

/** The ALTER disclosure entry of a write, committed with it. */
export function auditCaseWrite(ctx: RequestContext, write: CaseWrite): void {
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
