import { randomUUID } from 'node:crypto';
import { addCalendarDays, workingDaysBetween } from '../../src/shared/calendar/working-days';
import { signToken } from '../../src/shared/auth/token-signer';
import { parseConsortiumSettings } from '../../src/shared/policy/consortium-settings';
import { recomputeDeadlines } from '../../src/subgraphs/cases/deadlines/deadline-recompute';
import { yjsIdFor } from '../../seeds/demo-consortium';
import { demoUserId } from '../../seeds/demo-users';
import { demoChild, rowCounts } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let leedsChild: string;
let today: string;

/** The hub's clock: request time in UTC, as ctx.access.clock.today. */
const utcToday = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  hub = await startTestHub();
  today = utcToday();
  leedsChild = await demoChild(hub.db, { authority: 'LEEDS', status: 'IN_CUSTODY', sentenced: true });
  // Release brought forward to ten days from now with accommodation at risk: the accommodation
  // deadline (a month before release) has passed, and the 14-day escalation has been reached.
  await hub.db.query(
    `INSERT INTO pathway_update (id, child_id, pathway, status, summary, responsible_agency_id, recorded_by_user_id, recorded_at)
     VALUES ($1, $2, 'ACCOMMODATION', 'AT_RISK', 'Placement offer withdrawn', $3, $4, now())`,
    [randomUUID(), leedsChild, yjsIdFor('LEEDS'), demoUserId('leeds.cm')],
  );
  await hub.db.query(`UPDATE custody_episode SET release_date = $2 WHERE child_id = $1 AND status = 'IN_CUSTODY'`, [
    leedsChild,
    addCalendarDays(today, 10),
  ]);
  await recomputeDeadlines(hub.db.manager, leedsChild, today, parseConsortiumSettings({}));
});
afterAll(() => hub?.stop());

const ALERTS = `query($status: AlertStatusFilter, $first: Int, $after: String) {
  alerts(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind status title ruleCode stage level addressedToRole addressedTo { id } child { id } dueAt version acknowledgedAt } }
  }
}`;
const ACKNOWLEDGE = `mutation($id: ID!, $version: Int) { acknowledgeAlert(id: $id, version: $version) { id status acknowledgedAt version } }`;
const DEADLINES = `query($id: ID!) { child(id: $id) { deadlines { ruleCode title pathway dueOn status daysRemaining ownerRole history { kind } } } }`;

interface AlertNode {
  id: string;
  kind: string;
  status: string;
  title: string;
  ruleCode: string | null;
  stage: string | null;
  level: number | null;
  addressedToRole: string;
  addressedTo: { id: string };
  child: { id: string } | null;
  version: number;
  acknowledgedAt: string | null;
}
type AlertsAnswer = { alerts: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: AlertNode }[] } };

async function alertsOf(as: string, variables: Record<string, unknown> = {}) {
  const { body } = await hub.query<AlertsAnswer>(ALERTS, { as, variables: { first: 100, ...variables } });
  expect(body.errors).toBeUndefined();
  return body.data!.alerts;
}

const accommodationAlert = (nodes: AlertNode[]) =>
  nodes.filter((n) => n.child?.id === leedsChild && n.ruleCode === 'ACCOMMODATION_CONFIRMED');

