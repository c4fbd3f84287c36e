import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEMO_CLIENTS } from '../../seeds/demo-users';
import { startTestHub, type TestHub } from '../helpers/test-hub';

interface FeedChange {
  cursor: string;
  entityType: string;
  entityId: string;
  childId: string;
  operation: string;
  changedAt: string;
  query: string;
}
interface FeedPage {
  changes: { changes: FeedChange[]; endCursor: string; hasMore: boolean };
}

const FEED = `query ($since: String, $first: Int!) {
  changes(since: $since, first: $first) { changes { cursor entityType entityId childId operation changedAt query } endCursor hasMore }
}`;
const leedsCmsId = DEMO_CLIENTS.find((c) => c.client_id === 'leeds-cms')!.id;

let hub: TestHub;
let leedsChildren: string[];
let sheffieldChildren: string[];
let leedsYjs: string;
beforeAll(async () => {
  hub = await startTestHub();
  const ids = async (la: string) => ((await hub.db.query(`SELECT id FROM child WHERE home_local_authority_code = $1 ORDER BY id`, [la])) as { id: string }[]).map((r) => r.id);
  leedsChildren = await ids('LEEDS');
  sheffieldChildren = await ids('SHEFFIELD');
  leedsYjs = (await hub.db.query(`SELECT agency_id FROM machine_client WHERE id = $1`, [leedsCmsId]))[0].agency_id;
});
afterAll(() => hub?.stop());

async function read(since: string | null, first = 100, as = 'leeds-cms') {
  const { body } = await hub.query<FeedPage>(FEED, { as, variables: { since, first } });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.changes;
}

/** Reads the feed from `since` until it has nothing more ready now. */
async function drain(since: string | null): Promise<{ changes: FeedChange[]; cursor: string | null }> {
  const changes: FeedChange[] = [];
  let cursor = since;
  for (;;) {
    const page = await read(cursor, 200);
    changes.push(...page.changes);
    cursor = page.endCursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: hub.database.url });
  await client.connect();
  return client;
}

const insertPathwayUpdate = (db: Client, childId: string) =>
  db.query(
    `INSERT INTO pathway_update (id, child_id, pathway, status, summary, responsible_agency_id, recorded_by_client_id)
     VALUES ($1, $2, 'ETE', 'IN_PROGRESS', 'College place confirmed', $3, $4) RETURNING id`,
    [randomUUID(), childId, leedsYjs, leedsCmsId],
  ).then((r) => r.rows[0].id as string);

it('is only for partner systems holding changes:read', async () => {
  const { body } = await hub.query(FEED, { as: 'leeds.cm', variables: { since: null, first: 10 } });
  expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

it('refuses a cursor it did not give out', async () => {
  const { body } = await hub.query(FEED, { as: 'leeds-cms', variables: { since: 'bm90LWEtY3Vyc29y', first: 10 } });
  expect(body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'since' });
});

it('never shows leeds-cms a change about a Sheffield child, and carries ids only', async () => {
  const sheffieldUpdate = await hub.db.query(
    `INSERT INTO pathway_update (id, child_id, pathway, status, summary, responsible_agency_id, recorded_by_client_id)
     VALUES ($1, $2, 'HEALTH', 'AT_RISK', 'Sheffield note', (SELECT home_yjs_agency_id FROM child WHERE id = $2), $3) RETURNING id`,
    [randomUUID(), sheffieldChildren[0], leedsCmsId],
  );
  const { changes } = await drain(null);
  expect(changes.length).toBeGreaterThan(0);
  expect(changes.some((c) => leedsChildren.includes(c.childId))).toBe(true);
  expect(changes.filter((c) => sheffieldChildren.includes(c.childId))).toEqual([]);
  expect(changes.map((c) => c.entityId)).not.toContain(sheffieldUpdate[0].id);
  const names: { given_name: string; family_name: string }[] = await hub.db.query(`SELECT given_name, family_name FROM child`);
  const text = JSON.stringify(changes);
  for (const { given_name, family_name } of names) expect(text).not.toContain(`${given_name} ${family_name}`);
  expect(text).not.toContain('College place confirmed');
});

it('holds back a change until every transaction that started before it has ended, so a late commit is not skipped', async () => {
  const { cursor } = await drain(null);
  const early = await connect();
  const late = await connect();
  try {
    await early.query('BEGIN');
    const earlyId = await insertPathwayUpdate(early, leedsChildren[0]);
    const lateId = await insertPathwayUpdate(late, leedsChildren[1]); // autocommit: commits first

    expect((await read(cursor)).changes).toEqual([]);
    await early.query('COMMIT');
    // They appear once every older transaction on the server has ended (other test files' too).
    let after = await drain(cursor);
    for (let i = 0; i < 500 && after.changes.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await drain(cursor);
    }
    expect(after.changes.map((c) => c.entityId)).toEqual([earlyId, lateId]);
    expect(after.changes.every((c) => c.entityType === 'PATHWAY_UPDATE' && c.operation === 'INSERT')).toBe(true);
  } finally {
    await early.end();
    await late.end();
  }
});

it('delivers 1,000 changes made by concurrent writers exactly once, in commit order, while being read', async () => {
  const { cursor: start } = await drain(null);
  const WRITERS = 8;
  const PER_WRITER = 125;
  const written: string[] = [];
  const sheffieldWritten: string[] = [];
  let writing = true;

  const writer = async (n: number) => {
    const db = await connect();
    try {
      let done = 0;
      while (done < PER_WRITER) {
        const batch = Math.min(PER_WRITER - done, 1 + ((n + done) % 5));
        await db.query('BEGIN');
        const ids: string[] = [];
        for (let i = 0; i < batch; i++) ids.push(await insertPathwayUpdate(db, leedsChildren[(n + done + i) % leedsChildren.length]));
        if (done % 25 === 0) sheffieldWritten.push(await insertPathwayUpdate(db, sheffieldChildren[n % sheffieldChildren.length]));
        // Hold some transactions open so that later ones commit first.
        if ((n + done) % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 5 + ((n * 7 + done) % 20)));
        await db.query('COMMIT');
        written.push(...ids);
        done += batch;
      }
    } finally {
      await db.end();
    }
  };

  const seen: FeedChange[] = [];
  const reader = async () => {
    let cursor = start;
    for (let reads = 0; reads < 5000; reads++) {
      const stillWriting = writing;
      const page = await read(cursor, 37);
      seen.push(...page.changes);
      cursor = page.endCursor;
      const mine = seen.filter((c) => c.entityType === 'PATHWAY_UPDATE').length;
      if (!stillWriting && !page.hasMore && mine >= WRITERS * PER_WRITER) return;
      if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  const readerDone = reader();
  await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)));
  writing = false;
  await readerDone;

  expect(written).toHaveLength(1000);
  const seenIds = seen.map((c) => c.entityId);
  expect(new Set(seenIds).size).toBe(seenIds.length); // nothing repeated
  expect([...seenIds].sort()).toEqual([...written].sort()); // nothing missed, nothing else
  expect(seenIds).not.toEqual(expect.arrayContaining([sheffieldWritten[0]]));
  const cursors = seen.map((c) => JSON.parse(Buffer.from(c.cursor, 'base64url').toString()) as [number, number]);
  for (let i = 1; i < cursors.length; i++) {
    const [a, b] = [cursors[i - 1], cursors[i]];
    expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])).toBe(true);
  }
});
