import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPartnerSync } from '../helpers/partner-sync';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-sync-'));
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sync = (records: unknown[]) => runPartnerSync(hub, dir, records);

it('the partner-sync example pushes its records, pulls the feed from its cursor, and a re-run writes and pulls nothing twice', async () => {
  const [child] = await hub.db.query(`SELECT id FROM child WHERE home_local_authority_code = 'LEEDS' ORDER BY id LIMIT 1`);
  const records = [{ externalReference: 'EX-1', childId: child.id, pathway: 'CASE_MANAGEMENT', status: 'IN_PROGRESS', summary: 'Plan agreed' }];

  const first = await sync(records);
  expect(first.pushed).toEqual([{ externalReference: 'EX-1', outcome: 'CREATED', error: null }]);
  const [ref] = await hub.db.query(`SELECT entity_id FROM partner_reference WHERE external_ref = 'EX-1'`);
  const expected = { entityType: 'PATHWAY_UPDATE', entityId: ref.entity_id, childId: child.id, fetched: true };
  // A change reaches the feed once every older transaction on the server has ended; other test
  // files' transactions can hold it back a moment, so keep pulling (as a partner would).
  const pulled = [...first.pulled];
  for (let attempt = 0; attempt < 40 && !pulled.some((p) => p.entityId === expected.entityId); attempt++) {
    await new Promise((r) => setTimeout(r, 250));
    pulled.push(...(await sync([])).pulled);
  }
  expect(pulled).toContainEqual(expected);
  expect(new Set(pulled.map((p) => `${p.entityType}:${p.entityId}`)).size).toBe(pulled.length);
  const count = async () => (await hub.db.query(`SELECT count(*)::int AS n FROM pathway_update`))[0].n as number;
  const before = await count();

  const second = await sync(records);
  expect(second.pushed).toEqual([{ externalReference: 'EX-1', outcome: 'CREATED', error: null }]); // the replayed first answer
  expect(second.pulled).toEqual([]);
  expect(await count()).toBe(before);
});
