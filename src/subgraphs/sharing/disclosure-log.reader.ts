import type { EntityManager } from 'typeorm';
import type { AuditJustification, AuditOperation, AuditOutcome } from '../../shared/audit/audit-entry';

export interface AuditPageQuery {
  consortiumId: string;
  /** Already checked to be a child of the consortium: every entry naming it is the officer's to see. */
  childId?: string;
  agencyId?: string;
  userId?: string;
  from: Date;
  to: Date;
  operations?: AuditOperation[];
  outcome?: AuditOutcome;
  /** seq (bigint as decimal text) of the last entry already seen. */
  beforeSeq?: string;
  limit: number;
}

export interface AuditEventRow {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_kind: 'user' | 'client';
  actor_id: string;
  actor_agency_id: string;
  actor_roles: string[];
  purpose: string;
  operation: AuditOperation;
  outcome: AuditOutcome;
  reason: string | null;
  child_ids: string[];
  scopes: string[];
  resource: string;
  justification: AuditJustification;
  correlation_id: string;
}

/**
 * An entry belongs to a consortium when the agency that acted is one of its members or the entry
 * names one of its children, so an officer also sees other consortia's attempts on their children.
 */
const IN_CONSORTIUM = (param: string) => `(
  e.actor_agency_id IN (SELECT a.id FROM agency a WHERE a.consortium_id = ${param})
  OR EXISTS (SELECT 1 FROM child c WHERE c.id = ANY (e.child_ids) AND c.consortium_id = ${param}))`;

/** One page of the log, newest first (keyset on seq), filtered in SQL. */
export async function readAuditPage(db: EntityManager, query: AuditPageQuery): Promise<AuditEventRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`e.occurred_at BETWEEN ${param(query.from.toISOString())} AND ${param(query.to.toISOString())}`];
  // The GIN index on child_ids serves @>, not = ANY.
  if (query.childId) where.push(`e.child_ids @> ARRAY[${param(query.childId)}]::uuid[]`);
  else where.push(IN_CONSORTIUM(param(query.consortiumId)));
  if (query.agencyId) where.push(`e.actor_agency_id = ${param(query.agencyId)}`);
  if (query.userId) where.push(`e.actor_id = ${param(query.userId)}`);
  if (query.operations?.length) where.push(`e.operation = ANY (${param(query.operations)}::text[])`);
  if (query.outcome) where.push(`e.outcome = ${param(query.outcome)}`);
  if (query.beforeSeq) where.push(`e.seq < ${param(query.beforeSeq)}::bigint`);
  return db.query(
    `SELECT e.seq::text AS seq, e.id, e.occurred_at, e.actor_kind, e.actor_id, e.actor_agency_id, e.actor_roles, e.purpose,
            e.operation, e.outcome, e.reason, e.child_ids::text[] AS child_ids, e.scopes, e.resource, e.justification,
            e.correlation_id
       FROM audit_event e
      WHERE ${where.join('\n        AND ')}
      ORDER BY e.seq DESC
      LIMIT ${param(query.limit)}`,
    params,
  );
}
