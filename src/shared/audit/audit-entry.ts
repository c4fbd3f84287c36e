/**
 * One line of the disclosure log (DPA 2018 s.62): who did what to which child's data, when, under
 * which justification, with what outcome. Ids and codes only: never names or case content.
 */
export type AuditOperation =
  | 'CONSULT' // a read of children's data (per request, one entry per group of children read alike)
  | 'DISCLOSE' // data pushed to another agency (e.g. a referral sent, a webhook)
  | 'ALTER' // a write to a child's record
  | 'CONSENT_RECORD'
  | 'CONSENT_WITHDRAW'
  | 'SHARE_WITHOUT_CONSENT'
  | 'TEAM_COVER_GRANT'
  | 'ERASE'
  | 'AUDIT_READ'; // the DPO reading the log is itself logged

export type AuditOutcome = 'ALLOWED' | 'DENIED';

export interface AuditActor {
  kind: 'user' | 'client';
  id: string;
  agencyId: string;
  roles: string[];
}

export interface AuditJustification {
  agreementId?: string;
  agreementVersion?: number;
  consentIds?: string[];
  grantIds?: string[];
  relationship?: string;
  /** For a DISCLOSE: the agency the data was sent to (the actor is the sender). */
  recipientAgencyIds?: string[];
}

export interface AuditEntry {
  occurredAt: Date;
  actor: AuditActor;
  purpose: string;
  operation: AuditOperation;
  outcome: AuditOutcome;
  /** Reason code for a denial (e.g. NOT_FOUND, CONSENT_WITHDRAWN); null when allowed. */
  reason: string | null;
  childIds: string[];
  scopes: string[];
  /** What was touched, e.g. `child`, `consent:<uuid>`, `query:children`. */
  resource: string;
  justification: AuditJustification;
  correlationId: string;
  clientAddress: string | null;
  userAgent: string | null;
}