describe('alerts', () => {
  it('tell the Leeds DCS, case manager and the consortium link worker that accommodation is not confirmed, once each', async () => {
    for (const [user, role] of [['leeds.dcs', 'DIRECTOR_OF_CHILDRENS_SERVICES'], ['leeds.cm', 'CASE_MANAGER'], ['swyrc.lw', 'LINK_WORKER']]) {
      const found = accommodationAlert((await alertsOf(user)).edges.map((e) => e.node));
      expect(found).toEqual([
        expect.objectContaining({
          kind: 'DEADLINE_ESCALATED', status: 'OPEN', stage: 'ESCALATED_14_DAYS_BEFORE_RELEASE', level: 3, addressedToRole: role,
          title: 'Suitable accommodation confirmed: escalated 14 days before release',
        }),
      ]);
    }
  });

  it('are only those addressed to the caller’s agency: Sheffield sees none about Leeds children, and cannot acknowledge one', async () => {
    const sheffield = await alertsOf('sheffield.cm', { status: 'ALL' });
    expect(sheffield.totalCount).toBeGreaterThan(0);
    const childIds = [...new Set(sheffield.edges.map((e) => e.node.child?.id))];
    const homes: { code: string }[] = await hub.db.query(
      `SELECT DISTINCT home_local_authority_code AS code FROM child WHERE id = ANY($1::uuid[])`,
      [childIds],
    );
    expect(homes).toEqual([{ code: 'SHEFFIELD' }]);

    const [leeds] = accommodationAlert((await alertsOf('leeds.cm')).edges.map((e) => e.node));
    const before = await rowCounts(hub.db, ['alert']);
    const { body } = await hub.query(ACKNOWLEDGE, { as: 'sheffield.cm', variables: { id: leeds.id } });
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [row] = await hub.db.query(`SELECT acknowledged_at FROM alert WHERE id = $1`, [leeds.id]);
    expect(row.acknowledged_at).toBeNull();
    expect(await rowCounts(hub.db, ['alert'])).toEqual(before);
  });

  it('are refused to a role that receives none', async () => {
    const { body } = await hub.query(ALERTS, { as: 'housing.leeds' });
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('page newest first with cursors, without repeating an alert', async () => {
    const all = await alertsOf('leeds.cm', { status: 'ALL' });
    expect(all.totalCount).toBeGreaterThan(2);
    const first = await alertsOf('leeds.cm', { status: 'ALL', first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await alertsOf('leeds.cm', { status: 'ALL', first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(all.edges.slice(0, 4).map((e) => e.node.id));
    const bad = await hub.query(ALERTS, { as: 'leeds.cm', variables: { after: 'not-a-cursor' } });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });
});

describe('acknowledging an alert', () => {
  it('is idempotent, refuses a stale version, and is audited as ALTER', async () => {
    const [alert] = accommodationAlert((await alertsOf('leeds.dcs')).edges.map((e) => e.node));
    const stale = await hub.query(ACKNOWLEDGE, { as: 'leeds.dcs', variables: { id: alert.id, version: alert.version + 1 } });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: alert.version });

    const [{ seq }] = await hub.db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM audit_event`);
    const first = await hub.query<{ acknowledgeAlert: { status: string; acknowledgedAt: string; version: number } }>(ACKNOWLEDGE, {
      as: 'leeds.dcs',
      variables: { id: alert.id, version: alert.version },
    });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.acknowledgeAlert).toMatchObject({ status: 'ACKNOWLEDGED', version: alert.version + 1 });
    const again = await hub.query<{ acknowledgeAlert: { acknowledgedAt: string; version: number } }>(ACKNOWLEDGE, {
      as: 'leeds.dcs',
      variables: { id: alert.id, version: alert.version },
    });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data?.acknowledgeAlert).toEqual(first.body.data?.acknowledgeAlert);

    const audit = await hub.db.query(
      `SELECT operation, outcome, child_ids::text[] AS child_ids, actor_id FROM audit_event WHERE seq > $1 AND resource = $2 ORDER BY seq`,
      [seq, `alert:${alert.id}`],
    );
    expect(audit).toContainEqual({ operation: 'ALTER', outcome: 'ALLOWED', child_ids: [leedsChild], actor_id: demoUserId('leeds.dcs') });
    expect(audit.filter((a: { operation: string }) => a.operation === 'ALTER')).toHaveLength(1);

    expect(accommodationAlert((await alertsOf('leeds.dcs')).edges.map((e) => e.node))).toEqual([]);
    expect(accommodationAlert((await alertsOf('leeds.dcs', { status: 'ACKNOWLEDGED' })).edges.map((e) => e.node))).toHaveLength(1);
    // The case manager's own copy is still open: acknowledging is per addressee.
    expect(accommodationAlert((await alertsOf('leeds.cm')).edges.map((e) => e.node))).toHaveLength(1);
  });

  it('needs the role’s permission to update alerts: a link worker may read but not acknowledge', async () => {
    const [alert] = accommodationAlert((await alertsOf('swyrc.lw')).edges.map((e) => e.node));
    const { body } = await hub.query(ACKNOWLEDGE, { as: 'swyrc.lw', variables: { id: alert.id } });
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [row] = await hub.db.query(`SELECT acknowledged_at FROM alert WHERE id = $1`, [alert.id]);
    expect(row.acknowledged_at).toBeNull();
  });

  it('rejects an id that is not a UUID', async () => {
    const { body } = await hub.query(ACKNOWLEDGE, { as: 'leeds.cm', variables: { id: 'alert-1' } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
  });
});

describe('Child.deadlines', () => {
  type DeadlinesAnswer = { child: { deadlines: { ruleCode: string; pathway: string; dueOn: string; status: string; daysRemaining: number; ownerRole: string; history: { kind: string }[] }[] | null } };

  it('shows the case manager each clock with working days remaining, and the move that made it overdue', async () => {
    const { body } = await hub.query<DeadlinesAnswer>(DEADLINES, { as: 'leeds.cm', variables: { id: leedsChild } });
    expect(body.errors).toBeUndefined();
    const found = body.data!.child.deadlines!;
    const accommodation = found.find((d) => d.ruleCode === 'ACCOMMODATION_CONFIRMED')!;
    expect(accommodation).toMatchObject({ pathway: 'ACCOMMODATION', status: 'MISSED', ownerRole: 'CASE_MANAGER' });
    expect(accommodation.daysRemaining).toBe(workingDaysBetween(today, accommodation.dueOn));
    expect(accommodation.daysRemaining).toBeLessThan(0);
    expect(accommodation.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['MOVED']));
    expect(found.map((d) => d.dueOn)).toEqual([...found.map((d) => d.dueOn)].sort());
  });

  it('leaves out the accommodation deadlines for a role that sees custody but not accommodation', async () => {
    const officer = randomUUID();
    await hub.db.query(
      `INSERT INTO staff_user (id, username, display_name, agency_id, roles) VALUES ($1, 'leeds.info', 'Leeds YJS information officer', $2, '{INFORMATION_OFFICER}')`,
      [officer, yjsIdFor('LEEDS')],
    );
    const token = signToken({ sub: officer, typ: 'user' }, hub.keys.signingKey!, hub.config.jwt, 600);
    const { body } = await hub.query<DeadlinesAnswer>(DEADLINES, { token, variables: { id: leedsChild } });
    expect(body.errors).toBeUndefined();
    const pathways = new Set(body.data!.child.deadlines!.map((d) => d.pathway));
    expect([...pathways]).toEqual(['CASE_MANAGEMENT']);
  });

  it('is custody data: refused with FORBIDDEN to a housing provider that sees the child only for its referral', async () => {
    const referred = await demoChild(hub.db, { sql: `c.id IN (SELECT child_id FROM accommodation_request)` });
    const { body } = await hub.query<DeadlinesAnswer>(DEADLINES, { as: 'housing.leeds', variables: { id: referred } });
    expect(body.data?.child.deadlines).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ path: ['child', 'deadlines'], extensions: { code: 'FORBIDDEN' } });
  });
});
