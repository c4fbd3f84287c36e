import type { DataSource } from 'typeorm';
import { AGENCY, childrensServicesAgencyId, CONSORTIUM_ID, LOCAL_AUTHORITIES, yjsIdFor } from '../../seeds/demo-consortium';
import { demoUserId } from '../../seeds/demo-users';

/**
 * Fixture children for the access-matrix test: only the FACTS about each child (home authority,
 * custody, consents, referrals, grants…), turned into rows by `insertAccessMatrixFixtures`.
 * What each principal should see of them is written separately, in the test itself.
 *
 * Every time is relative to `now` with whole days of margin, so the hub's own clock (a few
 * seconds later) reaches the same answers.
 */

export type Authority = 'LEEDS' | 'SHEFFIELD' | 'CALDERDALE';

/** A recipient named by agency (its id) or by agency type. */
export type Recipient = { agency: string } | { agencyType: string };

export interface ConsentFact {
  scope: string;
  to: Recipient;
  /** active: given, unwithdrawn, unexpired; withdrawn; expired. */
  state: 'active' | 'withdrawn' | 'expired';
}

export interface WithoutConsentFact {
  scope: string;
  to: string;
  state: 'active' | 'expired' | 'revoked';
}

export type CustodyFact =
  | { at: string; status: 'IN_CUSTODY'; transferredFrom?: { agency: string; daysAgo: number } }
  | { at: string; status: 'RELEASED'; releasedDaysAgo: number };

export interface FixtureChild {
  n: number;
  key: string;
  home: Authority;
  custody?: CustodyFact;
  /** In chronological order of giving: the last one for a (scope, recipient) is the latest. */
  consents?: ConsentFact[];
  withoutConsent?: WithoutConsentFact[];
  housingReferral?: { to: string; accessEnds: 'never' | 'past' | 'future' };
  involvement?: { agency: string; state: 'active' | 'ended' | 'not-started' };
  probationTransfer?: { status: 'REFERRED' | 'CANCELLED' };
  teamCover?: { grantee: string; state: 'active' | 'revoked' | 'expired' };
}

const leedsIndex = LOCAL_AUTHORITIES.findIndex((la) => la.code === 'LEEDS');
export const LEEDS_CS = childrensServicesAgencyId(leedsIndex);

