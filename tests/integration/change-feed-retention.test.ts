import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEMO_CLIENTS } from '../../seeds/demo-users';
import { purgeChangeFeed } from '../../src/integrations/change-feed/change-feed-retention';
import { encodeCursor } from '../../src/shared/graphql/cursor';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const FEED = `query ($since: String) { changes(since: $since, first: 200) { changes { entityId } endCursor hasMore } }`;
const leedsCmsId = DEMO_CLIENTS.find((c) => c.client_id === 'leeds-cms')!.id;
const RETENTION_DAYS = 30;

let hub: TestHub;
let db: Client;
let leedsChild: string;
let leedsYjs: string;
beforeAll(async () => {
  hub = await startTestHub({ env: { CHANGE_FEED_RETENTION_DAYS: String(RETENTION_DAYS) } });
  db = new Client({ connectionString: hub.database.url });
  await db.connect();
  leedsChild = (await db.query(`SELECT id FROM child WHERE home_local_authority_code = 'LEEDS' ORDER BY id LIMIT 1`)).rows[0].id;
  leedsYjs = (await db.query(`SELECT agency_id FROM machine_client WHERE id = $1`, [leedsCmsId])).rows[0].agency_id;
});
afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

async function newChange(client: Client = db): Promise<{ entityId: string; txid: number; seq: number }> {
  const entityId = randomUUID();
  await client.query(
    `INSERT INTO pathway_update (id, child_id, pathway, status, summary, responsible_agency_id, recorded_by_client_id)
     VALUES ($1, $2, 'ETE', 'IN_PROGRESS', 'College place confirmed', $3, $4)`,
    [entityId, leedsChild, leedsYjs, leedsCmsId],
  );
  return { entityId, ...(await positionOf(entityId))! };
}

async function positionOf(entityId: string): Promise<{ txid: number; seq: number } | undefined> {
  const { rows } = await db.query(`SELECT txid::text, seq::text FROM entity_change WHERE entity_id = $1`, [entityId]);
  return rows[0] && { txid: Number(rows[0].txid), seq: Number(rows[0].seq) };
}

/** The append-only trigger refuses updates; a test ages rows with triggers off (superuser only). */
async function age(entityIds: string[], days: number): Promise<void> {
  await db.query(`SET session_replication_role = replica`);
  await db.query(`UPDATE entity_change SET changed_at = now() - make_interval(days => $2) WHERE entity_id = ANY($1)`, [entityIds, days]);
  await db.query(`SET session_replication_role = DEFAULT`);
}

/** Other files' transactions on the same server can hold the purge's horizon back a moment. */
async function purgeUntil(done: (purged: number) => boolean): Promise<number> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const purged = await purgeChangeFeed(hub.db, RETENTION_DAYS);
    if (done(purged)) return purged;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the purge never got there');
}

const feed = (since: string | null) => hub.query<{ changes: { changes: { entityId: string }[] } }>(FEED, { as: 'leeds-cms', variables: { since } });

it('purges changes older than the retention period as a prefix of the feed, and refuses cursors from before it with CURSOR_EXPIRED', async () => {
  const [a, b, c] = [await newChange(), await newChange(), await newChange()];
  await age([a.entityId, b.entityId], RETENTION_DAYS + 1);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM entity_change WHERE (txid, seq) <= ($1::bigint, $2::bigint)`, [b.txid, b.seq]);

  expect(await purgeUntil((n) => n > 0)).toBe(rows[0].n);
  expect(await positionOf(a.entityId)).toBeUndefined();
  expect(await positionOf(b.entityId)).toBeUndefined();
  expect(await positionOf(c.entityId)).toEqual({ txid: c.txid, seq: c.seq });

  for (const cursor of [encodeCursor([0, 0]), encodeCursor([a.txid, a.seq]), encodeCursor([b.txid, b.seq - 1])]) {
    const { body } = await feed(cursor);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'CURSOR_EXPIRED', field: 'since' });
    expect(body.errors?.[0].message).toMatch(new RegExp(`last ${RETENTION_DAYS} days.*Resync`));
  }
  // From the last purged change on, and from the start, nothing is missing: c follows.
  for (const since of [encodeCursor([b.txid, b.seq]), null]) {
    const { body } = await feed(since);
    expect(body.errors).toBeUndefined();
    expect(body.data!.changes.changes.map((ch) => ch.entityId)).toContain(c.entityId);
  }
  expect(await purgeChangeFeed(hub.db, RETENTION_DAYS)).toBe(0);
});

it('never purges past a transaction still running, which could commit a change behind the horizon', async () => {
  const open = new Client({ connectionString: hub.database.url });
  await open.connect();
  try {
    await open.query('BEGIN');
    await open.query('SELECT txid_current()');
    const later = await newChange();
    await age([later.entityId], RETENTION_DAYS + 1);
    expect(await purgeChangeFeed(hub.db, RETENTION_DAYS)).toBe(0);
    await open.query('COMMIT');
    await purgeUntil((n) => n > 0);
    expect(await positionOf(later.entityId)).toBeUndefined();
  } finally {
    await open.end();
  }
});

it('lets the services’ role run the purge but not delete changes itself, nor purge under 7 days', async () => {
  const asApp = new Client({ connectionString: hub.database.url });
  await asApp.connect();
  try {
    await asApp.query('SET ROLE hub_app');
    await expect(asApp.query('DELETE FROM entity_change')).rejects.toThrow(/permission denied/);
    await expect(asApp.query('SELECT purge_entity_change(90)')).resolves.toBeDefined();
    await expect(asApp.query('SELECT purge_entity_change(6)')).rejects.toThrow(/at least 7 days/);
  } finally {
    await asApp.end();
  }
});
