import { randomUUID } from 'node:crypto';
import { rowCounts } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

interface ItemResult {
  index: number;
  externalReference: string;
  outcome: string;
  id: string | null;
  error: { code: string; field: string | null } | null;
}
interface UpsertAnswer {
  upsertPathwayUpdates: { replayed: boolean; items: ItemResult[] };
}

const UPSERT = `mutation ($input: UpsertPathwayUpdatesInput!) {
  upsertPathwayUpdates(input: $input) { replayed items { index externalReference outcome id error { code field } } }
}`;
const TABLES = ['pathway_update', 'partner_reference', 'timeline_event', 'idempotency_key'];

let hub: TestHub;
let leedsChild: string;
let sheffieldChild: string;
beforeAll(async () => {
  hub = await startTestHub();
  const first = async (la: string) => (await hub.db.query(`SELECT id FROM child WHERE home_local_authority_code = $1 ORDER BY id LIMIT 1`, [la]))[0].id as string;
  leedsChild = await first('LEEDS');
  sheffieldChild = await first('SHEFFIELD');
});
afterAll(() => hub?.stop());

const item = (ref: string, overrides: Record<string, unknown> = {}) => ({
  externalReference: ref, childId: leedsChild, pathway: 'CASE_MANAGEMENT', status: 'IN_PROGRESS', summary: 'Plan agreed at panel', ...overrides,
});

async function upsert(idempotencyKey: string, items: unknown[], as = 'leeds-cms') {
  return hub.query<UpsertAnswer>(UPSERT, { as, variables: { input: { idempotencyKey, items } } });
}

it('writes the good items of a batch and reports each bad item with its own error, writing nothing for it', async () => {
  const before = await rowCounts(hub.db, TABLES);
  const { body } = await upsert(`batch-${randomUUID()}`, [
    item('CMS-1001'),
    item('CMS-1002', { childId: sheffieldChild }),
    item('CMS-1003', { summary: '' }),
    item('bad reference!'),
    item('CMS-1001', { status: 'READY' }),
  ]);
  const results = body.data!.upsertPathwayUpdates.items;
  expect(results.map((r) => [r.outcome, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
    ['CREATED', null, null],
    ['FAILED', 'NOT_FOUND', null],
    ['FAILED', 'VALIDATION_FAILED', 'summary'],
    ['FAILED', 'VALIDATION_FAILED', 'externalReference'],
    ['FAILED', 'VALIDATION_FAILED', 'externalReference'],
  ]);
  expect(await rowCounts(hub.db, TABLES)).toEqual({
    pathway_update: before.pathway_update + 1,
    partner_reference: before.partner_reference + 1,
    timeline_event: before.timeline_event + 1,
    idempotency_key: before.idempotency_key + 1,
  });
  const [ref] = await hub.db.query(`SELECT entity_id FROM partner_reference WHERE external_ref = 'CMS-1001'`);
  expect(ref.entity_id).toBe(results[0].id);
});

it('answers a replayed batch with its first answer and writes nothing twice', async () => {
  const key = `replay-${randomUUID()}`;
  const items = [item('CMS-2001'), item('CMS-2002', { pathway: 'ETE' }), item('CMS-2003', { childId: sheffieldChild })];
  const first = await upsert(key, items);
  const afterFirst = await rowCounts(hub.db, TABLES);
  const second = await upsert(key, items);
  expect(second.body.data!.upsertPathwayUpdates).toEqual({ ...first.body.data!.upsertPathwayUpdates, replayed: true });
  expect(await rowCounts(hub.db, TABLES)).toEqual(afterFirst);
});

it('answers CONFLICT when a key is reused for a different batch, writing nothing', async () => {
  const key = `reuse-${randomUUID()}`;
  await upsert(key, [item('CMS-3001')]);
  const before = await rowCounts(hub.db, TABLES);
  const { body } = await upsert(key, [item('CMS-3002')]);
  expect(body.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(await rowCounts(hub.db, TABLES)).toEqual(before);
});

it('keys records by (agency, reference): same content is unchanged, new content appends and moves the reference', async () => {
  const created = (await upsert(`a-${randomUUID()}`, [item('CMS-4001')])).body.data!.upsertPathwayUpdates.items[0];
  const before = await rowCounts(hub.db, TABLES);
  const again = (await upsert(`b-${randomUUID()}`, [item('CMS-4001')])).body.data!.upsertPathwayUpdates.items[0];
  expect(again).toMatchObject({ outcome: 'UNCHANGED', id: created.id });
  expect(await rowCounts(hub.db, TABLES)).toMatchObject({ pathway_update: before.pathway_update });

  const changed = (await upsert(`c-${randomUUID()}`, [item('CMS-4001', { status: 'READY' })])).body.data!.upsertPathwayUpdates.items[0];
  expect(changed.outcome).toBe('UPDATED');
  expect(changed.id).not.toBe(created.id);
  const [ref] = await hub.db.query(`SELECT entity_id FROM partner_reference WHERE external_ref = 'CMS-4001'`);
  expect(ref.entity_id).toBe(changed.id);

  const moved = (await upsert(`d-${randomUUID()}`, [item('CMS-4001', { pathway: 'ETE' })])).body.data!.upsertPathwayUpdates.items[0];
  expect(moved).toMatchObject({ outcome: 'FAILED', error: { code: 'CONFLICT', field: 'externalReference' } });
});

it('accepts 500 items and refuses 501, writing nothing', async () => {
  const before = await rowCounts(hub.db, TABLES);
  const tooMany = Array.from({ length: 501 }, (_, i) => item(`CMS-5-${i}`));
  const refused = await upsert(`big-${randomUUID()}`, tooMany);
  expect(refused.body.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
  expect(await rowCounts(hub.db, TABLES)).toEqual(before);

  const accepted = await upsert(`big-${randomUUID()}`, tooMany.slice(0, 500));
  const outcomes = accepted.body.data!.upsertPathwayUpdates.items.map((r) => r.outcome);
  expect(outcomes).toEqual(Array(500).fill('CREATED'));
  expect((await rowCounts(hub.db, TABLES)).partner_reference).toBe(before.partner_reference + 500);
});

it('is for partner systems only', async () => {
  const before = await rowCounts(hub.db, TABLES);
  const { body } = await upsert(`user-${randomUUID()}`, [item('CMS-6001')], 'leeds.cm');
  expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await rowCounts(hub.db, TABLES)).toEqual(before);
});
