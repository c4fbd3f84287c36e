import { randomUUID } from 'node:crypto';
import { AGENCY } from '../../seeds/demo-consortium';
import { databaseState, expectAuditChainIntact, expectUnchanged } from '../helpers/database-state';
import { demoChild } from '../helpers/demo-lookup';
import { FORGED_TOKEN_KINDS, forgedToken } from '../helpers/forged-tokens';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

// Hostile input: each request gets a clear error with a stable code, and the database is left
// exactly as it was (every table's rows and content, no ALLOWED disclosure, the audit chain intact).
// Query limits are in hostile-limits.test.ts, rate limits in hostile-rate-limits.test.ts, and the
// same forged tokens against every service in authentication.test.ts.

let hub: TestHub;
let child: string;
beforeAll(async () => {
  hub = await startTestHub();
  child = await demoChild(hub.db, { establishment: AGENCY.adelBeck, status: 'IN_CUSTODY' });
});
afterAll(() => hub?.stop());

const AS = 'adelbeck.cw';
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id explanation } }`;
const CHILD = `query($id: ID!) { child(id: $id) { id identity { givenName } } }`;

function consent(overrides: Record<string, unknown> = {}) {
  return {
    childId: child,
    scopes: ['HEALTH'],
    recipientAgencyId: AGENCY.adelBeck,
    givenBy: 'CHILD',
    givenAt: new Date(Date.now() - 3_600_000).toISOString(),
    explanation: 'Your nurse here will see your health notes so your medication carries on.',
    ...overrides,
  };
}

const codes = (response: GraphQLResponse) => response.body.errors?.map((e) => e.extensions?.code) ?? [];

async function refused(request: () => Promise<GraphQLResponse>, code: string) {
  const response = await expectUnchanged(hub.db, request);
  expect(response.body.data?.recordConsent ?? null).toBeNull();
  expect(codes(response)).toContain(code);
  expect(JSON.stringify(response.body)).not.toMatch(/QueryFailedError|SELECT |INSERT |stack|at .*\.ts/);
  return response;
}

describe('malformed and unknown ids', () => {
  it.each([
    ['not a UUID', 'VALIDATION_FAILED', 'not-a-uuid'],
    ['an SQL injection', 'VALIDATION_FAILED', "' OR 1=1 --"],
    ['a path', 'VALIDATION_FAILED', '../../etc/passwd'],
    ['10,000 characters', 'VALIDATION_FAILED', 'a'.repeat(10_000)],
    ['a UUID nobody has', 'NOT_FOUND', randomUUID()],
  ])('child(id) with %s answers %s', async (_name, code, id) => {
    await refused(() => hub.query(CHILD, { as: AS, variables: { id } }), code);
  });

  it.each([
    ['a malformed child id', 'VALIDATION_FAILED', { childId: 'child-1; DROP TABLE consent' }],
    ['an unknown child', 'NOT_FOUND', { childId: randomUUID() }],
    ['a malformed agency id', 'VALIDATION_FAILED', { recipientAgencyId: 'adel-beck' }],
  ])('recordConsent with %s answers %s and records nothing', async (_name, code, overrides) => {
    await refused(() => hub.query(RECORD, { as: AS, variables: { input: consent(overrides) } }), code);
  });

  it('withdrawConsent of a consent that does not exist answers NOT_FOUND', async () => {
    const WITHDRAW = `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }`;
    await refused(() => hub.query(WITHDRAW, { as: AS, variables: { input: { consentId: randomUUID(), reason: 'no such consent' } } }), 'NOT_FOUND');
  });
});

describe('impossible dates and wrong enums', () => {
  it.each([
    ['30 February', { givenAt: '2025-02-30T10:00:00Z' }],
    ['month 13', { givenAt: '2025-13-01T00:00:00Z' }],
    ['year 0', { givenAt: '0000-00-00T00:00:00Z' }],
    ['a word', { givenAt: 'yesterday' }],
    ['a number', { givenAt: 1_700_000_000 }],
    ['an unknown scope', { scopes: ['HEALTHX'] }],
    ['a lower-case enum', { givenBy: 'child' }],
    ['an enum as a number', { givenBy: 1 }],
    ['an object where text belongs', { explanation: { $ne: null } }],
  ])('recordConsent with %s answers VALIDATION_FAILED', async (_name, overrides) => {
    await refused(() => hub.query(RECORD, { as: AS, variables: { input: consent(overrides) } }), 'VALIDATION_FAILED');
  });

  it('refuses a date that does not exist in a LocalDate field (29 February 2027) with VALIDATION_FAILED', async () => {
    const CHANGE = `mutation($input: ChangeReleaseDateInput!) { changeReleaseDate(input: $input) { id } }`;
    const input = { custodyEpisodeId: randomUUID(), releaseDate: '2027-02-29', releaseType: 'STANDARD', reasonCode: 'RECALCULATION', reason: 'recalculated', expectedVersion: 1 };
    await refused(() => hub.query(CHANGE, { as: 'leeds.cm', variables: { input } }), 'VALIDATION_FAILED');
  });

  it.each([
    ['an enum that does not exist', `{ alerts(status: BOGUS) { totalCount } }`],
    ['an enum written as a string', `{ alerts(status: "OPEN") { totalCount } }`],
    ['an impossible date literal', `mutation { recordConsent(input: { childId: "${randomUUID()}", scopes: [HEALTH], givenBy: CHILD, givenAt: "2025-02-30T10:00:00Z", explanation: "an explanation" }) { id } }`],
  ])('%s in the document answers GRAPHQL_VALIDATION_FAILED', async (_name, query) => {
    await refused(() => hub.query(query, { as: AS }), 'GRAPHQL_VALIDATION_FAILED');
  });

  it.each([
    ['no scope', { scopes: [] }],
    ['the same scope twice', { scopes: ['HEALTH', 'HEALTH'] }],
    ['an explanation too short to mean anything', { explanation: 'ok' }],
  ])('recordConsent with %s answers VALIDATION_FAILED', async (_name, overrides) => {
    await refused(() => hub.query(RECORD, { as: AS, variables: { input: consent(overrides) } }), 'VALIDATION_FAILED');
  });
});

describe('huge and odd strings', () => {
  it('refuses a 50,000-character explanation with VALIDATION_FAILED naming the field', async () => {
    const response = await refused(() => hub.query(RECORD, { as: AS, variables: { input: consent({ explanation: 'x'.repeat(50_000) }) } }), 'VALIDATION_FAILED');
    expect(response.body.errors?.[0].extensions?.fields).toEqual(['explanation']);
  });

  it('refuses a body over the size limit with 413 PAYLOAD_TOO_LARGE before reading it', async () => {
    const response = await refused(() => hub.query(RECORD, { as: AS, variables: { input: consent({ explanation: 'x'.repeat(3_000_000) }) } }), 'PAYLOAD_TOO_LARGE');
    expect(response.status).toBe(413);
  });

  it.each([
    ['a NUL character', 'before\u0000after, which PostgreSQL cannot store'],
    ['a lone surrogate', 'half an emoji \ud83d here, not text at all'],
    ['a bell and an escape sequence', 'ring \u0007 and \u001b[31m red terminal text'],
  ])('refuses %s with VALIDATION_FAILED naming the field', async (_name, explanation) => {
    const response = await refused(() => hub.query(RECORD, { as: AS, variables: { input: consent({ explanation }) } }), 'VALIDATION_FAILED');
    expect(response.body.errors?.[0].extensions?.field).toBe('input.explanation');
  });

  it('refuses a NUL written into the document itself', async () => {
    const query = `mutation { recordConsent(input: { childId: "${child}", scopes: [HEALTH], recipientAgencyId: "${AGENCY.adelBeck}", givenBy: CHILD, givenAt: "${new Date(Date.now() - 60_000).toISOString()}", explanation: "nul \\u0000 here and more" }) { id } }`;
    await refused(() => hub.query(query, { as: AS }), 'VALIDATION_FAILED');
  });

  it('refuses variables nested 40,000 levels deep with VALIDATION_FAILED, without exhausting the stack', async () => {
    const response = await expectUnchanged(hub.db, async () => {
      const body = `{"query":${JSON.stringify(RECORD)},"variables":{"input":${'['.repeat(40_000)}${']'.repeat(40_000)}}}`;
      const r = await fetch(hub.graphqlUrl(), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.tokenFor(AS)}` }, body });
      return { status: r.status, body: (await r.json()) as GraphQLResponse['body'] };
    });
    expect(response.status).toBe(400);
    expect(codes(response as GraphQLResponse)).toEqual(['VALIDATION_FAILED']);
  });

  it('refuses an SQL injection in a list filter with VALIDATION_FAILED naming the field', async () => {
    const response = await refused(
      () => hub.query(`query($f: CaseloadFilter) { caseload(filter: $f) { totalCount } }`, { as: 'leeds.cm', variables: { f: { homeLocalAuthority: "LEEDS' OR '1'='1" } } }),
      'VALIDATION_FAILED',
    );
    expect(response.body.errors?.[0].extensions?.fields).toEqual(['homeLocalAuthority']);
  });
});

