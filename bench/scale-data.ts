import type { DataSource } from 'typeorm';
import { todayIso } from '../seeds/calendar';
import { AGENCY, CONSORTIUM_ID } from '../seeds/demo-consortium';
import { demoUserId } from '../seeds/demo-users';
import { parseConsortiumSettings } from '../src/shared/policy/consortium-settings';
import { effectiveDeadlineRules } from '../src/subgraphs/cases/deadlines/deadline-rules.loader';
import { recomputeWithRules } from '../src/subgraphs/cases/deadlines/deadline-recompute';

export type ScaleName = 'smoke' | 'region' | 'national';

export interface Scale {
  name: ScaleName;
  /** Children in all (the 45 demo children included). */
  children: number;
  /** Agencies in all (the 26 demo agencies included). */
  agencies: number;
  timelineEvents: number;
  /** Other consortia holding the extra local authorities (national: the hub serves the whole country). */
  otherConsortia: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  smoke: { name: 'smoke', children: 400, agencies: 30, timelineEvents: 4_000, otherConsortia: 0 },
  region: { name: 'region', children: 5_000, agencies: 30, timelineEvents: 200_000, otherConsortia: 0 },
  national: { name: 'national', children: 50_000, agencies: 200, timelineEvents: 2_000_000, otherConsortia: 7 },
};

const DEMO_AGENCIES = 26;
/** One child in ten is in custody at any time; the rest were released, most of them long ago. */
const IN_CUSTODY_EVERY = 10;

/**
 * Adds scale rows to the migrated, seeded demo database, set-based (generate_series, INSERT …
 * SELECT), in proportions the demo users meet in practice: the link worker sees the consortium's
 * children in custody, Leeds Housing Options has an inbox of a few hundred referrals, the Leeds
 * case system's change feed has thousands of changes. Ids are md5-derived, so a scale is the same
 * data every time (relative to today).
 */
