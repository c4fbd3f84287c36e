import { signToken } from '../../src/shared/auth/token-signer';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * Every figure checked by hand over a known dataset: a consortium of its own (TESTCON) with two
 * authorities (TESTSHIRE, TESTVALE), a YOI and an STC, and four groups of children:
 *   A  7 TESTSHIRE boys, born 2008-06-01, YOI, in 2024-11-10, released 2025-02-15
 *   B  2 TESTSHIRE girls, born 2010-03-01, STC, in 2025-01-20, still in custody
 *   C  6 TESTSHIRE boys, born 2007-01-15, YOI, in 2024-12-01, released 2025-03-10
 *   D  5 TESTVALE boys, born 2008-06-01, YOI, in 2025-01-05, released 2025-01-25
 * The period is 2025-01..2025-03 (previous: 2024-10..2024-12); the threshold is 5.
 */
let hub: TestHub;
const id = (n: number) => `0000bbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CONSORTIUM = id(1);
const [SHIRE_YJS, VALE_YJS, YOI, STC, TEAM] = [id(10), id(11), id(12), id(13), id(14)];
const [OM, LW] = [id(20), id(21)];
const PERIOD = { fromMonth: '2025-01', toMonth: '2025-03' };
let om: string;
let lw: string;

interface Group { first: number; count: number; la: string; yjs: string; sex: string; dob: string; est: string; entry: string; released: string | null }
const GROUPS: Record<'A' | 'B' | 'C' | 'D', Group> = {
  A: { first: 100, count: 7, la: 'TESTSHIRE', yjs: SHIRE_YJS, sex: 'MALE', dob: '2008-06-01', est: YOI, entry: '2024-11-10', released: '2025-02-15' },
  B: { first: 110, count: 2, la: 'TESTSHIRE', yjs: SHIRE_YJS, sex: 'FEMALE', dob: '2010-03-01', est: STC, entry: '2025-01-20', released: null },
  C: { first: 120, count: 6, la: 'TESTSHIRE', yjs: SHIRE_YJS, sex: 'MALE', dob: '2007-01-15', est: YOI, entry: '2024-12-01', released: '2025-03-10' },
  D: { first: 130, count: 5, la: 'TESTVALE', yjs: VALE_YJS, sex: 'MALE', dob: '2008-06-01', est: YOI, entry: '2025-01-05', released: '2025-01-25' },
};
const children = (g: Group) => Array.from({ length: g.count }, (_, i) => g.first + i);
const episode = (child: number) => id(child + 1000);

beforeAll(async () => {
  hub = await startTestHub();
  const q = (sql: string, params: unknown[] = []) => hub.db.query(sql, params);
  await q(`INSERT INTO consortium (id, code, name) VALUES ($1, 'TESTCON', 'Test consortium')`, [CONSORTIUM]);
  await q(`INSERT INTO local_authority (code, name, consortium_id) VALUES ('TESTSHIRE', 'Testshire', $1), ('TESTVALE', 'Testvale', $1)`, [CONSORTIUM]);
  await q(
    `INSERT INTO agency (id, consortium_id, code, name, type, establishment_type, local_authority_code) VALUES
       ($2, $1, 'TESTSHIRE_YJS', 'Testshire YJS', 'YOUTH_JUSTICE_SERVICE', NULL, 'TESTSHIRE'),
       ($3, $1, 'TESTVALE_YJS', 'Testvale YJS', 'YOUTH_JUSTICE_SERVICE', NULL, 'TESTVALE'),
       ($4, $1, 'TEST_YOI', 'Test YOI', 'SECURE_ESTABLISHMENT', 'YOI', NULL),
       ($5, $1, 'TEST_STC', 'Test STC', 'SECURE_ESTABLISHMENT', 'STC', NULL),
       ($6, $1, 'TESTCON_TEAM', 'Test consortium team', 'CONSORTIUM_TEAM', NULL, NULL)`,
    [CONSORTIUM, SHIRE_YJS, VALE_YJS, YOI, STC, TEAM],
  );
  await q(
    `INSERT INTO staff_user (id, username, display_name, agency_id, roles) VALUES
       ($1, 'testshire.om', 'Testshire operational manager', $2, '{OPERATIONAL_MANAGER}'),
       ($3, 'testcon.lw', 'Testcon link worker', $4, '{LINK_WORKER}')`,
    [OM, SHIRE_YJS, LW, TEAM],
  );
  for (const g of Object.values(GROUPS)) {
    for (const n of children(g)) {
      await q(
        `INSERT INTO child (id, consortium_id, given_name, family_name, date_of_birth, sex, home_local_authority_code, home_yjs_agency_id)
         VALUES ($1, $2, 'Test', 'Child', $3, $4, $5, $6)`,
        [id(n), CONSORTIUM, g.dob, g.sex, g.la, g.yjs],
      );
      await q(
        `INSERT INTO custody_episode (id, child_id, establishment_agency_id, legal_status, entry_date, release_date, actual_release_date, status)
         VALUES ($1, $2, $3, 'REMAND', $4, $5, $6, $7)`,
        [episode(n), id(n), g.est, g.entry, g.released ?? '2025-06-01', g.released, g.released ? 'RELEASED' : 'IN_CUSTODY'],
      );
    }
  }
  const deadline = (n: number, rule: string, due: string, status: string, metAt: string | null) =>
    q(
      `INSERT INTO deadline (id, child_id, custody_episode_id, rule_code, pathway, anchor, basis_date, due_on, status, met_at)
       VALUES ($1, $2, $3, $4, 'CASE_MANAGEMENT', 'RELEASE_DATE', $5, $5, $6, $7)`,
      [id(n + 2000 + rule.length * 100), id(n), episode(n), rule, due, status, metAt],
    );
  const [a, b, c] = [children(GROUPS.A), children(GROUPS.B), children(GROUPS.C)];
  // Pre-release meetings: 5 on time, 2 late. Post-release reviews: 6 missed. Initial planning: 2 open.
  for (const n of a.slice(0, 5)) await deadline(n, 'PRE_RELEASE_MEETING', '2025-02-01', 'MET', '2025-01-30T10:00:00Z');
  for (const n of a.slice(5)) await deadline(n, 'PRE_RELEASE_MEETING', '2025-02-01', 'MET', '2025-02-03T10:00:00Z');
  for (const n of c) await deadline(n, 'POST_RELEASE_REVIEW', '2025-03-20', 'MISSED', null);
  for (const n of b) await deadline(n, 'INITIAL_PLANNING_MEETING', '2025-01-30', 'OPEN', null);
  await deadline(a[0], 'ACCOMMODATION_CONFIRMED', '2025-02-10', 'CANCELLED', null); // not counted
  const update = (n: number, k: number, pathway: string, status: string, details: object, at: string) =>
    q(
      `INSERT INTO pathway_update (id, child_id, pathway, status, summary, details, responsible_agency_id, recorded_by_user_id, recorded_at)
       VALUES ($1, $2, $3, $4, 'Test update', $5, $6, $7, $8)`,
      [id(n + 3000 + k * 100), id(n), pathway, status, JSON.stringify(details), SHIRE_YJS, OM, at],
    );
  for (const n of a.slice(0, 5)) await update(n, 0, 'ETE', 'READY', { dayOneArranged: true }, '2025-02-10T12:00:00Z');
  for (const n of a.slice(5)) await update(n, 0, 'ETE', 'AT_RISK', { dayOneArranged: false }, '2025-02-10T12:00:00Z');
  await update(a[0], 1, 'ETE', 'NOT_STARTED', { dayOneArranged: false }, '2025-02-20T12:00:00Z'); // after release: ignored
  for (const n of c) await update(n, 0, 'HEALTH', 'READY', { gpRegistered: true }, '2025-03-01T12:00:00Z');
  await update(c[0], 1, 'HEALTH', 'READY', {}, '2025-03-05T12:00:00Z'); // says nothing of the GP: the earlier YES stands
  const consent = (k: number, n: number, scope: string, type: string, at: string, withdrawnAt: string | null) =>
    q(
      `INSERT INTO consent (id, child_id, scope, recipient_agency_type, given_by, given_at, explanation, recorded_by_user_id, recorded_by_agency_id,
                            withdrawn_at, withdrawn_by_user_id, withdrawal_reason)
       VALUES ($1, $2, $3, $4, 'CHILD', $5, 'Explained in person', $6, $7, $8, $9, $10)`,
      [id(n + 4000 + k * 100), id(n), scope, type, at, OM, SHIRE_YJS, withdrawnAt, withdrawnAt ? OM : null, withdrawnAt ? 'CHANGED_MIND' : null],
    );
  for (const [i, n] of c.entries()) await consent(0, n, 'health', 'HEALTH', '2025-01-10T12:00:00Z', i === 0 ? '2025-02-10T12:00:00Z' : null);
  for (const n of a.slice(0, 5)) await consent(1, n, 'ete', 'EDUCATION', '2024-12-15T12:00:00Z', null);
  const share = (k: number, n: number, scope: string, at: string) =>
    q(
      `INSERT INTO sharing_without_consent (id, child_id, scope, recipient_agency_id, reason, legal_basis, authorised_by_user_id,
                                            authorised_by_agency_id, starts_at, expires_at)
       VALUES ($1, $2, $3, $4, 'Risk of significant harm to the child', 'Children Act 1989 s.47', $5, $6, $7, $7::timestamptz + interval '72 hours')`,
      [id(n + 5000 + k * 100), id(n), scope, YOI, OM, SHIRE_YJS, at],
    );
  for (const n of a.slice(0, 5)) await share(0, n, 'safeguarding', '2025-02-05T12:00:00Z');
  await share(1, b[0], 'family', '2025-03-05T12:00:00Z');
  // Requests for data, by due date: Testshire asks the YOI about A (7 answered on time) and C (6 answered
  // late), and again about A (7 still open, so overdue); Testvale's 5 D children are asked of the team
  // (declined on time); one withdrawn (B) and one due before the period (B) are not counted.
  const dataRequest = (k: number, n: number, to: string, due: string, status: string, respondedAt: string | null) =>
    q(
      `INSERT INTO data_request (id, child_id, requesting_agency_id, requested_by_user_id, addressed_agency_id, scopes, purpose,
                                 requested_at, due_on, status, outcome, decline_reason, responded_at)
       VALUES ($1, $2, $3, $4, $5, '{ete}', 'RESETTLEMENT_PLANNING', $6::date - 7, $6, $7,
               CASE $7 WHEN 'ANSWERED' THEN 'PROVIDED' WHEN 'DECLINED' THEN 'DECLINED' END,
               CASE $7 WHEN 'DECLINED' THEN 'NOT_PROPORTIONATE' END, $8)`,
      [id(n + 6000 + k * 100), id(n), SHIRE_YJS, OM, to, due, status, respondedAt],
    );
  for (const n of a) await dataRequest(0, n, YOI, '2025-02-03', 'ANSWERED', '2025-02-03T16:00:00Z');
  for (const n of c) await dataRequest(0, n, YOI, '2025-03-04', 'ANSWERED', '2025-03-05T09:00:00Z');
  for (const n of a) await dataRequest(1, n, YOI, '2025-03-28', 'OPEN', null);
  for (const n of children(GROUPS.D)) await dataRequest(0, n, TEAM, '2025-01-21', 'DECLINED', '2025-01-21T23:30:00Z'); // 23:30 UTC is still the 21st in winter
  await dataRequest(0, b[0], YOI, '2025-02-10', 'WITHDRAWN', '2025-02-01T10:00:00Z');
  await dataRequest(1, b[1], YOI, '2024-12-16', 'ANSWERED', '2024-12-20T10:00:00Z');
  om = signToken({ sub: OM, typ: 'user' }, hub.keys.signingKey!, hub.config.jwt, 600);
  lw = signToken({ sub: LW, typ: 'user' }, hub.keys.signingKey!, hub.config.jwt, 600);
});
afterAll(() => hub?.stop());

const TABLE = `name dimension columns csv rows { label total { value } values { value suppressed } } totals { label total { value } values { value } }`;
interface Row { label: string; total: { value: number | null } | null; values: { value: number | null }[] }
interface Table { name: string; dimension: string; columns: string[]; csv: string; rows: Row[]; totals: Row | null; previousPeriod?: Table }
interface Report { scope: string; scopeCode: string; tables: Table[] }

async function tables(token: string, field: string, args: string, variables: Record<string, unknown>) {
  const { body } = await hub.query<Record<string, Report>>(
    `query($period: ReportPeriodInput${args ? ', $dimension: ReportDimension!' : ''}) {
      ${field}(period: $period${args}) { scope scopeCode tables { ${TABLE} previousPeriod { ${TABLE} } } } }`,
    { token, variables: { period: PERIOD, ...variables } },
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data![field];
}
const custody = (token: string, dimension: string) => tables(token, 'custodyReport', ', dimension: $dimension', { dimension });

/** { label: [cells..., row total] }, TOTAL for the totals row; null where suppressed. */
function grid(t: Table): Record<string, (number | null)[]> {
  const line = (r: Row) => [...r.values.map((v) => v.value), ...(r.total ? [r.total.value] : [])];
  return { ...Object.fromEntries(t.rows.map((r) => [r.label, line(r)])), ...(t.totals ? { TOTAL: line(t.totals) } : {}) };
}
const table = (r: Report, name: string) => r.tables.find((t) => t.name === name)!;
const h = null; // a suppressed figure

describe('custody and releases, checked by hand', () => {
  it('counts the consortium by home authority, with the previous period', async () => {
    const r = await custody(lw, 'HOME_AUTHORITY');
    expect([r.scope, r.scopeCode]).toEqual(['CONSORTIUM', 'TESTCON']);
    const inCustody = table(r, 'CHILDREN_IN_CUSTODY_BY_MONTH');
    expect(inCustody.columns).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(grid(inCustody)).toEqual({ TESTSHIRE: [15, 15, 8], TESTVALE: [5, 0, 0], TOTAL: [20, 15, 8] });
    expect(grid(inCustody.previousPeriod!)).toEqual({ TESTSHIRE: [0, 7, 13], TESTVALE: [0, 0, 0], TOTAL: [0, 7, 13] });
    expect(inCustody.previousPeriod!.columns).toEqual(['2024-10', '2024-11', '2024-12']);
    const releases = table(r, 'RELEASES_BY_MONTH');
    expect(grid(releases)).toEqual({ TESTSHIRE: [0, 7, 6, 13], TESTVALE: [5, 0, 0, 5], TOTAL: [5, 7, 6, 18] });
    expect(releases.csv).toBe(
      'HOME_AUTHORITY,2025-01,2025-02,2025-03,TOTAL\r\nTESTSHIRE,0,7,6,13\r\nTESTVALE,5,0,0,5\r\nTOTAL,5,7,6,18\r\n',
    );
  });

  it('counts only its own authority for the operational manager', async () => {
    const r = await custody(om, 'HOME_AUTHORITY');
    expect([r.scope, r.scopeCode]).toEqual(['LOCAL_AUTHORITY', 'TESTSHIRE']);
    expect(grid(table(r, 'RELEASES_BY_MONTH'))).toEqual({ TESTSHIRE: [0, 7, 6, 13], TOTAL: [0, 7, 6, 13] });
  });

  it('suppresses the 2 girls in the STC and, because the month totals are published, the YOI figures too', async () => {
    const r = await custody(om, 'ESTABLISHMENT_TYPE');
    const inCustody = table(r, 'CHILDREN_IN_CUSTODY_BY_MONTH');
    // Naively hiding STC's 2 would leave it as 15 - 13: the YOI cell is hidden as well.
    expect(grid(inCustody)).toEqual({ YOI: [h, h, h], STC: [h, h, h], SCH: [0, 0, 0], SECURE_SCHOOL: [0, 0, 0], TOTAL: [15, 15, 8] });
    expect(inCustody.csv).toBe(
      'ESTABLISHMENT_TYPE,2025-01,2025-02,2025-03\r\nYOI,[c],[c],[c]\r\nSTC,[c],[c],[c]\r\nSCH,0,0,0\r\nSECURE_SCHOOL,0,0,0\r\nTOTAL,15,15,8\r\n',
    );
    expect(grid(table(r, 'RELEASES_BY_MONTH'))).toEqual({
      YOI: [0, 7, 6, 13], STC: [0, 0, 0, 0], SCH: [0, 0, 0, 0], SECURE_SCHOOL: [0, 0, 0, 0], TOTAL: [0, 7, 6, 13],
    });
  });

  it('bands age on the day counted: group B turns 15 in March, group C 18 in January', async () => {
    const r = await custody(om, 'AGE_BAND');
    expect(grid(table(r, 'CHILDREN_IN_CUSTODY_BY_MONTH'))).toEqual({
      '10-14': [h, h, 0], '15': [0, 0, h], '16': [7, 7, 0], '17': [h, 0, 0], '18+': [0, h, h], TOTAL: [15, 15, 8],
    });
    expect(grid(table(r, 'RELEASES_BY_MONTH'))).toEqual({
      '10-14': [0, 0, 0, 0], '15': [0, 0, 0, 0], '16': [0, 7, 0, 7], '17': [0, 0, 0, 0], '18+': [0, 0, 6, 6], TOTAL: [0, 7, 6, 13],
    });
  });

  it('breaks down by sex and looked-after status', async () => {
    expect(grid(table(await custody(om, 'SEX'), 'RELEASES_BY_MONTH'))).toEqual({
      FEMALE: [0, 0, 0, 0], MALE: [0, 7, 6, 13], NOT_KNOWN: [0, 0, 0, 0], TOTAL: [0, 7, 6, 13],
    });
    expect(grid(table(await custody(om, 'LOOKED_AFTER_STATUS'), 'CHILDREN_IN_CUSTODY_BY_MONTH'))).toEqual({
      NOT_LOOKED_AFTER: [15, 15, 8], LOOKED_AFTER: [0, 0, 0], LOOKED_AFTER_ON_REMAND: [0, 0, 0], CARE_LEAVER: [0, 0, 0], TOTAL: [15, 15, 8],
    });
  });

  it('lists every ethnicity recorded in the consortium, so a row never reveals a rare one in an authority', async () => {
    await hub.db.query(`UPDATE child SET ethnicity = 'WHITE_BRITISH' WHERE home_local_authority_code = 'TESTVALE'`);
    const r = await custody(om, 'ETHNICITY');
    // Only Testvale's children are WHITE_BRITISH: Testshire's table shows the row, at zero.
    expect(grid(table(r, 'RELEASES_BY_MONTH'))).toEqual({ NOT_RECORDED: [0, 7, 6, 13], WHITE_BRITISH: [0, 0, 0, 0], TOTAL: [0, 7, 6, 13] });
  });
});

describe('timeliness, outcomes and sharing, checked by hand', () => {
  it('counts deadlines on time, late, missed and open, and how long before release the address was confirmed', async () => {
    const r = await tables(om, 'timelinessReport', '', {});
    expect(grid(table(r, 'DEADLINES_ON_TIME'))).toEqual({
      INITIAL_PLANNING_MEETING: [0, 0, 0, h, h],
      ACCOMMODATION_CONFIRMED: [0, 0, 0, 0, 0], // the cancelled one is not counted
      PRE_RELEASE_MEETING: [h, h, 0, 0, 7], // 5 on time hidden too, or 7 - 5 would give the 2 late
      POST_RELEASE_REVIEW: [0, 0, 6, 0, 6],
    });
    expect(grid(table(r, 'ACCOMMODATION_CONFIRMED_BEFORE_RELEASE'))).toEqual({
      '28_OR_MORE_DAYS': [0], '14_TO_27_DAYS': [0], '7_TO_13_DAYS': [0], '1_TO_6_DAYS': [0], ON_OR_AFTER_RELEASE_DAY: [0], NOT_CONFIRMED: [13], TOTAL: [13],
    });
  });

  it('counts outcomes at release from the latest update on or before the release day', async () => {
    const r = await tables(om, 'releaseOutcomesReport', '', {});
    expect(grid(table(r, 'ACCOMMODATION_AT_RELEASE'))).toEqual({ SETTLED: [0], TEMPORARY: [0], HOMELESS: [0], NOT_RECORDED: [13], TOTAL: [13] });
    expect(grid(table(r, 'DAY_ONE_ARRANGEMENTS'))).toEqual({ ETE_ARRANGED_FOR_DAY_ONE: [h, h, 6, 13], GP_REGISTERED: [6, 0, 7, 13] });
    const others = [0, 0, 0, 0, 13, 13];
    expect(grid(table(r, 'PATHWAYS_AT_RELEASE'))).toEqual({
      CASE_MANAGEMENT: others, ACCOMMODATION: others, ETE: [0, 0, h, h, 6, 13], HEALTH: [0, 0, 6, 0, 7, 13],
      SUBSTANCE_MISUSE: others, FAMILIES: others, FINANCE: others,
    });
  });

  it('counts consents given, withdrawn and missing per scope, and sharing without consent per month', async () => {
    const r = await tables(om, 'sharingReport', '', {});
    const none = [0, 0, 15];
    expect(grid(table(r, 'CONSENTS_BY_SCOPE'))).toEqual({
      identity: none, custody: none, accommodation: none, ete: [0, 0, 10], health: [6, h, 10], substance_misuse: none,
      family: none, finance: none, offence_risk: none, safeguarding: none, voice: none,
    });
    const zero = [0, 0, 0, 0];
    expect(grid(table(r, 'SHARING_WITHOUT_CONSENT_BY_MONTH'))).toEqual({
      identity: zero, custody: zero, accommodation: zero, ete: zero, health: zero, substance_misuse: zero,
      family: [0, 0, h, h], finance: zero, offence_risk: zero, safeguarding: [0, h, 0, h], voice: zero, TOTAL: [0, h, h, 6],
    });
  });

  it('counts requests for data due in the period as answered on time, late or overdue, by the agency asked', async () => {
    const zero = [0, 0, 0, 0, 0];
    const shire = table(await tables(om, 'sharingReport', '', {}), 'DATA_REQUESTS_ANSWERED');
    expect(shire.columns).toEqual(['ON_TIME', 'LATE', 'OVERDUE', 'NOT_YET_DUE']);
    expect(grid(shire)).toEqual({
      YOUTH_JUSTICE_SERVICE: zero, CHILDRENS_SERVICES: zero, SECURE_ESTABLISHMENT: [7, 6, 7, 0, 20], CONSORTIUM_TEAM: zero, PROBATION: zero,
      TOTAL: [7, 6, 7, 0, 20],
    });
    expect(grid(shire.previousPeriod!)).toEqual({
      YOUTH_JUSTICE_SERVICE: zero, CHILDRENS_SERVICES: zero, SECURE_ESTABLISHMENT: [0, h, 0, 0, h], CONSORTIUM_TEAM: zero, PROBATION: zero,
      TOTAL: [0, h, 0, 0, h],
    });
    const consortium = table(await tables(lw, 'sharingReport', '', {}), 'DATA_REQUESTS_ANSWERED');
    expect(grid(consortium)).toMatchObject({ SECURE_ESTABLISHMENT: [7, 6, 7, 0, 20], CONSORTIUM_TEAM: [5, 0, 0, 0, 5], TOTAL: [12, 6, 7, 0, 25] });
  });

  it('takes the threshold from the consortium settings', async () => {
    await hub.db.query(`UPDATE consortium SET settings = '{"reportingSuppressionThreshold": 2}' WHERE id = $1`, [CONSORTIUM]);
    const r = await custody(om, 'ESTABLISHMENT_TYPE');
    expect(grid(table(r, 'CHILDREN_IN_CUSTODY_BY_MONTH'))).toEqual({
      YOI: [13, 13, 6], STC: [2, 2, 2], SCH: [0, 0, 0], SECURE_SCHOOL: [0, 0, 0], TOTAL: [15, 15, 8],
    });
  });
});
