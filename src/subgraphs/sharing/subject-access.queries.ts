import type { EntityManager } from 'typeorm';
import type { AuditJustification } from '../../shared/audit/audit-entry';

/** Operations that put a child's data in front of an agency; the rest (writes, audit reads) are not disclosures. */
const DISCLOSURE_OPERATIONS = ['CONSULT', 'DISCLOSE'];

export interface DisclosureGroupRow {
  agency_id: string;
  agency_code: string | null;
  /** null: the child's record was opened without any scoped data (e.g. listed, or its consent records read). */
  scope: string | null;
  first_at: Date;
  last_at: Date;
  count: number;
  purposes: string[];
  justifications: AuditJustification[];
}

export interface DeniedGroupRow {
  agency_id: string;
  agency_code: string | null;
  reason: string | null;
  scopes: string[];
  first_at: Date;
  last_at: Date;
  count: number;
}

/** Allowed consultations and disclosures of the child's data, one row per (agency, scope). */
export function readDisclosureGroups(db: EntityManager, childId: string): Promise<DisclosureGroupRow[]> {
  return db.query(
    // A consultation is seen by the agency that made it; a disclosure is received by its recipient.
    `SELECT r.agency_id, a.code AS agency_code, s.scope,
            min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at, count(*)::int AS count,
            array_agg(DISTINCT e.purpose ORDER BY e.purpose) AS purposes,
            jsonb_agg(DISTINCT e.justification) AS justifications
       FROM audit_event e
      CROSS JOIN LATERAL (SELECT CASE WHEN e.operation = 'DISCLOSE' AND e.justification ? 'recipientAgencyIds'
                                      THEN (e.justification->'recipientAgencyIds'->>0)::uuid ELSE e.actor_agency_id END AS agency_id) r
       LEFT JOIN agency a ON a.id = r.agency_id
      CROSS JOIN LATERAL unnest(CASE WHEN cardinality(e.scopes) = 0 THEN ARRAY[NULL]::text[] ELSE e.scopes END) AS s(scope)
      WHERE e.child_ids @> ARRAY[$1]::uuid[] AND e.operation = ANY ($2::text[]) AND e.outcome = 'ALLOWED'
      GROUP BY r.agency_id, a.code, s.scope
      ORDER BY a.code NULLS LAST, r.agency_id, s.scope NULLS FIRST`,
    [childId, DISCLOSURE_OPERATIONS],
  );
}

/** Refused attempts to see the child's data, one row per (agency, reason). */
export function readDeniedGroups(db: EntityManager, childId: string): Promise<DeniedGroupRow[]> {
  return db.query(
    `SELECT e.actor_agency_id AS agency_id, a.code AS agency_code, e.reason,
            coalesce(array_agg(DISTINCT s.scope ORDER BY s.scope) FILTER (WHERE s.scope IS NOT NULL), '{}') AS scopes,
            min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at, count(DISTINCT e.seq)::int AS count
       FROM audit_event e
       LEFT JOIN agency a ON a.id = e.actor_agency_id
       LEFT JOIN LATERAL unnest(e.scopes) AS s(scope) ON true
      WHERE e.child_ids @> ARRAY[$1]::uuid[] AND e.operation = ANY ($2::text[]) AND e.outcome = 'DENIED'
      GROUP BY e.actor_agency_id, a.code, e.reason
      ORDER BY a.code NULLS LAST, e.actor_agency_id, e.reason NULLS FIRST`,
    [childId, DISCLOSURE_OPERATIONS],
  );
}