export async function loadScaleData(db: DataSource, scale: Scale, log: (message: string) => void = () => undefined): Promise<void> {
  const today = todayIso();
  const extraAgencies = scale.agencies - DEMO_AGENCIES;
  // National: new local authorities (a youth justice service and children's services each), the rest housing providers.
  const extraAuthorities = scale.otherConsortia > 0 ? Math.floor((extraAgencies - 14) / 2) : 0;
  const extraProviders = extraAgencies - 2 * extraAuthorities;
  const started = Date.now();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    await db.query(sql, params);
    log(`  ${what}: ${Date.now() - t} ms`);
  };

  // md5-derived, shaped as version-4 UUIDs (the API validates ids as such).
  await step('id function', `
    CREATE OR REPLACE FUNCTION bench_uuid(seed text) RETURNS uuid LANGUAGE sql IMMUTABLE
      AS $$ SELECT overlay(overlay(md5(seed) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`);
  await step('consortia and authorities', `
    INSERT INTO consortium (id, code, name, settings)
    SELECT bench_uuid('bench-consortium-' || g), 'BENCH_' || g, 'Benchmark consortium ' || g, '{}'::jsonb FROM generate_series(1, $1) g;
    `, [scale.otherConsortia]);
  await step('local authorities', `
    INSERT INTO local_authority (code, name, consortium_id)
    SELECT 'BENCH_LA_' || g, 'Benchmark authority ' || g,
           CASE WHEN $2 = 0 THEN $3::uuid ELSE bench_uuid('bench-consortium-' || (1 + g % $2)) END
      FROM generate_series(1, $1) g`, [extraAuthorities, scale.otherConsortia, CONSORTIUM_ID]);
  await step('authority agencies', `
    INSERT INTO agency (id, consortium_id, code, name, type, establishment_type, local_authority_code)
    SELECT bench_uuid('bench-agency-' || t.kind || la.code), la.consortium_id, la.code || '_' || t.kind, la.name || ' ' || t.kind, t.type, NULL, la.code
      FROM local_authority la CROSS JOIN (VALUES ('YJS', 'YOUTH_JUSTICE_SERVICE'), ('CS', 'CHILDRENS_SERVICES')) t(kind, type)
     WHERE la.code LIKE 'BENCH_LA_%'`);
  await step('housing providers', `
    INSERT INTO agency (id, consortium_id, code, name, type)
    SELECT bench_uuid('bench-provider-' || g), $2::uuid, 'BENCH_HOUSING_' || g, 'Benchmark housing provider ' || g, 'HOUSING_PROVIDER'
      FROM generate_series(1, $1) g`, [extraProviders, CONSORTIUM_ID]);

  // Children: home authority round robin over all authorities; their consortium is the authority's.
  await step('children', `
    WITH las AS (
      SELECT la.code, la.consortium_id, a.id AS yjs, row_number() OVER (ORDER BY la.code) - 1 AS n
        FROM local_authority la JOIN agency a ON a.local_authority_code = la.code AND a.type = 'YOUTH_JUSTICE_SERVICE'),
    counted AS (SELECT count(*) AS k FROM las)
    INSERT INTO child (id, consortium_id, given_name, family_name, date_of_birth, sex, home_local_authority_code, home_yjs_agency_id,
                       looked_after_status)
    SELECT bench_uuid('bench-child-' || g), las.consortium_id, 'Bench', 'Child ' || g,
           $2::date - make_interval(years => 11 + g % 7, days => g % 300), CASE WHEN g % 20 = 3 THEN 'FEMALE' ELSE 'MALE' END,
           las.code, las.yjs, CASE WHEN g % 4 = 1 THEN 'LOOKED_AFTER' ELSE 'NOT_LOOKED_AFTER' END
      FROM generate_series(1, $1) g CROSS JOIN counted JOIN las ON las.n = g % counted.k`, [scale.children - 45, today]);

  // One custody episode each: every tenth child in custody (four in five sentenced, releases spread over a year), the rest released.
  await step('custody episodes', `
    INSERT INTO custody_episode (id, child_id, establishment_agency_id, legal_status, sentence_type, sentence_date, entry_date,
                                 release_date, release_type, actual_release_date, status)
    SELECT bench_uuid('bench-episode-' || g), bench_uuid('bench-child-' || g),
           CASE WHEN g % 3 = 0 THEN $3::uuid ELSE $4::uuid END,
           CASE WHEN s.remand THEN 'REMAND' ELSE 'SENTENCED' END,
           CASE WHEN s.remand THEN NULL ELSE 'DTO' END,
           CASE WHEN s.remand THEN NULL ELSE s.entry END,
           s.entry,
           CASE WHEN s.remand THEN NULL WHEN s.custody THEN $2::date + (g * 7) % 365 ELSE s.released END,
           CASE WHEN s.remand THEN NULL ELSE 'STANDARD' END,
           CASE WHEN s.custody THEN NULL ELSE s.released END,
           CASE WHEN s.custody THEN 'IN_CUSTODY' ELSE 'RELEASED' END
      FROM generate_series(1, $1) g,
           LATERAL (SELECT g % ${IN_CUSTODY_EVERY} = 0 AS custody, g % ${IN_CUSTODY_EVERY} = 0 AND g % 50 = 0 AS remand,
                           CASE WHEN g % ${IN_CUSTODY_EVERY} = 0 THEN $2::date - (30 + g % 200) ELSE $2::date - (200 + g % 1500) END AS entry,
                           $2::date - (30 + g % 1500) + 0 AS released) s0,
           LATERAL (SELECT s0.custody, s0.remand, s0.entry, greatest(s0.released, s0.entry + 60) AS released) s`,
    [scale.children - 45, today, AGENCY.adelBeck, AGENCY.wetherby]);

  // Pathway work: three updates per child in custody, one per released child.
  await step('pathway updates', `
    INSERT INTO pathway_update (id, child_id, pathway, status, summary, responsible_agency_id, recorded_by_user_id, recorded_at)
    SELECT bench_uuid('bench-pathway-' || e.child_id || '-' || k), e.child_id,
           (ARRAY['ACCOMMODATION', 'ETE', 'HEALTH', 'FAMILIES', 'FINANCE', 'SUBSTANCE_MISUSE', 'CASE_MANAGEMENT'])[1 + (k + abs(hashtext(e.child_id::text))) % 7],
           (ARRAY['NOT_STARTED', 'IN_PROGRESS', 'READY', 'AT_RISK'])[1 + (k + abs(hashtext(e.child_id::text))) % 4],
           'Benchmark pathway update', c.home_yjs_agency_id, $1::uuid, e.entry_date + k * 5 + interval '14 hours'
      FROM custody_episode e JOIN child c ON c.id = e.child_id
           CROSS JOIN LATERAL generate_series(1, CASE WHEN e.status = 'IN_CUSTODY' THEN 3 ELSE 1 END) k
     WHERE e.id::text NOT LIKE '5eed%'`, [demoUserId('leeds.cm')]);

  await step('timeline events', `
    WITH kids AS (SELECT id, home_yjs_agency_id AS agency, row_number() OVER (ORDER BY id) - 1 AS n FROM child),
    counted AS (SELECT count(*) AS k FROM kids)
    INSERT INTO timeline_event (id, child_id, occurred_at, kind, scope, agency_id, payload)
    SELECT bench_uuid('bench-event-' || g), kids.id, $2::date - (g % 1500) + interval '10 hours',
           (ARRAY['PATHWAY_UPDATED', 'MEETING_HELD', 'RELEASE_DATE_CHANGED', 'CUSTODY_ENTRY'])[1 + g % 4],
           (ARRAY['ete', 'custody', 'custody', 'custody'])[1 + g % 4], kids.agency, '{}'::jsonb
      FROM generate_series(1, $1) g CROSS JOIN counted JOIN kids ON kids.n = g % counted.k`, [scale.timelineEvents, today]);

  // Consent as the establishments gather it: health to the establishment, to the consortium team for one in three.
  await step('consents', `
    INSERT INTO consent (id, child_id, scope, recipient_agency_id, recipient_agency_type, given_by, given_at, expires_at, explanation,
                         recorded_by_user_id, recorded_by_agency_id)
    SELECT bench_uuid('bench-consent-' || e.id || r.kind), e.child_id, 'health',
           CASE WHEN r.kind = 'E' THEN e.establishment_agency_id END, CASE WHEN r.kind = 'T' THEN 'CONSORTIUM_TEAM' END,
           'CHILD', e.entry_date + 3 + interval '11 hours', $1::date + 365,
           'Explained in plain words who would see this information and why; the child can change their mind at any time.',
           $3::uuid, e.establishment_agency_id
      FROM custody_episode e JOIN child c ON c.id = e.child_id AND c.consortium_id = $2::uuid
           CROSS JOIN (VALUES ('E'), ('T')) r(kind)
     WHERE e.status = 'IN_CUSTODY' AND e.id::text NOT LIKE '5eed%' AND (r.kind = 'E' OR abs(hashtext(e.id::text)) % 3 = 0)`,
    [today, CONSORTIUM_ID, demoUserId('wetherby.cw')]);

  // Accommodation referrals for the consortium's sentenced children in custody, to two or three providers each.
  await step('accommodation requests', `
    INSERT INTO accommodation_request (id, child_id, requested_by_agency_id, status, release_date, release_area)
    SELECT bench_uuid('bench-request-' || e.id), e.child_id, c.home_yjs_agency_id, 'OPEN', e.release_date, c.home_local_authority_code
      FROM custody_episode e JOIN child c ON c.id = e.child_id AND c.consortium_id = $1::uuid
     WHERE e.status = 'IN_CUSTODY' AND e.legal_status = 'SENTENCED' AND e.id::text NOT LIKE '5eed%'`, [CONSORTIUM_ID]);
  await step('accommodation recipients', `
    INSERT INTO accommodation_request_recipient (id, request_id, provider_agency_id, status, sent_at)
    SELECT bench_uuid('bench-recipient-' || q.id || p.provider), q.id, p.provider, 'SENT', q.created_at
      FROM accommodation_request q JOIN child c ON c.id = q.child_id
           CROSS JOIN LATERAL (VALUES
             (CASE WHEN c.home_local_authority_code IN ('LEEDS', 'BRADFORD', 'CALDERDALE', 'KIRKLEES', 'WAKEFIELD') THEN $1::uuid ELSE $2::uuid END),
             ($3::uuid),
             (CASE WHEN $4::int > 0 THEN bench_uuid('bench-provider-' || (1 + abs(hashtext(q.id::text)) % greatest($4::int, 1))) END)) p(provider)
     WHERE q.id::text NOT LIKE '5eed%' AND p.provider IS NOT NULL`,
    [AGENCY.leedsHousingOptions, AGENCY.sheffieldSupportedLiving, AGENCY.youthHousingTrust, extraProviders]);

  // Deadlines of the consortium's children in custody, computed by the hub's own rules.
  const t = Date.now();
  const [{ settings }] = await db.query('SELECT settings FROM consortium WHERE id = $1', [CONSORTIUM_ID]);
  const rules = effectiveDeadlineRules(parseConsortiumSettings(settings));
  const inCustody: { child_id: string }[] = await db.query(
    `SELECT e.child_id FROM custody_episode e JOIN child c ON c.id = e.child_id AND c.consortium_id = $1
      WHERE e.status = 'IN_CUSTODY' AND e.id::text NOT LIKE '5eed%'`,
    [CONSORTIUM_ID],
  );
  await db.transaction(async (tx) => {
    for (const { child_id } of inCustody) await recomputeWithRules(tx, child_id, today, rules);
  });
  log(`  deadlines of ${inCustody.length} children in custody: ${Date.now() - t} ms`);
  await db.query('DROP FUNCTION bench_uuid(text)');
  log(`  scale data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
