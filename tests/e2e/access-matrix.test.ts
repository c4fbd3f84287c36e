/**
 * The access matrix: every demo principal × every fixture child × every data scope, checked on
 * three paths against one expected table written here from the RULES (policies/roles.yaml,
 * policies/agreements/*.yaml, domain.md §1 and §4, the case-relationship spec), never from the
 * implementation:
 *   (a) the ability path: AccessControl.decide() and ability.can() for the principal;
 *   (b) GraphQL through the gateway: child(id) NOT_FOUND or its `access` list, plus one scoped
 *       field expected denied (null, FORBIDDEN, reason) and one expected shared;
 *   (c) the SQL path: the fixture children in children(...) and the rows childCondition() selects.
 * Mismatches are collected and reported as one table (principal × child × scope: expected vs actual).
 */
import { AGENCIES } from '../../seeds/demo-consortium';
import { DEMO_CLIENTS, DOCUMENTED_USERS } from '../../seeds/demo-users';
import { loadPrincipal, type Principal } from '../../src/shared/auth/principal';
import { AccessControl } from '../../src/shared/policy/access-control';
import type { DataScope } from '../../src/shared/policy/data-scope';
import { loadPolicySet } from '../../src/shared/policy/policy-loader';
import type { PolicySet } from '../../src/shared/policy/policy-set';
import { FIXTURE_CHILDREN, FIXTURE_IDS, fixtureChildId, insertAccessMatrixFixtures, type FixtureChild } from '../helpers/access-matrix-fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

// ---------------------------------------------------------------------------------------------
// The expected table, from the rules.
// ---------------------------------------------------------------------------------------------

const SCOPES = [
  'identity', 'custody', 'accommodation', 'ete', 'health', 'substance_misuse', 'family', 'finance', 'offence_risk', 'safeguarding', 'voice',
] as const;
type Scope = (typeof SCOPES)[number];
type Reason = 'NOT_PERMITTED' | 'NO_AGREEMENT' | 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED' | 'CONSENT_REQUIRED';
type Outcome = 'shared' | Reason;

/** roles.yaml, by hand: does the role read Child, and its `scopes` upper bound if it has one. */
const ROLES: Record<string, { readsChild: boolean; scopes?: Scope[] }> = {
  CASE_MANAGER: { readsChild: true },
  OPERATIONAL_MANAGER: { readsChild: true },
  RESETTLEMENT_WORKER: { readsChild: true },
  ETE_WORKER: { readsChild: true, scopes: ['identity', 'ete', 'voice'] },
  INFORMATION_OFFICER: { readsChild: true, scopes: ['identity', 'custody'] },
  DIRECTOR_OF_CHILDRENS_SERVICES: { readsChild: true, scopes: ['identity', 'custody', 'accommodation', 'family', 'offence_risk', 'safeguarding', 'voice'] },
  SOCIAL_WORKER: { readsChild: true },
  CUSTODY_CASEWORKER: { readsChild: true },
  HEAD_OF_SAFEGUARDING: { readsChild: true, scopes: ['identity', 'custody', 'health', 'family', 'offence_risk', 'safeguarding', 'voice'] },
  HEALTHCARE: { readsChild: true, scopes: ['identity', 'health', 'substance_misuse'] },
  LINK_WORKER: { readsChild: true },
  PROJECT_MANAGER: { readsChild: false },
  DATA_PROTECTION_OFFICER: { readsChild: false },
  PROBATION_PRACTITIONER: { readsChild: true },
  HOUSING_OFFICER: { readsChild: true, scopes: ['identity', 'accommodation'] },
  POLICE_OFFICER: { readsChild: true, scopes: ['identity', 'custody', 'offence_risk', 'safeguarding'] },
};
/** roles.yaml clientScopes, by hand: which give Child read (none has a scopes bound). */
const CLIENT_SCOPES_READING_CHILD = ['cases:read', 'changes:read'];

