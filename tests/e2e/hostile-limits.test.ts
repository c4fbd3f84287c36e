import { SERVICE_NAMES, type ServiceName } from '../../src/shared/config';
import { INTERNAL_MESSAGE } from '../../src/shared/graphql/public-error';
import { expectAuditChainIntact, expectUnchanged } from '../helpers/database-state';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

// Request limits hold at the gateway and at every subgraph reached directly (the same limits, from
// src/shared/graphql/request-limits.ts); production turns off introspection, the landing page and
// field suggestions everywhere.

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

/** A real field of each service's own schema that returns an object (the gateway's via `me`). */
const PROBE: Record<ServiceName, string> = {
  gateway: 'me { handle }',
  cases: '_service { sdl }',
  sharing: '_service { sdl }',
  accommodation: '_service { sdl }',
};

const bombs: [string, (service: ServiceName) => string, string][] = [
  // Depth is checked whatever the fields: graphql-js's own rule caps introspection at 3 levels, and
  // not every subgraph has a cycle, so this one is refused for its unknown fields too.
  ['a query 12 levels deep', () => `{ ${'a { '.repeat(12)}b${' }'.repeat(12)} }`, 'depth'],
  ['a fragment bomb (2^30 copies of one field)', (s) =>
    ['query { ...F0 }', ...Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`), `fragment F30 on Query { ${PROBE[s]} }`].join('\n'), 'cost'],
  ['an alias bomb (20 aliases)', () => `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __type(name: "Query") { name }`).join(' ')} }`, 'aliases'],
  ['a directive bomb (50 directives)', () => `{ ${Array.from({ length: 50 }, (_, i) => `t${i}: __typename @include(if: true)`).join(' ')} }`, 'directives'],
  ['a document of 5,000 tokens', () => `{ ${'__typename '.repeat(5000)} }`, 'tokens'],
];

describe.each(SERVICE_NAMES)('%s, reached directly', (service) => {
  it.each(bombs)('refuses %s with 400 QUERY_LIMIT_EXCEEDED, running nothing', async (_name, query, limit) => {
    const response = await expectUnchanged(hub.db, () => hub.query(query(service), { as: 'leeds.cm', service }));
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    const refusals = response.body.errors?.filter((e) => e.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED');
    expect(refusals?.map((e) => [e.extensions?.code, e.extensions?.limit])).toEqual([['QUERY_LIMIT_EXCEEDED', limit]]);
  });

  it('answers a query with as many aliases and directives as allowed', async () => {
    const fields = Array.from({ length: 15 }, (_, i) => `a${i}: __type(name: "Query") ${i < 10 ? '@include(if: true) ' : ''}{ name }`);
    const response = await hub.query(`{ ${PROBE[service]} ${fields.join(' ')} }`, { as: 'leeds.cm', service });
    expect(response.body.errors).toBeUndefined();
  });

  it('sends the security headers', async () => {
    const response = await fetch(`${hub.baseUrl(service)}/health/live`);
    expect(Object.fromEntries(['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cache-control', 'strict-transport-security', 'x-powered-by'].map((h) => [h, response.headers.get(h)]))).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-powered-by': null,
    });
  });
});

describe('cost counts rows, whether the page size is a literal or a variable', () => {
  const TIMELINES = `query($n: Int!) { children(first: $n) { edges { node { timeline(first: 100) { edges { node { kind label scope agency { code } } } } } } } }`;

  it('refuses every child’s whole timeline on a full page (100 × 100 rows)', async () => {
    const response = await expectUnchanged(hub.db, () => hub.query(TIMELINES, { as: 'leeds.cm', variables: { n: 100 } }));
    expect(response.body.errors?.map((e) => [e.extensions?.code, e.extensions?.limit])).toEqual([['QUERY_LIMIT_EXCEEDED', 'cost']]);
  });

  it('answers the same query for two children', async () => {
    const response = await hub.query(TIMELINES, { as: 'leeds.cm', variables: { n: 2 } });
    expect(response.body.errors).toBeUndefined();
  });

  it('answers the caseload with readiness for a full page of 100 rows', async () => {
    const CASELOAD = `query($first: Int) { caseload(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { node {
      child { id identity { familyName } } custody { releaseDate daysToRelease establishment { code } }
      readiness { caseManagement accommodation ete health substanceMisuse families finance } accommodationStatus } } } }`;
    const response = await hub.query<{ caseload: { edges: unknown[] } }>(CASELOAD, { as: 'swyrc.lw', variables: { first: 100 } });
    // Scopes the link worker may not read come back FORBIDDEN field by field; nothing else may.
    expect(new Set(response.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(response.body.data?.caseload.edges.length).toBeGreaterThan(20);
  });

  it('refuses a real recursive query 12 levels deep through the gateway and at its subgraph', async () => {
    const deep = `{ accommodationRequests(first: 1) { edges { node { ${'recipients { request { '.repeat(5)}id${' } }'.repeat(5)} } } } }`;
    for (const service of ['gateway', 'accommodation'] as const) {
      const response = await hub.query(deep, { as: 'housing.leeds', service });
      expect(response.body.errors?.map((e) => [e.extensions?.code, e.extensions?.limit])).toEqual([['QUERY_LIMIT_EXCEEDED', 'depth']]);
    }
  });
});

describe('an unexpected failure', () => {
  it('is masked as INTERNAL with the correlation id the response header carries, and no SQL', async () => {
    await hub.db.query('ALTER TABLE alert RENAME TO alert_moved_away');
    let response: GraphQLResponse;
    try {
      response = await hub.query('{ alerts { totalCount } }', { as: 'leeds.cm', headers: { 'x-correlation-id': 'hostile-internal-1' } });
    } finally {
      await hub.db.query('ALTER TABLE alert_moved_away RENAME TO alert');
    }
    expect(response.body.errors).toEqual([
      { message: INTERNAL_MESSAGE, path: ['alerts'], extensions: { code: 'INTERNAL', correlationId: 'hostile-internal-1' } },
    ]);
    expect(response.headers.get('x-correlation-id')).toBe('hostile-internal-1');
    expect(JSON.stringify(response.body)).not.toMatch(/alert_moved|relation "|SELECT/);
  });
});

describe('in production', () => {
  let production: TestHub;
  beforeAll(async () => {
    production = await startTestHub({ databaseUrl: hub.database.url, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => production?.stop());

  it.each(SERVICE_NAMES)('%s refuses introspection', async (service) => {
    const response = await production.query('{ __schema { types { name } } }', { as: 'leeds.cm', service });
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0].message).toMatch(/introspection/i);
  });

  it.each(SERVICE_NAMES)('%s serves no landing page to a browser', async (service) => {
    const response = await fetch(production.graphqlUrl(service), { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).not.toMatch(/html/);
    expect(await response.text()).not.toMatch(/<html|<script/i);
  });

  it.each(SERVICE_NAMES)('%s does not suggest field names', async (service) => {
    const response = await production.query(`{ ${service === 'gateway' ? 'me { handl }' : '_servic { sdl }'} }`, { as: 'leeds.cm', service });
    expect(response.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).not.toMatch(/Did you mean/);
  });

  it.each(SERVICE_NAMES)('%s forbids framing, scripts and everything else by content security policy', async (service) => {
    const response = await fetch(`${production.baseUrl(service)}/health/live`);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
  });
});

it('leaves the disclosure log’s hash chain intact after every request above', async () => {
  await expectAuditChainIntact(hub.db);
});
