/**
 * The facts about a child that access rules may name, each defined once as SQL over `child c`.
 * The same definitions build the JSON facts that `ability.can()` checks and the WHERE clauses
 * that filter lists, so the two paths cannot disagree.
 */
export type SqlType = 'uuid' | 'text' | 'date' | 'timestamptz' | 'boolean';

export interface ScalarFact {
  kind: 'scalar';
  sql: string;
  type: SqlType;
}

export interface CollectionFact {
  kind: 'collection';
  /** A SELECT correlated on `c.id`, read as `x`. */
  from: string;
  columns: Record<string, { sql: string; type: SqlType }>;
  /**
   * For elements in force over a period (a consent, a grant, a referral's access): the columns it
   * runs from (inclusive, if it has a start) and until (exclusive). Rules name the element's
   * derived IN_FORCE column instead of comparing with the clock, so a caller's rules are the same
   * at every instant of a day and are built once (ability-cache.ts).
   */
  period?: { from?: string; until: string };
}

/** The derived column of a period's element: true while it is in force at the request's instant. */
export const IN_FORCE = 'inForce';

export type AccessFact = ScalarFact | CollectionFact;

/** Open-ended periods compare as this instant, in SQL and in JavaScript alike. */
export const FAR_FUTURE = '9999-12-31T00:00:00.000Z';
const FAR_FUTURE_SQL = `'${FAR_FUTURE}'::timestamptz`;

const scalar = (sql: string, type: SqlType): ScalarFact => ({ kind: 'scalar', sql, type });
const collection = (from: string, columns: Record<string, [string, SqlType]>, period?: CollectionFact['period']): CollectionFact => ({
  kind: 'collection',
  from,
  columns: Object.fromEntries(Object.entries(columns).map(([name, [sql, type]]) => [name, { sql, type }])),
  ...(period ? { period } : {}),
});

