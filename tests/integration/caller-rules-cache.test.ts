import { randomUUID } from 'node:crypto';
import { demoUserId } from '../../seeds/demo-users';
import { loadPrincipal, type Principal } from '../../src/shared/auth/principal';
import { callerRules } from '../../src/shared/policy/ability-cache';
import { AccessControl } from '../../src/shared/policy/access-control';
import { loadPolicySet } from '../../src/shared/policy/policy-loader';
import { demoChild } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// A caller's rules are built once a day and shared by its requests; what is in force is read at
// each request's own instant. A team cover grant ending between two requests of the same caller,
// on the same day, must open the child to the first and not to the second, in decisions and in SQL.
let hub: TestHub;
let principal: Principal;
let child: string;
const policy = loadPolicySet();
// Noon tomorrow (UTC): both instants on one day in England, within the demo agreements' term.
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const GRANT_ENDS = `${tomorrow}T12:00:00.000Z`;
const before = new Date(Date.parse(GRANT_ENDS) - 1);
const after = new Date(GRANT_ENDS);

beforeAll(async () => {
  hub = await startTestHub();
  principal = await loadPrincipal(hub.db, { sub: demoUserId('sheffield.cm'), typ: 'user' });
  child = await demoChild(hub.db, { authority: 'LEEDS', status: 'IN_CUSTODY' });
  await hub.db.query(
    `INSERT INTO team_cover_grant (id, child_id, grantee_user_id, granted_by_user_id, granted_by_agency_id, reason, starts_at, expires_at)
     SELECT $1, $2, $3, u.id, u.agency_id, 'Cover while on leave', $4::timestamptz - interval '2 days', $4 FROM staff_user u WHERE u.username = 'leeds.cm'`,
    [randomUUID(), child, principal.id, GRANT_ENDS],
  );
});
afterAll(() => hub?.stop());

const visibleInSql = async (access: AccessControl) => {
  const { sql, params } = access.childCondition('read', 'Child');
  const [query, values] = hub.db.driver.escapeQueryWithParameters(`SELECT c.id FROM child c WHERE c.id = :child AND ${sql}`, { ...params, child });
  return ((await hub.db.query(query, values)) as unknown[]).length === 1;
};

it('shares one ability between requests of a day, and reads the grant at each request\'s instant', async () => {
  const first = new AccessControl(principal, policy, before);
  const second = new AccessControl(principal, policy, after);
  expect(second.ability).toBe(first.ability);

  const [decidedBefore, decidedAfter] = [await first.decide(hub.db.manager, [child]), await second.decide(hub.db.manager, [child])];
  expect(decidedBefore.get(child)).toMatchObject({ visible: true, relationship: 'TEAM_COVER' });
  expect(decidedAfter.get(child)).toMatchObject({ visible: false });

  expect(await visibleInSql(first)).toBe(true);
  expect(await visibleInSql(second)).toBe(false);
  // The compiled filter is shared too; each request binds its own instant.
  expect(first.childCondition().sql).toBe(second.childCondition().sql);
});

it('builds other rules for another day, another role or another policy set', () => {
  const today = tomorrow;
  const rules = callerRules(principal, policy, today);
  expect(callerRules(principal, policy, today)).toBe(rules);
  const nextDay = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  expect(callerRules(principal, policy, nextDay)).not.toBe(rules);
  expect(callerRules({ ...principal, roles: [] }, policy, today)).not.toBe(rules);
  expect(callerRules(principal, loadPolicySet(), today)).not.toBe(rules);
});
