import type { RequestContext } from '../auth/request-context';
import type { ChildAccessDecision } from '../policy/child-access-decision';
import type { DataScope } from '../policy/data-scope';
import type { AuditEntry, AuditJustification, AuditOperation } from './audit-entry';
import { canonicalJson } from './audit-hash';

interface Consultation {
  resource: string;
  scopes: Set<DataScope>;
  justification: AuditJustification;
}

export type AuditEvent = Pick<AuditEntry, 'operation' | 'outcome' | 'reason' | 'childIds' | 'scopes' | 'resource'> & {
  justification?: AuditJustification;
};

/**
 * Collects what a request disclosed, denied and changed, to be written as audit entries in the
 * request's own transaction just before the response leaves.
 */
export class DisclosureRecorder {
  private readonly consultations = new Map<string, Consultation>();
  private readonly events: AuditEvent[] = [];

  /** A scope of a child's data was returned to the caller. */
  consulted(decision: ChildAccessDecision, scope: DataScope, resource: string): void {
    const entry = this.consultations.get(decision.childId) ?? { resource, scopes: new Set(), justification: {} };
    entry.scopes.add(scope);
    const scopeDecision = decision.scopes.get(scope);
    if (scopeDecision?.allowed) {
      const j = entry.justification;
      const { justification } = scopeDecision;
      if (justification.agreementId && !j.agreementId) {
        j.agreementId = justification.agreementId;
        j.agreementVersion = justification.agreementVersion;
      }
      j.relationship ??= justification.relationship;
      if (scopeDecision.consentId) j.consentIds = [...new Set([...(j.consentIds ?? []), scopeDecision.consentId])];
      const grants = [scopeDecision.grantId, decision.teamCoverGrantId].filter((g): g is string => !!g);
      if (grants.length) j.grantIds = [...new Set([...(j.grantIds ?? []), ...grants])];
    }
    this.consultations.set(decision.childId, entry);
  }

  /** The child was listed or opened, even if no scoped field was asked for. */
  listed(decision: ChildAccessDecision, resource: string): void {
    if (!this.consultations.has(decision.childId)) {
      this.consultations.set(decision.childId, {
        resource,
        scopes: new Set(),
        justification: { relationship: decision.relationship, grantIds: decision.teamCoverGrantId ? [decision.teamCoverGrantId] : undefined },
      });
    }
  }

  denied(childIds: string[], reason: string, resource: string, scopes: string[] = [], operation: AuditOperation = 'CONSULT'): void {
    this.events.push({ operation, outcome: 'DENIED', reason, childIds, scopes, resource });
  }

  record(event: AuditEvent): void {
    this.events.push(event);
  }

  get isEmpty(): boolean {
    return this.consultations.size === 0 && this.events.length === 0;
  }

  toEntries(ctx: RequestContext, purpose: string): AuditEntry[] {
    const base = {
      occurredAt: new Date(ctx.access.clock.now),
      actor: { kind: ctx.principal.kind, id: ctx.principal.id, agencyId: ctx.principal.agency.id, roles: ctx.principal.roles },
      purpose,
      correlationId: ctx.correlationId,
      clientAddress: ctx.clientAddress,
      userAgent: ctx.userAgent,
    };
    // Children read alike (same resource, scopes and justification) share one entry listing them all:
    // a page of a hundred children is a few entries, each child still named with exactly its basis.
    const groups = new Map<string, AuditEntry>();
    for (const [childId, c] of this.consultations) {
      const scopes = [...c.scopes].sort();
      const key = canonicalJson([c.resource, scopes, c.justification]);
      const group = groups.get(key);
      if (group) group.childIds.push(childId);
      else {
        groups.set(key, {
          ...base, operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds: [childId], scopes, resource: c.resource,
          justification: c.justification,
        });
      }
    }
    const consultations = [...groups.values()];
    const events: AuditEntry[] = this.events.map((e) => ({ ...base, justification: {}, ...e }));
    return [...consultations, ...events];
  }
}
