import { startTestHub, type TestHub } from '../helpers/test-hub';
import { AGENCIES, LOCAL_AUTHORITIES } from '../../seeds/demo-consortium';
import { DOCUMENTED_USERS } from '../../seeds/demo-users';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const ME = '{ me { kind handle roles scopes agency { code name type localAuthority { code } } } }';

describe('me', () => {
  it('answers Leeds YJS for leeds.cm through the gateway', async () => {
    const { body } = await hub.query(ME, { as: 'leeds.cm' });
    expect(body.errors).toBeUndefined();
    expect(body.data?.me).toEqual({
      kind: 'USER',
      handle: 'leeds.cm',
      roles: ['CASE_MANAGER'],
      scopes: [],
      agency: { code: 'LEEDS_YJS', name: 'Leeds Youth Justice Service', type: 'YOUTH_JUSTICE_SERVICE', localAuthority: { code: 'LEEDS' } },
    });
  });

  it.each(DOCUMENTED_USERS.map((u) => [u.username, u.agency_id]))('knows %s and their agency', async (username, agencyId) => {
    const { body } = await hub.query<{ me: { handle: string; agency: { code: string } } }>(ME, { as: username });
    const expectedCode = AGENCIES.find((a) => a.id === agencyId)?.code;
    expect(body.data?.me.handle).toBe(username);
    expect(body.data?.me.agency.code).toBe(expectedCode);
  });

  it('answers a machine client with its agency and scopes', async () => {
    const { body } = await hub.query<{ me: { kind: string; scopes: string[]; agency: { code: string } } }>(ME, { as: 'leeds-cms' });
    expect(body.data?.me).toMatchObject({ kind: 'CLIENT', handle: 'leeds-cms', agency: { code: 'LEEDS_YJS' } });
    expect(body.data?.me.scopes.length).toBeGreaterThan(0);
  });

  it('gives the same answer from the sharing subgraph reached directly', async () => {
    const viaGateway = await hub.query(ME, { as: 'wetherby.cw' });
    const direct = await hub.query(ME, { as: 'wetherby.cw', service: 'sharing' });
    expect(direct.body).toEqual(viaGateway.body);
  });
});

describe('agencies', () => {
  it('lists the consortium’s agencies, one youth justice service per member authority', async () => {
    const { body } = await hub.query<{ agencies: { code: string }[] }>('{ agencies { code } }', { as: 'swyrc.lw' });
    expect(body.data?.agencies.map((a) => a.code).sort()).toEqual(AGENCIES.map((a) => a.code).sort());
    const yjs = await hub.query<{ agencies: { localAuthority: { code: string } }[] }>(
      '{ agencies(type: YOUTH_JUSTICE_SERVICE) { localAuthority { code } } }',
      { as: 'swyrc.lw' },
    );
    expect(yjs.body.data?.agencies.map((a) => a.localAuthority.code).sort()).toEqual(LOCAL_AUTHORITIES.map((la) => la.code).sort());
  });

  it('refuses an id that is not a UUID with VALIDATION_FAILED naming the argument', async () => {
    const { body } = await hub.query('{ agency(id: "1 OR 1=1") { code } }', { as: 'leeds.cm' });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
  });

  it('answers NOT_FOUND for an unknown agency', async () => {
    const { body } = await hub.query('{ agency(id: "00000000-0000-4000-8000-000000000000") { code } }', { as: 'leeds.cm' });
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('resolves Agency references through _entities under the same rules', async () => {
    const id = AGENCIES[0].id;
    const { body } = await hub.query<{ _entities: ({ code: string } | null)[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { code } } }',
      { as: 'leeds.cm', service: 'sharing', variables: { r: [{ __typename: 'Agency', id }, { __typename: 'Agency', id: 'nope' }] } },
    );
    expect(body.data?._entities).toEqual([{ code: AGENCIES[0].code }, null]);
  });
});
