import type { AuditJustification } from '../../shared/audit/audit-entry';
import type { AuditEventRow } from './disclosure-log.reader';
import type { AuditJustificationView, AuditLogEntry } from './disclosure.type';
import { PrincipalKind } from './me.type';

export function toAuditLogEntry(row: AuditEventRow): AuditLogEntry {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: {
      kind: row.actor_kind === 'user' ? PrincipalKind.USER : PrincipalKind.CLIENT,
      id: row.actor_id,
      agencyId: row.actor_agency_id,
      roles: row.actor_roles,
    },
    purpose: row.purpose,
    operation: row.operation,
    outcome: row.outcome,
    reason: row.reason,
    childIds: row.child_ids,
    scopes: row.scopes,
    resource: row.resource,
    justification: toJustificationView(row.justification),
    correlationId: row.correlation_id,
  };
}

export function toJustificationView(j: AuditJustification): AuditJustificationView {
  return {
    agreementId: j.agreementId ?? null,
    agreementVersion: j.agreementVersion ?? null,
    consentIds: j.consentIds ?? [],
    grantIds: j.grantIds ?? [],
    relationship: j.relationship ?? null,
    recipientAgencyIds: j.recipientAgencyIds ?? [],
  };
}