/** O: shared without consent; C: consent required; CW: consent required, sharing without consent allowed. */
type Grant = 'O' | 'C' | 'CW';
interface Agreement {
  id: string;
  status: 'active' | 'draft' | 'suspended' | 'expired';
  validFrom: string;
  validUntil: string;
  partyTypes: string[];
  partyCodes: string[];
  recipients: Record<string, Partial<Record<Scope, Grant>>>;
}

const YJS_CODES = ['BARNSLEY', 'BRADFORD', 'CALDERDALE', 'DONCASTER', 'KIRKLEES', 'LEEDS', 'ROTHERHAM', 'SHEFFIELD', 'WAKEFIELD'];

/** policies/agreements/*.yaml, by hand. */
const AGREEMENTS: Agreement[] = [
  {
    id: 'swy-resettlement-isa',
    status: 'active',
    validFrom: '2025-04-01',
    validUntil: '2028-03-31',
    partyTypes: ['YOUTH_JUSTICE_SERVICE', 'CHILDRENS_SERVICES', 'SECURE_ESTABLISHMENT', 'CONSORTIUM_TEAM', 'PROBATION', 'EDUCATION'],
    partyCodes: [
      ...YJS_CODES.map((la) => `${la}_YJS`), ...YJS_CODES.map((la) => `${la}_CS`),
      'WETHERBY_YOI', 'ADEL_BECK_SCH', 'SWY_CONSORTIUM_TEAM', 'PROBATION_YH', 'CALDER_VALLEY_COLLEGE',
    ],
    recipients: {
      YOUTH_JUSTICE_SERVICE: {
        identity: 'O', custody: 'O', accommodation: 'O', ete: 'O', health: 'O', substance_misuse: 'O', family: 'O', finance: 'O',
        offence_risk: 'O', safeguarding: 'O', voice: 'O',
      },
      CHILDRENS_SERVICES: {
        identity: 'O', custody: 'O', accommodation: 'O', ete: 'O', health: 'CW', family: 'O', safeguarding: 'O', voice: 'O', offence_risk: 'O',
      },
      SECURE_ESTABLISHMENT: {
        identity: 'O', custody: 'O', accommodation: 'O', ete: 'O', health: 'CW', substance_misuse: 'C', family: 'O', offence_risk: 'O',
        safeguarding: 'O', voice: 'O',
      },
      CONSORTIUM_TEAM: {
        identity: 'O', custody: 'O', accommodation: 'O', ete: 'O', health: 'C', family: 'O', finance: 'O', voice: 'O', offence_risk: 'O',
        safeguarding: 'O',
      },
      PROBATION: { identity: 'O', custody: 'O', accommodation: 'O', ete: 'O', health: 'C', offence_risk: 'O', safeguarding: 'O', family: 'O' },
      EDUCATION: { identity: 'O', ete: 'C', voice: 'C' },
    },
  },
  {
    id: 'swy-housing-isa',
    status: 'active',
    validFrom: '2025-04-01',
    validUntil: '2027-03-31',
    partyTypes: ['YOUTH_JUSTICE_SERVICE', 'HOUSING_PROVIDER', 'CONSORTIUM_TEAM'],
    partyCodes: [
      ...YJS_CODES.map((la) => `${la}_YJS`), 'SWY_CONSORTIUM_TEAM', 'LEEDS_HOUSING_OPTIONS', 'WEST_YORKS_YOUTH_HOUSING', 'SHEFFIELD_SUPPORTED_LIVING',
    ],
    recipients: { HOUSING_PROVIDER: { identity: 'O', accommodation: 'O' } },
  },
];

interface PrincipalSpec {
  handle: string;
  kind: 'user' | 'client';
  id: string;
  agencyId: string;
  agencyType: string;
  agencyCode: string;
  readsChild: boolean;
  /** Union of the roles' bounds; undefined: unbounded. */
  scopeBound?: Scope[];
}

function agencyOf(id: string) {
  const agency = AGENCIES.find((a) => a.id === id);
  if (!agency) throw new Error(`no demo agency ${id}`);
  return agency;
}

