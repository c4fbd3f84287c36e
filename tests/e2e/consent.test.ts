import { AGENCY } from '../../seeds/demo-consortium';
import { demoChild, rowCounts } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let atAdelBeck: string;
beforeAll(async () => {
  hub = await startTestHub();
  atAdelBeck = await demoChild(hub.db, { authority: 'LEEDS', establishment: AGENCY.adelBeck, status: 'IN_CUSTODY' });
});
afterAll(() => hub?.stop());

const HEALTH = `query($id: ID!) { child(id: $id) { id health { status } access { scope shared reason } } }`;
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id scope status recipientAgency { code } } }`;
const WITHDRAW = `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id status withdrawalReason } }`;
const HISTORY = `query($id: ID!) { consentHistory(childId: $id) { id scope status recipientAgency { id } } }`;

type HealthAnswer = { child: { health: unknown; access: { scope: string; shared: boolean; reason: string | null }[] } };
const healthAccess = (body: { data?: HealthAnswer | null }) => body.data?.child.access.find((a) => a.scope === 'HEALTH');

function consentInput(overrides: Record<string, unknown> = {}) {
  return {
    childId: atAdelBeck,
    scopes: ['HEALTH'],
    recipientAgencyId: AGENCY.adelBeck,
    givenBy: 'CHILD',
    givenAt: new Date(Date.now() - 3_600_000).toISOString(),
    explanation: 'Your nurse here will see your health notes so your medication carries on after you leave.',
    ...overrides,
  };
}

describe('withdrawing consent', () => {
  it('makes the very next Adel Beck read of health fields null with CONSENT_WITHDRAWN, without a restart', async () => {
    const before = await hub.query<HealthAnswer>(HEALTH, { as: 'adelbeck.cw', variables: { id: atAdelBeck } });
    expect(before.body.data?.child.health).not.toBeNull();
    expect(healthAccess(before.body)).toEqual({ scope: 'HEALTH', shared: true, reason: null });

    const history = await hub.query<{ consentHistory: { id: string; scope: string; status: string; recipientAgency: { id: string } | null }[] }>(
      HISTORY, { as: 'leeds.cm', variables: { id: atAdelBeck } },
    );
    const healthConsent = history.body.data!.consentHistory.find(
      (c) => c.scope === 'HEALTH' && c.status === 'ACTIVE' && c.recipientAgency?.id === AGENCY.adelBeck,
    );
    expect(healthConsent).toBeDefined();

    const withdrawn = await hub.query(WITHDRAW, {
      as: 'leeds.cm',
      variables: { input: { consentId: healthConsent!.id, reason: 'The child asked for health notes to stay with the nurse only' } },
    });
    expect(withdrawn.body.errors).toBeUndefined();

    const after = await hub.query<HealthAnswer>(HEALTH, { as: 'adelbeck.cw', variables: { id: atAdelBeck } });
    expect(after.body.data?.child.health).toBeNull();
    expect(after.body.errors?.[0]).toMatchObject({ path: ['child', 'health'], extensions: { code: 'FORBIDDEN', reason: 'CONSENT_WITHDRAWN' } });
    expect(healthAccess(after.body)).toEqual({ scope: 'HEALTH', shared: false, reason: 'CONSENT_WITHDRAWN' });

    const again = await hub.query(WITHDRAW, { as: 'leeds.cm', variables: { input: { consentId: healthConsent!.id, reason: 'twice' } } });
    expect(again.body.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('keeps the withdrawn record in the history, and a new consent restores access', async () => {
    const recorded = await hub.query<{ recordConsent: { status: string; recipientAgency: { code: string } }[] }>(RECORD, {
      as: 'adelbeck.cw',
      variables: { input: consentInput() },
    });
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data?.recordConsent).toEqual([{ id: expect.any(String), scope: 'HEALTH', status: 'ACTIVE', recipientAgency: { code: 'ADEL_BECK_SCH' } }]);
    const after = await hub.query<HealthAnswer>(HEALTH, { as: 'adelbeck.cw', variables: { id: atAdelBeck } });
    expect(healthAccess(after.body)?.shared).toBe(true);
    const history = await hub.query<{ consentHistory: { scope: string; status: string }[] }>(HISTORY, { as: 'dpo', variables: { id: atAdelBeck } });
    expect(history.body.data?.consentHistory.filter((c) => c.scope === 'HEALTH').map((c) => c.status)).toEqual(
      expect.arrayContaining(['ACTIVE', 'WITHDRAWN']),
    );
  });

  it('answers CONSENT_EXPIRED once the only consent has expired', async () => {
    await hub.db.query(
      `UPDATE consent SET withdrawn_at = now(), withdrawal_reason = 'test reset' WHERE child_id = $1 AND scope = 'health' AND withdrawn_at IS NULL`,
      [atAdelBeck],
    );
    await hub.db.query(
      `INSERT INTO consent (id, child_id, scope, recipient_agency_id, given_by, given_at, expires_at, explanation, recorded_by_user_id, recorded_by_agency_id)
       SELECT gen_random_uuid(), $1, 'health', $2, 'CHILD', now() - interval '30 minutes', now() - interval '1 minute',
              'An older consent that has now run out.', u.id, $2 FROM staff_user u WHERE u.username = 'adelbeck.cw'`,
      [atAdelBeck, AGENCY.adelBeck],
    );
    const after = await hub.query<HealthAnswer>(HEALTH, { as: 'adelbeck.cw', variables: { id: atAdelBeck } });
    expect(healthAccess(after.body)).toEqual({ scope: 'HEALTH', shared: false, reason: 'CONSENT_EXPIRED' });
  });
});

describe('recording consent refuses bad input and changes nothing', () => {
  it.each([
    ['a child that does not exist', { childId: '00000000-0000-4000-8000-00000000dead' }, 'NOT_FOUND'],
    ['an id that is not a UUID', { childId: 'child-1' }, 'VALIDATION_FAILED'],
    ['an unknown scope', { scopes: ['HOROSCOPE'] }, 'VALIDATION_FAILED'],
    ['no scopes', { scopes: [] }, 'VALIDATION_FAILED'],
    ['both recipient kinds', { recipientAgencyType: 'SECURE_ESTABLISHMENT' }, 'VALIDATION_FAILED'],
    ['neither recipient kind', { recipientAgencyId: null }, 'VALIDATION_FAILED'],
    ['a recipient outside the consortium', { recipientAgencyId: '00000000-0000-4000-8000-00000000beef' }, 'VALIDATION_FAILED'],
    ['consent given in the future', { givenAt: new Date(Date.now() + 86_400_000).toISOString() }, 'VALIDATION_FAILED'],
    ['expiry before it was given', { expiresAt: new Date(Date.now() - 7_200_000).toISOString() }, 'VALIDATION_FAILED'],
    ['a one-word explanation', { explanation: 'ok' }, 'VALIDATION_FAILED'],
  ])('%s', async (_name, overrides, code) => {
    const before = await rowCounts(hub.db, ['consent']);
    const { body } = await hub.query(RECORD, { as: 'leeds.cm', variables: { input: consentInput(overrides) } });
    expect(body.errors?.[0].extensions?.code).toBe(code);
    expect(await rowCounts(hub.db, ['consent'])).toEqual(before);
  });

  it('refuses Sheffield recording consent for a Leeds child as if the child did not exist', async () => {
    const before = await rowCounts(hub.db, ['consent']);
    const { body } = await hub.query(RECORD, { as: 'sheffield.cm', variables: { input: consentInput() } });
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await rowCounts(hub.db, ['consent'])).toEqual(before);
  });

  it('refuses a role that may not record consent', async () => {
    const referred = await demoChild(hub.db, { sql: `c.id IN (SELECT child_id FROM accommodation_request)` });
    const { body } = await hub.query(RECORD, { as: 'housing.leeds', variables: { input: consentInput({ childId: referred }) } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
  });
});