describe('the request itself', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(hub.graphqlUrl(), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.tokenFor(AS)}`, ...headers }, body });
  const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as GraphQLResponse['body'] });

  it.each([
    ['malformed JSON', 400, 'BAD_REQUEST', () => post('{"query": "{ me { handle } }"')],
    ['a batch of operations (batching is off)', 400, 'BAD_REQUEST', () => post(JSON.stringify([{ query: RECORD, variables: { input: consent() } }, { query: RECORD, variables: { input: consent() } }]))],
    ['a text/plain body (a cross-site form could send it)', 415, 'BAD_REQUEST', () => post(JSON.stringify({ query: RECORD, variables: { input: consent() } }), { 'content-type': 'text/plain' })],
    ['a GET without a preflight header (CSRF prevention)', 400, 'BAD_REQUEST', () => fetch(`${hub.graphqlUrl()}?query=${encodeURIComponent('{ me { handle } }')}`, { headers: { authorization: `Bearer ${hub.tokenFor(AS)}` } })],
    ['a mutation over GET', 405, 'BAD_REQUEST', () => fetch(`${hub.graphqlUrl()}?query=${encodeURIComponent(`mutation { withdrawConsent(input: { consentId: "${randomUUID()}", reason: "via GET" }) { id } }`)}`, { headers: { authorization: `Bearer ${hub.tokenFor(AS)}`, 'apollo-require-preflight': 'true' } })],
    ['an endpoint that does not exist', 404, 'NOT_FOUND', () => fetch(`${hub.baseUrl()}/graphql/../admin`, { method: 'POST' })],
    ['variables sent as a JSON string', 400, 'BAD_REQUEST', () => post(JSON.stringify({ query: CHILD, variables: JSON.stringify({ id: child }) }))],
    ['an operationName that is not a string', 400, 'BAD_REQUEST', () => post(JSON.stringify({ query: CHILD, variables: { id: child }, operationName: 7 }))],
  ])('%s answers %i %s', async (_name, status, code, send) => {
    const response = await expectUnchanged(hub.db, async () => answer(await send()));
    expect(response.status).toBe(status);
    expect(codes(response as GraphQLResponse)).toEqual([code]);
    expect(JSON.stringify(response.body)).not.toMatch(/stack|at .*\.(ts|js)/);
  });

  it('leaves no connection in a transaction after bodies a subgraph refuses once the caller is known, more of them than the pool holds', async () => {
    // Sent to the subgraph itself: the gateway refuses such a body before any subgraph sees it.
    for (let i = 0; i < 30; i++) {
      const response = await fetch(hub.graphqlUrl('cases'), {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.tokenFor(AS)}` },
        body: JSON.stringify({ query: CHILD, variables: JSON.stringify({ id: child }) }),
      });
      expect(response.status).toBe(400);
    }
    // The response has gone when its transaction is ended, so allow the rollbacks a moment.
    let open = -1;
    for (let attempt = 0; attempt < 50 && open !== 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      [{ open }] = await hub.db.query(
        `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
    }
    expect(open).toBe(0);
    const read = await hub.query<{ child: { id: string } }>(CHILD, { as: AS, variables: { id: child } });
    expect(read.body.data?.child.id).toBe(child);
  });
});

describe('forged tokens on a write', () => {
  it.each(FORGED_TOKEN_KINDS)('recordConsent with %s answers UNAUTHENTICATED and records nothing, through the gateway or directly', async (kind) => {
    for (const service of ['gateway', 'sharing'] as const) {
      const token = forgedToken(hub, kind);
      await refused(
        () => hub.query(RECORD, { service, variables: { input: consent() }, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }),
        'UNAUTHENTICATED',
      );
    }
  });
});

describe('odd but valid text', () => {
  it.each([
    ['an SQL injection', "Robert'); DROP TABLE consent; -- was told about the nurse"],
    ['right-to-left and zero-width characters', 'Told in Arabic: \u202bسيرى الممرض ملاحظاتك\u202c\u200d and in English'],
    ['a thousand combining marks', `Zalgo ${'e\u0301'.repeat(1000)}`],
    ['emoji and astral characters', 'Explained with pictures 👩‍⚕️💊 and 𝔲𝔫𝔦𝔠𝔬𝔡𝔢'],
  ])('stores %s exactly as sent, as text, and changes nothing else', async (_name, explanation) => {
    const before = await databaseState(hub.db);
    const response = await hub.query<{ recordConsent: { id: string; explanation: string }[] }>(RECORD, { as: AS, variables: { input: consent({ explanation }) } });
    expect(response.body.errors).toBeUndefined();
    const [{ id }] = response.body.data!.recordConsent;
    const [stored] = await hub.db.query(`SELECT explanation FROM consent WHERE id = $1`, [id]);
    expect(stored.explanation).toBe(explanation);
    const after = await databaseState(hub.db);
    const changed = Object.keys(after.tables).filter((t) => after.tables[t].hash !== before.tables[t].hash);
    expect(changed).toEqual(['consent']);
    expect(after.tables.consent.rows).toBe(before.tables.consent.rows + 1);
  });
});

it('leaves the disclosure log’s hash chain intact after every request above', async () => {
  await expectAuditChainIntact(hub.db);
});