export const CHILD_ACCESS_FACTS = {
  consortiumId: scalar('c.consortium_id', 'uuid'),
  homeYjsAgencyId: scalar('c.home_yjs_agency_id', 'uuid'),
  homeLocalAuthorityCode: scalar('c.home_local_authority_code', 'text'),
  currentEstablishmentId: scalar(
    `(SELECT e.establishment_agency_id FROM custody_episode e WHERE e.child_id = c.id AND e.status = 'IN_CUSTODY')`,
    'uuid',
  ),
  inCustody: scalar(`EXISTS (SELECT 1 FROM custody_episode e WHERE e.child_id = c.id AND e.status = 'IN_CUSTODY')`, 'boolean'),
  lastReleasedOn: scalar(`(SELECT max(e.actual_release_date) FROM custody_episode e WHERE e.child_id = c.id)`, 'date'),
  formerEstablishments: collection(
    `SELECT t.from_agency_id AS agency_id, t.transferred_on AS until
       FROM establishment_transfer t JOIN custody_episode e ON e.id = t.custody_episode_id WHERE e.child_id = c.id
     UNION ALL
     SELECT e.establishment_agency_id, e.actual_release_date FROM custody_episode e
      WHERE e.child_id = c.id AND e.status = 'RELEASED'`,
    { agencyId: ['x.agency_id', 'uuid'], until: ['x.until', 'date'] },
  ),
  probationTransfers: collection(
    `SELECT p.probation_agency_id AS agency_id, p.status <> 'CANCELLED' AS open FROM probation_transfer p WHERE p.child_id = c.id`,
    { agencyId: ['x.agency_id', 'uuid'], open: ['x.open', 'boolean'] },
  ),
  housingReferrals: collection(
    `SELECT r.provider_agency_id AS agency_id, coalesce(r.access_ends_at, ${FAR_FUTURE_SQL}) AS access_until
       FROM accommodation_request_recipient r JOIN accommodation_request q ON q.id = r.request_id WHERE q.child_id = c.id`,
    { agencyId: ['x.agency_id', 'uuid'], accessUntil: ['x.access_until', 'timestamptz'] },
    { until: 'accessUntil' },
  ),
  involvements: collection(
    `SELECT i.agency_id, i.starts_at, i.ends_at FROM case_involvement i WHERE i.child_id = c.id`,
    { agencyId: ['x.agency_id', 'uuid'], startsAt: ['x.starts_at', 'timestamptz'], endsAt: ['x.ends_at', 'timestamptz'] },
    { from: 'startsAt', until: 'endsAt' },
  ),
  teamCover: collection(
    `SELECT g.id, g.grantee_user_id AS user_id, g.starts_at, g.expires_at FROM team_cover_grant g
      WHERE g.child_id = c.id AND g.revoked_at IS NULL`,
    { id: ['x.id', 'uuid'], userId: ['x.user_id', 'uuid'], startsAt: ['x.starts_at', 'timestamptz'], expiresAt: ['x.expires_at', 'timestamptz'] },
    { from: 'startsAt', until: 'expiresAt' },
  ),
  consents: collection(
    // Only the latest consent per scope and recipient counts: a withdrawal or a lapse stops access
    // even where an older consent to the same recipient would still be in force.
    `SELECT DISTINCT ON (k.scope, coalesce(k.recipient_agency_id::text, k.recipient_agency_type))
            k.id, k.scope, coalesce(k.recipient_agency_id::text, k.recipient_agency_type) AS recipient, k.given_at,
            coalesce(k.expires_at, ${FAR_FUTURE_SQL}) AS active_until, k.withdrawn_at IS NOT NULL AS withdrawn
       FROM consent k WHERE k.child_id = c.id
      ORDER BY k.scope, coalesce(k.recipient_agency_id::text, k.recipient_agency_type), k.given_at DESC, k.recorded_at DESC, k.id`,
    {
      id: ['x.id', 'uuid'],
      scope: ['x.scope', 'text'],
      recipient: ['x.recipient', 'text'],
      givenAt: ['x.given_at', 'timestamptz'],
      activeUntil: ['x.active_until', 'timestamptz'],
      withdrawn: ['x.withdrawn', 'boolean'],
    },
    { from: 'givenAt', until: 'activeUntil' },
  ),
  withoutConsent: collection(
    `SELECT w.id, w.scope, w.recipient_agency_id AS agency_id, w.starts_at, w.expires_at FROM sharing_without_consent w
      WHERE w.child_id = c.id AND w.revoked_at IS NULL`,
    {
      id: ['x.id', 'uuid'],
      scope: ['x.scope', 'text'],
      agencyId: ['x.agency_id', 'uuid'],
      startsAt: ['x.starts_at', 'timestamptz'],
      expiresAt: ['x.expires_at', 'timestamptz'],
    },
    { from: 'startsAt', until: 'expiresAt' },
  ),
} satisfies Record<string, AccessFact>;

export type ChildAccessFactName = keyof typeof CHILD_ACCESS_FACTS;

/** The facts as JavaScript sees them: ids and codes as strings, instants as ISO strings. */
export interface ChildAccessFacts {
  id: string;
  consortiumId: string;
  homeYjsAgencyId: string;
  homeLocalAuthorityCode: string;
  currentEstablishmentId: string | null;
  inCustody: boolean;
  lastReleasedOn: string | null;
  formerEstablishments: { agencyId: string; until: string }[];
  probationTransfers: { agencyId: string; open: boolean }[];
  housingReferrals: { agencyId: string; accessUntil: string }[];
  involvements: { agencyId: string; startsAt: string; endsAt: string }[];
  teamCover: { id: string; userId: string; startsAt: string; expiresAt: string }[];
  consents: { id: string; scope: string; recipient: string; givenAt: string; activeUntil: string; withdrawn: boolean }[];
  withoutConsent: { id: string; scope: string; agencyId: string; startsAt: string; expiresAt: string }[];
}

/** SQL that renders a value of `type` exactly as the JavaScript facts hold it. */
export function asJsonValue(sql: string, type: SqlType): string {
  switch (type) {
    case 'timestamptz':
      return `to_char((${sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'date':
      return `to_char(${sql}, 'YYYY-MM-DD')`;
    case 'uuid':
      return `(${sql})::text`;
    default:
      return sql;
  }
}
