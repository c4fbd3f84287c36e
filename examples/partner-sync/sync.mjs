// A partner case system syncing with the Resettlement Hub both ways, with nothing but Node 20:
//   push: its pathway updates, under its own references, in idempotent batches of up to 500;
//   pull: the change feed from its saved cursor, then each changed record through the API.
// Run: HUB_URL=http://127.0.0.1:4000 CLIENT_ID=leeds-cms CLIENT_SECRET=leeds-cms-demo-secret \
//      RECORDS_FILE=records.json STATE_FILE=.sync-state.json node examples/partner-sync/sync.mjs
// A webhook receiver would only need verify() below, then call this script's pull.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';

const HUB_URL = process.env.HUB_URL ?? 'http://127.0.0.1:4000';
const STATE_FILE = process.env.STATE_FILE ?? '.sync-state.json';
const BATCH = 500;

/** Client credentials → a bearer token (10 minutes), reused from the state file while it has a minute left. */
async function token(state) {
  const now = Math.floor(Date.now() / 1000);
  if (state.token && state.tokenExpiresAt - now > 60) return state.token;
  const response = await fetch(`${HUB_URL}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${process.env.CLIENT_ID}:${process.env.CLIENT_SECRET}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const body = await response.json();
  // 429: too many token requests for this client or address; wait as told.
  if (!response.ok) throw new Error(`token: ${body.error}${response.headers.get('retry-after') ? ` (retry after ${response.headers.get('retry-after')} s)` : ''}`);
  Object.assign(state, { token: body.access_token, tokenExpiresAt: now + body.expires_in });
  return body.access_token;
}

/**
 * Every operation this client runs, registered with the hub as its trusted documents
 * (policies/trusted-documents/leeds-cms.json): only their SHA-256 ids go over the wire.
 */
export const OPERATIONS = {
  UpsertPathwayUpdates: `mutation UpsertPathwayUpdates($input: UpsertPathwayUpdatesInput!) {
  upsertPathwayUpdates(input: $input) { replayed items { externalReference outcome id error { code field message } } }
}`,
  Changes: `query Changes($since: String, $first: Int!) {
  changes(since: $since, first: $first) { changes { entityType entityId childId operation } endCursor hasMore }
}`,
  // One fetch per kind of change, the same as each change's `query` hint but with variables.
  ChildIdentity: `query ChildIdentity($id: ID!) { child(id: $id) { id identity { givenName familyName } } }`,
  ChildCustody: `query ChildCustody($id: ID!) { child(id: $id) { caseManagement { custody { id } } } }`,
  ChildPathways: `query ChildPathways($id: ID!) {
  child(id: $id) { accommodation { status updatedAt } ete { status updatedAt } health { status updatedAt } substanceMisuse { status updatedAt } finance { status updatedAt } }
}`,
  ChildMeetings: `query ChildMeetings($id: ID!) { child(id: $id) { meetings { id } } }`,
  AccommodationRequest: `query AccommodationRequest($id: ID!) { accommodationRequest(id: $id) { id status } }`,
};

const FETCH = {
  CHILD: ['ChildIdentity', (c) => c.childId],
  CUSTODY_EPISODE: ['ChildCustody', (c) => c.childId],
  PATHWAY_UPDATE: ['ChildPathways', (c) => c.childId],
  MEETING: ['ChildMeetings', (c) => c.childId],
  ACCOMMODATION_REQUEST: ['AccommodationRequest', (c) => c.entityId],
};

/** Sends an operation by its persisted id (extensions.persistedQuery), never its text. */
async function graphql(bearer, name, variables) {
  const sha256Hash = createHash('sha256').update(OPERATIONS[name]).digest('hex');
  const response = await fetch(`${HUB_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ operationName: name, variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  const body = await response.json();
  if (body.errors && !body.data) throw new Error(`graphql: ${body.errors.map((e) => e.extensions?.code).join(', ')}`);
  return body;
}

/** Push: the key is a hash of the batch, so re-running after a crash replays instead of writing twice. */
async function push(bearer, records) {
  const results = [];
  for (let i = 0; i < records.length; i += BATCH) {
    const items = records.slice(i, i + BATCH);
    const idempotencyKey = `sync:${createHash('sha256').update(JSON.stringify(items)).digest('hex').slice(0, 40)}`;
    const { data } = await graphql(bearer, 'UpsertPathwayUpdates', { input: { idempotencyKey, items } });
    results.push(...data.upsertPathwayUpdates.items);
  }
  return results;
}

/** Pull: read from the saved cursor, fetch each change's record, and save the cursor only after handling it. */
async function pull(bearer, state) {
  const pulled = [];
  for (;;) {
    const { data } = await graphql(bearer, 'Changes', { since: state.cursor ?? null, first: 200 });
    for (const change of data.changes.changes) {
      const [operation, id] = FETCH[change.entityType];
      const record = change.operation === 'DELETE' ? null : await graphql(bearer, operation, { id: id(change) });
      pulled.push({ ...change, fetched: record !== null });
    }
    state.cursor = data.changes.endCursor;
    fs.writeFileSync(STATE_FILE, JSON.stringify(state), { mode: 0o600 }); // it holds the current token
    if (!data.changes.hasMore) return pulled;
  }
}

/** For a webhook receiver: x-hub-signature is `t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function verify(secret, header, rawBody, nowSeconds = Math.floor(Date.now() / 1000)) {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match || Math.abs(nowSeconds - Number(match[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

async function main() {
  const state = fs.existsSync(STATE_FILE) ? JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) : {};
  const records = process.env.RECORDS_FILE ? JSON.parse(fs.readFileSync(process.env.RECORDS_FILE, 'utf8')) : [];
  const bearer = await token(state);
  const pushed = await push(bearer, records);
  const pulled = await pull(bearer, state);
  process.stdout.write(
    JSON.stringify({
      pushed: pushed.map((r) => ({ externalReference: r.externalReference, outcome: r.outcome, error: r.error?.code ?? null })),
      pulled: pulled.map((c) => ({ entityType: c.entityType, entityId: c.entityId, childId: c.childId, fetched: c.fetched })),
    }) + '\n',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