const PRINCIPALS: PrincipalSpec[] = [
  ...DOCUMENTED_USERS.map((u): PrincipalSpec => {
    const roles = u.roles.map((r) => {
      const role = ROLES[r];
      if (!role) throw new Error(`the expected table does not know role ${r}`);
      return role;
    });
    const reading = roles.filter((r) => r.readsChild);
    const agency = agencyOf(u.agency_id);
    return {
      handle: u.username, kind: 'user', id: u.id, agencyId: agency.id, agencyType: agency.type, agencyCode: agency.code,
      readsChild: reading.length > 0,
      scopeBound: reading.some((r) => !r.scopes) ? undefined : [...new Set(reading.flatMap((r) => r.scopes ?? []))],
    };
  }),
  ...DEMO_CLIENTS.slice(0, 1).map((c): PrincipalSpec => {
    const agency = agencyOf(c.agency_id);
    return {
      handle: c.client_id, kind: 'client', id: c.id, agencyId: agency.id, agencyType: agency.type, agencyCode: agency.code,
      readsChild: c.scopes.some((s) => CLIENT_SCOPES_READING_CHILD.includes(s)),
    };
  }),
];

/**
 * Who sees each fixture child, by hand from the relationship rules: home YJS; children's services
 * of the home authority; the establishment holding the child; an establishment the child left
 * (transfer or release) within 30 days, read-only; the consortium team while in custody or
 * released within 90 days; probation with a transfer not CANCELLED; a housing provider with a
 * referral whose access has not ended; education/health/police with an active involvement; a
 * user with active, unrevoked team cover. The DPO's role does not read children: never listed.
 */
const LEEDS_HOME = ['leeds.cm', 'leeds.om', 'leeds-cms', 'leeds.dcs'];
const VISIBLE_TO: Record<string, string[]> = {
  'adel-health-consent-active': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'adel-health-consent-withdrawn': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'adel-health-consent-expired': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'adel-health-consent-absent': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'adel-consents-by-agency-type': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'released-wetherby-10d': [...LEEDS_HOME, 'wetherby.cw', 'swyrc.lw'],
  'transferred-adel-to-wetherby-10d': [...LEEDS_HOME, 'wetherby.cw', 'adelbeck.cw', 'swyrc.lw'],
  'transferred-adel-to-wetherby-60d': [...LEEDS_HOME, 'wetherby.cw', 'swyrc.lw'],
  'sheffield-at-wetherby': ['sheffield.cm', 'wetherby.cw', 'swyrc.lw'],
  'housing-referral-open': [...LEEDS_HOME, 'housing.leeds'],
  'housing-referral-access-ended': [...LEEDS_HOME],
  'calderdale-college': ['college.ete'],
  'sheffield-probation-referred': ['sheffield.cm', 'probation.pp'],
  'team-cover-sheffield-cm': [...LEEDS_HOME, 'sheffield.cm'],
  'without-consent-health-wetherby': [...LEEDS_HOME, 'wetherby.cw', 'swyrc.lw'],
  'released-wetherby-60d': [...LEEDS_HOME, 'swyrc.lw'],
  'released-wetherby-120d': [...LEEDS_HOME],
  'sheffield-probation-cancelled': ['sheffield.cm'],
  'leeds-college-involvement-ended': [...LEEDS_HOME],
  'leeds-college-involvement-not-started': [...LEEDS_HOME],
  'calderdale-no-relationship': [],
  'team-cover-revoked': [...LEEDS_HOME],
  'team-cover-expired': [...LEEDS_HOME],
  'adel-consent-expired-then-withdrawn': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'adel-consent-withdrawn-then-expired': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'adel-consent-withdrawn-then-regiven': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
  'wetherby-without-consent-lapsed': [...LEEDS_HOME, 'wetherby.cw', 'swyrc.lw'],
  'housing-referral-wyyh-ends-soon': [...LEEDS_HOME, 'housing.wyyh'],
  'sheffield-released-adel-10d': ['sheffield.cm', 'adelbeck.cw', 'swyrc.lw'],
  // Involvement opens a child to education, health and police agencies only.
  'leeds-involvement-names-wetherby': [...LEEDS_HOME],
  'leeds-involvement-names-sheffield-yjs': [...LEEDS_HOME],
  'sheffield-involvement-names-probation': ['sheffield.cm'],
  'adel-consent-active-then-withdrawn': [...LEEDS_HOME, 'adelbeck.cw', 'swyrc.lw'],
};

