import { DEMO_CLIENTS, demoUserId } from '../../seeds/demo-users';
import { loadPrincipal } from '../../src/shared/auth/principal';
import { AccessControl } from '../../src/shared/policy/access-control';
import { decideChildAccess } from '../../src/shared/policy/child-access-decision';
import { ALL_CHILD_FACTS, loadChildAccessFacts } from '../../src/shared/policy/child-access-facts';
import { loadPolicySet } from '../../src/shared/policy/policy-loader';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// A request decides children on the facts its own rules read, not every fact (each is a subquery
// per child). These check that this changes no decision, and that whoever needs every fact gets it.
let hub: TestHub;
let childIds: string[];
beforeAll(async () => {
  hub = await startTestHub();
  childIds = ((await hub.db.query('SELECT id FROM child ORDER BY id')) as { id: string }[]).map((r) => r.id);
});
afterAll(() => hub?.stop());

const policy = loadPolicySet();
const leedsCms = DEMO_CLIENTS.find((c) => c.client_id === 'leeds-cms')!.id;
const PRINCIPALS: [string, { sub: string; typ: 'user' | 'client' }][] = [
  ...['leeds.cm', 'swyrc.lw', 'housing.leeds', 'wetherby.cw', 'leeds.om', 'probation.pp', 'college.ete', 'leeds.dcs', 'dpo'].map(
    (u) => [u, { sub: demoUserId(u), typ: 'user' as const }] as [string, { sub: string; typ: 'user' }],
  ),
  ['leeds-cms', { sub: leedsCms, typ: 'client' }],
];

const accessFor = async (claims: { sub: string; typ: 'user' | 'client' }) =>
  new AccessControl(await loadPrincipal(hub.db, claims), policy, new Date());

it.each(PRINCIPALS)('decides every demo child for %s exactly as it would on every fact', async (_name, claims) => {
  const access = await accessFor(claims);
  const decisions = await access.decide(hub.db.manager, childIds);
  const everyFact = await loadChildAccessFacts(hub.db.manager, childIds);
  expect(decisions.size).toBe(childIds.length);
  for (const id of childIds) {
    const expected = decideChildAccess(access.ability, access.grants, everyFact.get(id)!, access.principal, access.clock);
    expect({ id, decision: decisions.get(id) }).toEqual({ id, decision: expected });
  }
});

it('loads fewer facts for a case system than there are, and housing referrals and team cover only for those whose rules read them', async () => {
  const cms = await accessFor({ sub: leedsCms, typ: 'client' });
  const housing = await accessFor({ sub: demoUserId('housing.leeds'), typ: 'user' });
  expect(cms.decisionFacts.length).toBeLessThan(ALL_CHILD_FACTS.length);
  expect(cms.decisionFacts).not.toContain('housingReferrals');
  expect(housing.decisionFacts).toContain('housingReferrals');
  // A partner system has no team cover, and the home service shares by agreement, not consent; the
  // secure establishment's staff have cover and read some scopes on consent or without it.
  for (const fact of ['teamCover', 'consents', 'withoutConsent'] as const) expect(cms.decisionFacts).not.toContain(fact);
  const establishment = await accessFor({ sub: demoUserId('wetherby.cw'), typ: 'user' });
  for (const fact of ['teamCover', 'consents', 'withoutConsent'] as const) expect(establishment.decisionFacts).toContain(fact);
});

it('gives every fact to whoever asks for them after a decision loaded only some', async () => {
  const cms = await accessFor({ sub: leedsCms, typ: 'client' });
  const [child] = childIds;
  await cms.decide(hub.db.manager, [child]);
  const facts = (await cms.factsFor(hub.db.manager, [child])).get(child)!;
  expect(Object.keys(facts).sort()).toEqual(['id', ...ALL_CHILD_FACTS].sort());
});
