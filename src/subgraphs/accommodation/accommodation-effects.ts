import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditJustification } from '../../shared/audit/audit-entry';
import type { RequestContext } from '../../shared/auth/request-context';
import type { ChildAccessDecision } from '../../shared/policy/child-access-decision';
import { DataScope } from '../../shared/policy/data-scope';
import { recomputeDeadlines } from '../cases/deadlines/deadline-recompute';
import { appendOutboxEvent, type OutboxEvent } from './outbox.writer';

/** The advisory lock class of appends to one child's pathway (pathway_append, migrations/1764140012000-write-functions.ts). */
const LOCK_PATHWAY_APPEND = 7_310_105;

/** Who did it: exactly one of the user and client columns is set. */
export function actorColumns(ctx: RequestContext): { userId: string | null; clientId: string | null } {
  const { principal } = ctx;
  return { userId: principal.kind === 'user' ? principal.id : null, clientId: principal.kind === 'client' ? principal.id : null };
}

/** The agreement and relationship under which the caller holds the child's accommodation data. */
export function justificationOf(decision: ChildAccessDecision | undefined): AuditJustification {
  const scope = decision?.scopes.get(DataScope.ACCOMMODATION);
  const justification: AuditJustification = { relationship: decision?.relationship };
  if (scope?.allowed && scope.justification.agreementId) {
    justification.agreementId = scope.justification.agreementId;
    justification.agreementVersion = scope.justification.agreementVersion;
  }
  return justification;
}

/**
 * What every accommodation write leaves behind, in the write's own transaction: an ALTER audit
 * entry, the outbox events, and (for milestones) the child's timeline and pathway.
 */
export class WriteRecord {
  constructor(
    private readonly ctx: RequestContext,
    private readonly db: EntityManager,
    private readonly operation: string,
    private readonly requestId: string,
    private readonly childId: string,
  ) {}

  async altered(): Promise<void> {
    const decision = (await this.ctx.access.decide(this.db, [this.childId])).get(this.childId);
    this.ctx.audit.record({
      operation: 'ALTER', outcome: 'ALLOWED', reason: null, childIds: [this.childId], scopes: [DataScope.ACCOMMODATION],
      resource: `mutation:${this.operation}:accommodation_request:${this.requestId}`, justification: justificationOf(decision),
    });
  }

  /** The referral went to a provider: a disclosure to that agency under the agreement that allows it. */
  disclosed(providerAgencyId: string, justification: AuditJustification): void {
    this.ctx.audit.record({
      operation: 'DISCLOSE', outcome: 'ALLOWED', reason: null, childIds: [this.childId],
      scopes: [DataScope.ACCOMMODATION, DataScope.IDENTITY],
      resource: `accommodation_request:${this.requestId}`, justification: { ...justification, recipientAgencyIds: [providerAgencyId] },
    });
  }

  event(eventType: string, payload: OutboxEvent['payload'], aggregate?: { type: string; id: string }): Promise<void> {
    return appendOutboxEvent(this.db, this.ctx, {
      eventType,
      aggregateType: aggregate?.type ?? 'accommodation_request',
      aggregateId: aggregate?.id ?? this.requestId,
      childId: this.childId,
      payload: { requestId: this.requestId, ...payload },
    });
  }

  async timeline(kind: string, payload: Record<string, string | null> = {}): Promise<void> {
    await this.db.query(
      `INSERT INTO timeline_event (id, child_id, occurred_at, kind, scope, agency_id, subject_type, subject_id, payload, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'accommodation_request', $7, $8, $3)`,
      [
        randomUUID(), this.childId, this.ctx.access.clock.now, kind, DataScope.ACCOMMODATION, this.ctx.principal.agency.id, this.requestId,
        JSON.stringify(payload),
      ],
    );
  }

  /**
   * The accommodation pathway's state, for everyone who reads the child's plan, and for the
   * deadlines engine: READY meets ACCOMMODATION_CONFIRMED (policies/deadlines.yaml). The youth
   * justice service leads it.
   */
  async pathway(status: 'IN_PROGRESS' | 'READY' | 'AT_RISK', summary: string, details: Record<string, string | null>): Promise<void> {
    const { userId, clientId } = actorColumns(this.ctx);
    // Appends to one pathway take turns, as recordPathwayUpdate's do (pathway_append, the same lock
    // and key), so the latest update stays well defined and this one comes after it.
    await this.db.query(`SELECT pg_advisory_xact_lock($1, hashtext($2::uuid::text || ':ACCOMMODATION'))`, [LOCK_PATHWAY_APPEND, this.childId]);
    await this.db.query(
      `INSERT INTO pathway_update (id, child_id, pathway, status, summary, details, responsible_agency_id, recorded_by_user_id,
                                   recorded_by_client_id, recorded_at)
       SELECT $1, c.id, 'ACCOMMODATION', $2, $3, $4, c.home_yjs_agency_id, $5, $6,
              GREATEST($7::timestamptz, (SELECT max(p.recorded_at) + interval '1 millisecond' FROM pathway_update p
                                          WHERE p.child_id = c.id AND p.pathway = 'ACCOMMODATION'))
         FROM child c WHERE c.id = $8`,
      [
        randomUUID(), status, summary, JSON.stringify({ ...details, requestId: this.requestId }), userId, clientId,
        this.ctx.access.clock.now, this.childId,
      ],
    );
    // A pathway update can meet (or un-meet) a deadline: the clocks follow it at once.
    await recomputeDeadlines(this.db, this.childId, this.ctx.access.clock.today, this.ctx.principal.consortium.settings);
  }
}