/** Per scope: role bound → NOT_PERMITTED; no agreement → NO_AGREEMENT; then consent. */
function expectedScope(p: PrincipalSpec, child: FixtureChild, scope: Scope, today: string): Outcome {
  if (!p.readsChild || (p.scopeBound && !p.scopeBound.includes(scope))) return 'NOT_PERMITTED';
  const grants = AGREEMENTS.filter(
    (a) => a.status === 'active' && a.validFrom <= today && today <= a.validUntil && a.partyTypes.includes(p.agencyType) && a.partyCodes.includes(p.agencyCode),
  )
    .map((a) => a.recipients[p.agencyType]?.[scope])
    .filter((g): g is Grant => !!g);
  if (!grants.length) return 'NO_AGREEMENT';
  if (grants.includes('O')) return 'shared';
  const consents = (child.consents ?? []).filter(
    (c) => c.scope === scope && ('agency' in c.to ? c.to.agency === p.agencyId : c.to.agencyType === p.agencyType),
  );
  // The latest consent to each recipient (the agency itself, or its type) is the one that counts.
  const latestPerRecipient = ['agency', 'agencyType'].map((kind) => consents.filter((c) => kind in c.to).at(-1));
  if (latestPerRecipient.some((c) => c?.state === 'active')) return 'shared';
  const overrideAllowed = grants.includes('CW');
  if (overrideAllowed && (child.withoutConsent ?? []).some((w) => w.scope === scope && w.to === p.agencyId && w.state === 'active')) return 'shared';
  const latest = consents.at(-1);
  if (latest?.state === 'withdrawn') return 'CONSENT_WITHDRAWN';
  if (latest?.state === 'expired') return 'CONSENT_EXPIRED';
  return 'CONSENT_REQUIRED';
}

interface Expected {
  visible: boolean;
  scopes: Record<Scope, Outcome>;
}

function expectedFor(p: PrincipalSpec, child: FixtureChild, today: string): Expected {
  const seenBy = VISIBLE_TO[child.key];
  if (!seenBy) throw new Error(`VISIBLE_TO has no row for fixture ${child.key}`);
  const visible = p.readsChild && seenBy.includes(p.handle);
  const scopes = Object.fromEntries(SCOPES.map((s) => [s, expectedScope(p, child, s, today)])) as Record<Scope, Outcome>;
  return { visible, scopes };
}

// ---------------------------------------------------------------------------------------------
// The three paths, and the diff table.
// ---------------------------------------------------------------------------------------------

interface Mismatch {
  principal: string;
  child: string;
  scope: string;
  path: string;
  expected: string;
  actual: string;
}

const ALL_MISMATCHES: Mismatch[] = [];

function diffTable(rows: Mismatch[]): string {
  const header: Mismatch = { principal: 'principal', child: 'child', scope: 'scope', path: 'path', expected: 'expected', actual: 'actual' };
  const cols = Object.keys(header) as (keyof Mismatch)[];
  const all = [header, ...rows];
  const widths = cols.map((c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: Mismatch) => cols.map((c, i) => r[c].padEnd(widths[i])).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

function report(rows: Mismatch[], what: string): void {
  ALL_MISMATCHES.push(...rows);
  if (rows.length) throw new Error(`${rows.length} disagreement(s) with the expected access matrix (${what}):\n${diffTable(rows)}`);
}

/** GraphQL field per data scope (scopes without a field of their own are checked through `access` only). */
const SCOPE_FIELD: Partial<Record<Scope, string>> = {
  identity: 'identity', custody: 'caseManagement', accommodation: 'accommodation', ete: 'ete', health: 'health',
  substance_misuse: 'substanceMisuse', family: 'families', finance: 'finance',
};

const gqlScope = (s: Scope) => s.toUpperCase();
const childLabel = (id: string) => FIXTURE_CHILDREN.find((c) => fixtureChildId(c.n) === id)?.key ?? `seeded ${id}`;
const setDiff = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x));