export const fixtureChildId = (n: number) => `0000aaaa-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const fixtureRowId = (table: number, n: number, k = 0) =>
  `0000aaaa-${table.toString().padStart(4, '0')}-4000-8000-${(n * 100 + k).toString().padStart(12, '0')}`;

export const FIXTURE_CHILDREN: FixtureChild[] = [
  // Four Leeds children at Adel Beck differing only in the state of health consent to Adel Beck.
  {
    n: 1, key: 'adel-health-consent-active', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'active' },
      // Consent to Leeds children's services does not widen a role that does not read health.
      { scope: 'health', to: { agency: LEEDS_CS }, state: 'active' },
    ],
  },
  {
    n: 2, key: 'adel-health-consent-withdrawn', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [{ scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'withdrawn' }],
  },
  {
    n: 3, key: 'adel-health-consent-expired', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [{ scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'expired' }],
  },
  {
    n: 4, key: 'adel-health-consent-absent', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    // Consent to another establishment is no consent for Adel Beck.
    consents: [{ scope: 'health', to: { agency: AGENCY.wetherby }, state: 'active' }],
  },
  {
    n: 5, key: 'adel-consents-by-agency-type', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [
      { scope: 'health', to: { agencyType: 'CONSORTIUM_TEAM' }, state: 'active' },
      { scope: 'substance_misuse', to: { agencyType: 'SECURE_ESTABLISHMENT' }, state: 'active' },
    ],
  },
  { n: 6, key: 'released-wetherby-10d', home: 'LEEDS', custody: { at: AGENCY.wetherby, status: 'RELEASED', releasedDaysAgo: 10 } },
  {
    n: 7, key: 'transferred-adel-to-wetherby-10d', home: 'LEEDS',
    custody: { at: AGENCY.wetherby, status: 'IN_CUSTODY', transferredFrom: { agency: AGENCY.adelBeck, daysAgo: 10 } },
  },
  {
    n: 8, key: 'transferred-adel-to-wetherby-60d', home: 'LEEDS',
    custody: { at: AGENCY.wetherby, status: 'IN_CUSTODY', transferredFrom: { agency: AGENCY.adelBeck, daysAgo: 60 } },
  },
  {
    n: 9, key: 'sheffield-at-wetherby', home: 'SHEFFIELD', custody: { at: AGENCY.wetherby, status: 'IN_CUSTODY' },
    consents: [{ scope: 'health', to: { agency: AGENCY.wetherby }, state: 'active' }],
  },
  { n: 10, key: 'housing-referral-open', home: 'LEEDS', housingReferral: { to: AGENCY.leedsHousingOptions, accessEnds: 'never' } },
  { n: 11, key: 'housing-referral-access-ended', home: 'LEEDS', housingReferral: { to: AGENCY.leedsHousingOptions, accessEnds: 'past' } },
  {
    n: 12, key: 'calderdale-college', home: 'CALDERDALE', involvement: { agency: AGENCY.calderCollege, state: 'active' },
    consents: [{ scope: 'ete', to: { agency: AGENCY.calderCollege }, state: 'active' }],
  },
  { n: 13, key: 'sheffield-probation-referred', home: 'SHEFFIELD', probationTransfer: { status: 'REFERRED' } },
  { n: 14, key: 'team-cover-sheffield-cm', home: 'LEEDS', teamCover: { grantee: 'sheffield.cm', state: 'active' } },
  {
    n: 15, key: 'without-consent-health-wetherby', home: 'LEEDS', custody: { at: AGENCY.wetherby, status: 'IN_CUSTODY' },
    withoutConsent: [
      { scope: 'health', to: AGENCY.wetherby, state: 'active' },
      // The agreement does not allow substance_misuse to reach an establishment without consent.
      { scope: 'substance_misuse', to: AGENCY.wetherby, state: 'active' },
    ],
  },
  { n: 16, key: 'released-wetherby-60d', home: 'LEEDS', custody: { at: AGENCY.wetherby, status: 'RELEASED', releasedDaysAgo: 60 } },
  { n: 17, key: 'released-wetherby-120d', home: 'LEEDS', custody: { at: AGENCY.wetherby, status: 'RELEASED', releasedDaysAgo: 120 } },
  { n: 18, key: 'sheffield-probation-cancelled', home: 'SHEFFIELD', probationTransfer: { status: 'CANCELLED' } },
  {
    n: 19, key: 'leeds-college-involvement-ended', home: 'LEEDS', involvement: { agency: AGENCY.calderCollege, state: 'ended' },
    consents: [{ scope: 'ete', to: { agency: AGENCY.calderCollege }, state: 'active' }],
  },
  { n: 20, key: 'leeds-college-involvement-not-started', home: 'LEEDS', involvement: { agency: AGENCY.calderCollege, state: 'not-started' } },
  { n: 21, key: 'calderdale-no-relationship', home: 'CALDERDALE' },
  { n: 22, key: 'team-cover-revoked', home: 'LEEDS', teamCover: { grantee: 'sheffield.cm', state: 'revoked' } },
  { n: 23, key: 'team-cover-expired', home: 'LEEDS', teamCover: { grantee: 'sheffield.cm', state: 'expired' } },
  {
    n: 24, key: 'adel-consent-expired-then-withdrawn', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'expired' },
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'withdrawn' },
    ],
  },
  {
    n: 25, key: 'adel-consent-withdrawn-then-expired', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'withdrawn' },
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'expired' },
    ],
  },
  {
    n: 26, key: 'adel-consent-withdrawn-then-regiven', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'withdrawn' },
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'active' },
    ],
  },
  {
    n: 27, key: 'wetherby-without-consent-lapsed', home: 'LEEDS', custody: { at: AGENCY.wetherby, status: 'IN_CUSTODY' },
    withoutConsent: [
      { scope: 'health', to: AGENCY.wetherby, state: 'expired' },
      { scope: 'health', to: AGENCY.wetherby, state: 'revoked' },
      // Active, but to another agency.
      { scope: 'health', to: AGENCY.adelBeck, state: 'active' },
    ],
  },
  { n: 28, key: 'housing-referral-wyyh-ends-soon', home: 'LEEDS', housingReferral: { to: AGENCY.youthHousingTrust, accessEnds: 'future' } },
  // Involvement is the relationship of education, health and police agencies only: an involvement
  // row naming another kind of agency must not open the child to it.
  { n: 30, key: 'leeds-involvement-names-wetherby', home: 'LEEDS', involvement: { agency: AGENCY.wetherby, state: 'active' } },
  { n: 31, key: 'leeds-involvement-names-sheffield-yjs', home: 'LEEDS', involvement: { agency: yjsIdFor('SHEFFIELD'), state: 'active' } },
  { n: 32, key: 'sheffield-involvement-names-probation', home: 'SHEFFIELD', involvement: { agency: AGENCY.probation, state: 'active' } },
  {
    // An older consent still in force, a newer one withdrawn.
    n: 33, key: 'adel-consent-active-then-withdrawn', home: 'LEEDS', custody: { at: AGENCY.adelBeck, status: 'IN_CUSTODY' },
    consents: [
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'active' },
      { scope: 'health', to: { agency: AGENCY.adelBeck }, state: 'withdrawn' },
    ],
  },
  {
    n: 29, key: 'sheffield-released-adel-10d', home: 'SHEFFIELD', custody: { at: AGENCY.adelBeck, status: 'RELEASED', releasedDaysAgo: 10 },
    consents: [{ scope: 'health', to: { agencyType: 'SECURE_ESTABLISHMENT' }, state: 'active' }],
  },
];

export const FIXTURE_IDS = FIXTURE_CHILDREN.map((c) => fixtureChildId(c.n));

const DAY = 86_400_000;
const EXPLANATION = 'We explained in plain words who would see this and that you can change your mind at any time.';

const caseManagerFor = (home: Authority) => demoUserId(home === 'LEEDS' ? 'leeds.cm' : home === 'SHEFFIELD' ? 'sheffield.cm' : 'calderdale.cm');

/** Inserts every fixture child and the rows that make up its facts, in one transaction. */
export async function insertAccessMatrixFixtures(db: DataSource, now: Date): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const on = (days: number) => at(days).slice(0, 10);
  await db.transaction(async (tx) => {
    for (const child of FIXTURE_CHILDREN) {
      const id = fixtureChildId(child.n);
      const homeYjs = yjsIdFor(child.home);
      const recorder = caseManagerFor(child.home);
      await tx.query(
        `INSERT INTO child (id, consortium_id, given_name, family_name, date_of_birth, sex, home_local_authority_code, home_yjs_agency_id)
         VALUES ($1, $2, 'Matrix', $3, $4, 'NOT_KNOWN', $5, $6)`,
        [id, CONSORTIUM_ID, `Fixture ${child.n}`, on(-16 * 365), child.home, homeYjs],
      );

      if (child.custody) {
        const c = child.custody;
        const episodeId = fixtureRowId(1, child.n);
        const released = c.status === 'RELEASED' ? on(-c.releasedDaysAgo) : null;
        const entry = on(c.status === 'RELEASED' ? -c.releasedDaysAgo - 150 : -120);
        await tx.query(
          `INSERT INTO custody_episode (id, child_id, establishment_agency_id, legal_status, sentence_type, sentence_date, entry_date,
             release_date, release_type, actual_release_date, status)
           VALUES ($1, $2, $3, 'SENTENCED', 'DTO', $4, $4, $5, 'STANDARD', $6, $7)`,
          [episodeId, id, c.at, entry, released ?? on(60), released, c.status],
        );
        if (c.status === 'IN_CUSTODY' && c.transferredFrom) {
          await tx.query(
            `INSERT INTO establishment_transfer (id, custody_episode_id, from_agency_id, to_agency_id, transferred_on, reason)
             VALUES ($1, $2, $3, $4, $5, 'Moved for the access-matrix test')`,
            [fixtureRowId(2, child.n), episodeId, c.transferredFrom.agency, c.at, on(-c.transferredFrom.daysAgo)],
          );
        }
      }

      for (const [k, consent] of (child.consents ?? []).entries()) {
        // Later entries are given later: given 100, 90, 80… days ago.
        const given = -100 + 10 * k;
        const expires = consent.state === 'expired' ? at(given + 5) : k % 2 === 0 ? null : at(365);
        const withdrawn = consent.state === 'withdrawn' ? at(given + 1) : null;
        await tx.query(
          `INSERT INTO consent (id, child_id, scope, recipient_agency_id, recipient_agency_type, given_by, given_at, expires_at, explanation,
             recorded_by_user_id, recorded_by_agency_id, recorded_at, withdrawn_at, withdrawn_by_user_id, withdrawal_reason)
           VALUES ($1, $2, $3, $4, $5, 'CHILD', $6, $7, $8, $9, $10, $6, $11, $12, $13)`,
          [
            fixtureRowId(3, child.n, k), id, consent.scope,
            'agency' in consent.to ? consent.to.agency : null, 'agencyType' in consent.to ? consent.to.agencyType : null,
            at(given), expires, EXPLANATION, recorder, homeYjs,
            withdrawn, withdrawn ? recorder : null, withdrawn ? 'The child changed their mind' : null,
          ],
        );
      }

      for (const [k, grant] of (child.withoutConsent ?? []).entries()) {
        const [starts, expires] = grant.state === 'expired' ? [at(-5), at(-3)] : [at(-1), at(2)];
        await tx.query(
          `INSERT INTO sharing_without_consent (id, child_id, scope, recipient_agency_id, reason, legal_basis, authorised_by_user_id,
             authorised_by_agency_id, starts_at, expires_at, revoked_at)
           VALUES ($1, $2, $3, $4, 'Risk of significant harm: medication must continue', 'CHILDREN_ACT_1989_S47', $5, $6, $7, $8, $9)`,
          [fixtureRowId(4, child.n, k), id, grant.scope, grant.to, demoUserId('leeds.om'), yjsIdFor('LEEDS'), starts, expires,
            grant.state === 'revoked' ? at(-0.5) : null],
        );
      }

      if (child.housingReferral) {
        const requestId = fixtureRowId(5, child.n);
        await tx.query(
          `INSERT INTO accommodation_request (id, child_id, requested_by_agency_id, requested_by_user_id, status) VALUES ($1, $2, $3, $4, 'OPEN')`,
          [requestId, id, homeYjs, recorder],
        );
        const ends = { never: null, past: at(-1), future: at(5) }[child.housingReferral.accessEnds];
        await tx.query(
          `INSERT INTO accommodation_request_recipient (id, request_id, provider_agency_id, status, access_ends_at) VALUES ($1, $2, $3, 'SENT', $4)`,
          [fixtureRowId(6, child.n), requestId, child.housingReferral.to, ends],
        );
      }

      if (child.involvement) {
        const [starts, ends] = { active: [at(-20), at(180)], ended: [at(-200), at(-2)], 'not-started': [at(3), at(180)] }[child.involvement.state];
        await tx.query(
          `INSERT INTO case_involvement (id, child_id, agency_id, purpose, starts_at, ends_at, created_by_user_id)
           VALUES ($1, $2, $3, 'Involved in planning the child''s release', $4, $5, $6)`,
          [fixtureRowId(7, child.n), id, child.involvement.agency, starts, ends, recorder],
        );
      }

      if (child.probationTransfer) {
        // A cancelled transfer carries its date and reason (migration 1764140005000).
        const cancelled = child.probationTransfer.status === 'CANCELLED';
        await tx.query(
          `INSERT INTO probation_transfer (id, child_id, probation_agency_id, status, referred_on, cancelled_on, cancellation_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [fixtureRowId(8, child.n), id, AGENCY.probation, child.probationTransfer.status, on(-10), cancelled ? on(-5) : null,
            cancelled ? 'The child will stay with the youth justice service' : null],
        );
      }

      if (child.teamCover) {
        const [starts, expires] = child.teamCover.state === 'expired' ? [at(-20), at(-1)] : [at(-1), at(7)];
        await tx.query(
          `INSERT INTO team_cover_grant (id, child_id, grantee_user_id, granted_by_user_id, granted_by_agency_id, reason, starts_at, expires_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, 'Covering while the case manager is on leave', $6, $7, $8)`,
          [fixtureRowId(9, child.n), id, demoUserId(child.teamCover.grantee), demoUserId('leeds.om'), yjsIdFor('LEEDS'), starts, expires,
            child.teamCover.state === 'revoked' ? at(-0.5) : null],
        );
      }
    }
  });
}
