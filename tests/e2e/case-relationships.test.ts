import { AGENCY, yjsIdFor } from '../../seeds/demo-consortium';
import { demoUserId } from '../../seeds/demo-users';
import { SUBGRAPH_NAMES } from '../../src/shared/config';
import { demoChild } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const CHILD = `query($id: ID!) { child(id: $id) { id identity { familyName } caseManagement { custody { releaseDate } } access { scope shared reason } } }`;
const LIST = `query($after: String) { children(first: 100, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

async function visibleIds(as: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { body: { data?: { children: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } } =
      await hub.query(LIST, { as, variables: { after } });
    const children = page.body.data!.children;
    ids.push(...children.edges.map((e) => e.node.id));
    if (!children.pageInfo.hasNextPage) {
      expect(ids).toHaveLength(children.totalCount);
      return ids;
    }
    after = children.pageInfo.endCursor;
  }
}

it('lets a youth justice service see its own children and no others', async () => {
  const leeds: string[] = (await hub.db.query(`SELECT id FROM child WHERE home_yjs_agency_id = $1`, [yjsIdFor('LEEDS')])).map((r: { id: string }) => r.id);
  expect((await visibleIds('leeds.cm')).sort()).toEqual(leeds.sort());
});

it('hides a Leeds child from Sheffield exactly as if it did not exist', async () => {
  const leedsChild = await demoChild(hub.db, { authority: 'LEEDS' });
  const hidden = await hub.query(CHILD, { as: 'sheffield.cm', variables: { id: leedsChild } });
  const missing = await hub.query(CHILD, { as: 'sheffield.cm', variables: { id: '00000000-0000-4000-8000-00000000f00d' } });
  expect(hidden.body.errors?.[0]).toMatchObject({ message: missing.body.errors?.[0].message, extensions: { code: 'NOT_FOUND' } });
  expect(hidden.body.data).toEqual(missing.body.data);
});

it('shows a housing provider only the child referred to it, minimised to identity and accommodation', async () => {
  const referred: string[] = (
    await hub.db.query(
      `SELECT q.child_id AS id FROM accommodation_request q JOIN accommodation_request_recipient r ON r.request_id = q.id WHERE r.provider_agency_id = $1`,
      [AGENCY.leedsHousingOptions],
    )
  ).map((r: { id: string }) => r.id);
  expect(referred.length).toBeGreaterThan(0);
  expect(await visibleIds('housing.leeds')).toEqual(referred);
  const { body } = await hub.query<{ child: { access: { scope: string; shared: boolean }[] } }>(CHILD, { as: 'housing.leeds', variables: { id: referred[0] } });
  expect(body.data?.child.access.filter((a) => a.shared).map((a) => a.scope).sort()).toEqual(['ACCOMMODATION', 'IDENTITY']);
  expect(body.errors?.map((e) => e.path?.join('.'))).toEqual(['child.caseManagement']);
});

it('ends a housing provider’s access when its part ends', async () => {
  const [recipient] = await hub.db.query(`SELECT r.id, q.child_id FROM accommodation_request_recipient r JOIN accommodation_request q ON q.id = r.request_id WHERE r.provider_agency_id = $1`, [AGENCY.youthHousingTrust]);
  expect((await visibleIds('housing.wyyh'))).toContain(recipient.child_id);
  await hub.db.query(`UPDATE accommodation_request_recipient SET status = 'DECLINED', access_ends_at = now() - interval '1 second' WHERE id = $1`, [recipient.id]);
  expect(await visibleIds('housing.wyyh')).toEqual([]);
  const { body } = await hub.query(CHILD, { as: 'housing.wyyh', variables: { id: recipient.child_id } });
  expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

it('never shows offence or safeguarding data to an education provider, even with a case involvement', async () => {
  const [involvement] = await hub.db.query(`SELECT child_id FROM case_involvement WHERE agency_id = $1`, [AGENCY.calderCollege]);
  const { body } = await hub.query<{ child: { access: { scope: string; shared: boolean; reason: string | null }[] } }>(CHILD, {
    as: 'college.ete',
    variables: { id: involvement.child_id },
  });
  const byScope = Object.fromEntries(body.data!.child.access.map((a) => [a.scope, a]));
  expect(byScope.OFFENCE_RISK.shared).toBe(false);
  expect(byScope.SAFEGUARDING.shared).toBe(false);
  expect(byScope.ETE.shared).toBe(true);
  expect(byScope.CUSTODY.shared).toBe(false);
});

it('gives the establishment holding a child access, and its previous one read-only for a while', async () => {
  const moved = await demoChild(hub.db, { sql: `e.id IN (SELECT custody_episode_id FROM establishment_transfer)` });
  await backdateTransfer(moved, 5);
  const former = await hub.query<{ child: { id: string } }>(CHILD, { as: 'adelbeck.cw', variables: { id: moved } });
  expect(former.body.data?.child.id).toBe(moved);
  await backdateTransfer(moved, 45);
  const later = await hub.query(CHILD, { as: 'adelbeck.cw', variables: { id: moved } });
  expect(later.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

it('lets probation see a child once a transfer to it is open, and not after it is cancelled', async () => {
  const [transfer] = await hub.db.query(`SELECT id, child_id FROM probation_transfer`);
  expect(await visibleIds('probation.pp')).toEqual([transfer.child_id]);
  await hub.db.query(`UPDATE probation_transfer SET status = 'CANCELLED' WHERE id = $1`, [transfer.id]);
  expect(await visibleIds('probation.pp')).toEqual([]);
});

describe('team cover', () => {
  const GRANT = `mutation($input: GrantTeamCoverInput!) { grantTeamCover(input: $input) { id expiresAt } }`;

  it('gives a named colleague time-limited access, audited when granted and when used', async () => {
    const child = await demoChild(hub.db, { authority: 'LEEDS', sql: `c.id NOT IN (SELECT child_id FROM accommodation_request)` });
    expect((await hub.query(CHILD, { as: 'sheffield.cm', variables: { id: child } })).body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const granted = await hub.query<{ grantTeamCover: { id: string } }>(GRANT, {
      as: 'leeds.cm',
      variables: { input: { childId: child, granteeUserId: demoUserId('sheffield.cm'), reason: 'Covering while on leave', days: 7 } },
    });
    expect(granted.body.errors).toBeUndefined();
    const covered = await hub.query<{ child: { identity: { familyName: string } } }>(CHILD, { as: 'sheffield.cm', variables: { id: child } });
    expect(covered.body.data?.child.identity.familyName).toEqual(expect.any(String));
    const grantId = granted.body.data!.grantTeamCover.id;
    const [use] = await hub.db.query(
      `SELECT justification FROM audit_event WHERE actor_id = $1 AND operation = 'CONSULT' AND outcome = 'ALLOWED' AND $2 = ANY(child_ids) ORDER BY seq DESC LIMIT 1`,
      [demoUserId('sheffield.cm'), child],
    );
    expect(use.justification.grantIds).toContain(grantId);
    const [grantEntry] = await hub.db.query(`SELECT outcome FROM audit_event WHERE operation = 'TEAM_COVER_GRANT' AND justification->'grantIds' ? $1`, [grantId]);
    expect(grantEntry.outcome).toBe('ALLOWED');

    await hub.db.query(`UPDATE team_cover_grant SET starts_at = now() - interval '9 days', expires_at = now() - interval '1 second' WHERE id = $1`, [grantId]);
    expect((await hub.query(CHILD, { as: 'sheffield.cm', variables: { id: child } })).body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses cover longer than the consortium allows, and from someone outside the case', async () => {
    const child = await demoChild(hub.db, { authority: 'LEEDS' });
    const tooLong = await hub.query(GRANT, { as: 'leeds.cm', variables: { input: { childId: child, granteeUserId: demoUserId('sheffield.cm'), reason: 'Long leave', days: 60 } } });
    expect(tooLong.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'days' });
    const outsider = await hub.query(GRANT, { as: 'bradford.cm', variables: { input: { childId: child, granteeUserId: demoUserId('sheffield.cm'), reason: 'Not my case', days: 3 } } });
    expect(outsider.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('each subgraph reached directly answers exactly as through the gateway', () => {
  it('child(id) from the cases subgraph', async () => {
    const child = await demoChild(hub.db, { authority: 'LEEDS', establishment: AGENCY.adelBeck });
    const q = `query($id: ID!) { child(id: $id) { id identity { familyName age } health { status } access { scope shared reason } } }`;
    for (const as of ['adelbeck.cw', 'housing.leeds', 'sheffield.cm', 'leeds.cm']) {
      const viaGateway = await hub.query(q, { as, variables: { id: child } });
      const direct = await hub.query(q, { as, variables: { id: child }, service: 'cases' });
      expect({ as, body: stripCorrelation(direct.body) }).toEqual({ as, body: stripCorrelation(viaGateway.body) });
    }
  });

  it('_entities(Child) applies the same rules as child(id)', async () => {
    const leedsChild = await demoChild(hub.db, { authority: 'LEEDS' });
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Child { id identity { familyName } } } }`;
    const asSheffield = await hub.query<{ _entities: unknown[] }>(q, { as: 'sheffield.cm', service: 'cases', variables: { r: [{ __typename: 'Child', id: leedsChild }] } });
    expect(asSheffield.body.data?._entities).toEqual([null]);
    const asLeeds = await hub.query<{ _entities: { id: string }[] }>(q, { as: 'leeds.cm', service: 'cases', variables: { r: [{ __typename: 'Child', id: leedsChild }] } });
    expect(asLeeds.body.data?._entities[0].id).toBe(leedsChild);
  });

  it.each(SUBGRAPH_NAMES)('%s refuses an unauthenticated _entities call', async (service) => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`;
    const { body } = await hub.query(q, { service, variables: { r: [] } });
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

/** Correlation ids differ per call, and locations point into the query each server was sent. */
function stripCorrelation(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value) => (key === 'correlationId' || key === 'locations' ? undefined : value));
}

/** Transfers are append-only; the test moves time instead, as a superuser bypassing the trigger. */
async function backdateTransfer(childId: string, daysAgo: number): Promise<void> {
  await hub.db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(
      `UPDATE establishment_transfer SET transferred_on = current_date - $2::int
        WHERE custody_episode_id IN (SELECT id FROM custody_episode WHERE child_id = $1)`,
      [childId, daysAgo],
    );
  });
}