let hub: TestHub;
let policy: PolicySet;
let today: string;
let allChildIds: string[];

beforeAll(async () => {
  hub = await startTestHub();
  const now = new Date();
  today = now.toISOString().slice(0, 10);
  await insertAccessMatrixFixtures(hub.db, now);
  policy = loadPolicySet();
  allChildIds = ((await hub.db.query('SELECT id FROM child ORDER BY id')) as { id: string }[]).map((r) => r.id);
}, 60_000);
afterAll(() => hub?.stop());

async function accessControlFor(p: PrincipalSpec): Promise<{ principal: Principal; access: AccessControl }> {
  const principal = await loadPrincipal(hub.db, { sub: p.id, typ: p.kind });
  return { principal, access: new AccessControl(principal, policy, new Date()) };
}

async function sqlConditionIds(access: AccessControl): Promise<Set<string>> {
  const condition = access.childCondition('read', 'Child');
  const [text, values] = hub.db.driver.escapeQueryWithParameters(`SELECT c.id FROM child c WHERE ${condition.sql}`, condition.params);
  return new Set(((await hub.db.query(text, values)) as { id: string }[]).map((r) => r.id));
}

describe.each(PRINCIPALS.map((p) => [p.handle, p] as const))('%s', (handle, p) => {
  test('the ability path (decide() and ability.can()) gives the expected table', async () => {
    const rows: Mismatch[] = [];
    const add = (child: string, scope: string, path: string, expected: string, actual: string) =>
      rows.push({ principal: handle, child, scope, path, expected, actual });
    const { access } = await accessControlFor(p);
    const decisions = await access.decide(hub.db.manager, FIXTURE_IDS);
    const facts = await access.factsFor(hub.db.manager, FIXTURE_IDS);
    for (const child of FIXTURE_CHILDREN) {
      const id = fixtureChildId(child.n);
      const expected = expectedFor(p, child, today);
      const decision = decisions.get(id);
      const childFacts = facts.get(id);
      if (!decision || !childFacts) {
        add(child.key, '(visible)', 'ability', String(expected.visible), 'no decision');
        continue;
      }
      if (decision.visible !== expected.visible) add(child.key, '(visible)', 'decide', String(expected.visible), String(decision.visible));
      const can = access.canForChild('read', 'Child', childFacts);
      if (can !== expected.visible) add(child.key, '(visible)', 'ability.can', String(expected.visible), String(can));
      for (const scope of SCOPES) {
        const d = decision.scopes.get(scope as DataScope);
        const actual = !d ? 'missing' : d.allowed ? 'shared' : d.reason;
        if (expected.visible) {
          if (actual !== expected.scopes[scope]) add(child.key, scope, 'decide', expected.scopes[scope], actual);
        } else if (actual === 'shared' || actual === 'missing') {
          add(child.key, scope, 'decide', 'not shared (invisible)', actual);
        }
      }
    }
    report(rows, `${handle}, ability path`);
  });

  test('GraphQL child(id) answers NOT_FOUND or the expected access, and guards scoped fields', async () => {
    const rows: Mismatch[] = [];
    const add = (child: string, scope: string, path: string, expected: string, actual: string) =>
      rows.push({ principal: handle, child, scope, path, expected, actual });
    await Promise.all(
      FIXTURE_CHILDREN.map(async (child) => {
        const id = fixtureChildId(child.n);
        const expected = expectedFor(p, child, today);
        const denied = SCOPES.find((s) => SCOPE_FIELD[s] && expected.scopes[s] !== 'shared');
        const allowed = SCOPES.find((s) => SCOPE_FIELD[s] && expected.scopes[s] === 'shared');
        const fields = [denied, allowed].filter((s): s is Scope => !!s).map((s) => `${SCOPE_FIELD[s]} { __typename }`).join(' ');
        const { body } = await hub.query<{ child: Record<string, unknown> & { access: { scope: string; shared: boolean; reason: string | null }[] } }>(
          `query($id: ID!) { child(id: $id) { id access { scope shared reason } ${fields} } }`,
          { as: handle, variables: { id } },
        );
        const errorAt = (path: string[]) => body.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
        const describeError = (e?: { extensions?: Record<string, unknown> }) =>
          e ? `${String(e.extensions?.code)}(${String(e.extensions?.reason ?? '')})` : 'no error';

        if (!expected.visible) {
          const want = p.readsChild ? 'NOT_FOUND()' : 'FORBIDDEN(NOT_PERMITTED)';
          const got = body.data?.child ? 'visible' : describeError(errorAt(['child']) ?? body.errors?.[0]);
          if (got !== want) add(child.key, '(visible)', 'graphql child', want, got);
          return;
        }
        const answer = body.data?.child;
        if (!answer) {
          add(child.key, '(visible)', 'graphql child', 'visible', describeError(body.errors?.[0]));
          return;
        }
        const access = new Map(answer.access.map((a) => [a.scope, a.shared ? 'shared' : (a.reason ?? 'null')]));
        for (const scope of SCOPES) {
          const actual = access.get(gqlScope(scope)) ?? 'missing';
          if (actual !== expected.scopes[scope]) add(child.key, scope, 'graphql access', expected.scopes[scope], actual);
        }
        if (answer.access.length !== SCOPES.length) add(child.key, '(all)', 'graphql access', `${SCOPES.length} scopes`, `${answer.access.length} scopes`);
        if (denied) {
          const field = SCOPE_FIELD[denied]!;
          const want = `null, FORBIDDEN(${expected.scopes[denied]})`;
          const got = `${answer[field] === null ? 'null' : 'value'}, ${describeError(errorAt(['child', field]))}`;
          if (got !== want) add(child.key, denied, `graphql field ${field}`, want, got);
        }
        if (allowed) {
          const field = SCOPE_FIELD[allowed]!;
          const got = `${answer[field] === null || answer[field] === undefined ? 'null' : 'value'}, ${describeError(errorAt(['child', field]))}`;
          if (got !== 'value, no error') add(child.key, allowed, `graphql field ${field}`, 'value, no error', got);
        }
      }),
    );
    rows.sort((a, b) => a.child.localeCompare(b.child) || a.scope.localeCompare(b.scope));
    report(rows, `${handle}, GraphQL child(id)`);
  });

  test('children(...) lists and childCondition() selects exactly the expected children, agreeing with decide()', async () => {
    const rows: Mismatch[] = [];
    const add = (child: string, scope: string, path: string, expected: string, actual: string) =>
      rows.push({ principal: handle, child, scope, path, expected, actual });
    const expectedVisible = new Set(FIXTURE_CHILDREN.filter((c) => expectedFor(p, c, today).visible).map((c) => fixtureChildId(c.n)));
    const fixtureIds = new Set(FIXTURE_IDS);

    // The SQL condition run directly, over every child, against decide() over every child.
    const { access } = await accessControlFor(p);
    const bySql = await sqlConditionIds(access);
    const decisions = await access.decide(hub.db.manager, allChildIds);
    const byDecide = new Set(allChildIds.filter((id) => decisions.get(id)?.visible));
    for (const id of setDiff(expectedVisible, bySql)) add(childLabel(id), '(listed)', 'sql condition', 'selected', 'not selected');
    for (const id of setDiff(bySql, expectedVisible)) if (fixtureIds.has(id)) add(childLabel(id), '(listed)', 'sql condition', 'not selected', 'selected');
    for (const id of setDiff(byDecide, bySql)) add(childLabel(id), '(listed)', 'sql vs decide', 'selected (decide: visible)', 'not selected');
    for (const id of setDiff(bySql, byDecide)) add(childLabel(id), '(listed)', 'sql vs decide', 'not selected (decide: invisible)', 'selected');

    // The list through the gateway, paged to the end.
    const listed: string[] = [];
    const totals = new Set<number>();
    const LIST = `query($first: Int!, $after: String) { children(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id access { scope shared reason } } } } }`;
    type Page = { children: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; access: { scope: string; shared: boolean; reason: string | null }[] } }[] } };
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const response: GraphQLResponse<Page> = await hub.query<Page>(LIST, { as: handle, variables: { first: 100, after } });
      const body = response.body;
      if (!p.readsChild) {
        const got = body.data?.children ? 'a list' : `${String(body.errors?.[0]?.extensions?.code)}(${String(body.errors?.[0]?.extensions?.reason ?? '')})`;
        if (got !== 'FORBIDDEN(NOT_PERMITTED)') add('(all)', '(listed)', 'graphql children', 'FORBIDDEN(NOT_PERMITTED)', got);
        break;
      }
      const data: Page['children'] | undefined = body.data?.children;
      if (!data) {
        add('(all)', '(listed)', 'graphql children', 'a page', `${String(body.errors?.[0]?.extensions?.code)}(${String(body.errors?.[0]?.extensions?.reason ?? '')})`);
        break;
      }
      totals.add(data.totalCount);
      for (const { node } of data.edges) {
        listed.push(node.id);
        const child = FIXTURE_CHILDREN.find((c) => fixtureChildId(c.n) === node.id);
        if (!child) continue;
        const expected = expectedFor(p, child, today);
        const got = new Map(node.access.map((a) => [a.scope, a.shared ? 'shared' : (a.reason ?? 'null')]));
        for (const scope of SCOPES) {
          const actual = got.get(gqlScope(scope)) ?? 'missing';
          if (actual !== expected.scopes[scope]) add(child.key, scope, 'graphql children access', expected.scopes[scope], actual);
        }
      }
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    if (p.readsChild) {
      const listedSet = new Set(listed);
      const listedFixtures = new Set(listed.filter((id) => fixtureIds.has(id)));
      for (const id of setDiff(expectedVisible, listedFixtures)) add(childLabel(id), '(listed)', 'graphql children', 'listed', 'not listed');
      for (const id of setDiff(listedFixtures, expectedVisible)) add(childLabel(id), '(listed)', 'graphql children', 'not listed', 'listed');
      for (const id of setDiff(bySql, listedSet)) if (!fixtureIds.has(id)) add(childLabel(id), '(listed)', 'graphql children vs sql', 'listed', 'not listed');
      for (const id of setDiff(listedSet, bySql)) if (!fixtureIds.has(id)) add(childLabel(id), '(listed)', 'graphql children vs sql', 'not listed', 'listed');
      if (listedSet.size !== listed.length) add('(all)', '(listed)', 'graphql children', 'each child once', `${listed.length - listedSet.size} repeated`);
      const total = [...totals].join(',');
      if (total !== String(listed.length)) add('(all)', 'totalCount', 'graphql children', String(listed.length), total);
    } else if (bySql.size) {
      add('(all)', '(listed)', 'sql condition', 'no child', `${bySql.size} children`);
    }
    rows.sort((a, b) => a.child.localeCompare(b.child) || a.scope.localeCompare(b.scope));
    report(rows, `${handle}, lists and SQL`);
  });
});

test('the whole matrix agrees (one table of every disagreement above)', () => {
  if (ALL_MISMATCHES.length) throw new Error(`${ALL_MISMATCHES.length} disagreement(s) in all:\n${diffTable(ALL_MISMATCHES)}`);
  // Guard the table itself: every principal and fixture child was covered.
  expect(PRINCIPALS.map((p) => p.handle)).toEqual(expect.arrayContaining([
    'leeds.cm', 'leeds.om', 'sheffield.cm', 'leeds.dcs', 'wetherby.cw', 'adelbeck.cw', 'swyrc.lw', 'probation.pp', 'housing.leeds', 'dpo',
    'college.ete', 'leeds-cms',
  ]));
  expect(Object.keys(VISIBLE_TO).sort()).toEqual(FIXTURE_CHILDREN.map((c) => c.key).sort());
});
