import { randomUUID } from 'node:crypto';
import { AGENCY } from '../../seeds/demo-consortium';
import { demoUserId } from '../../seeds/demo-users';
import type { AuditEntry } from '../../src/shared/audit/audit-entry';
import { appendAuditEntries } from '../../src/shared/audit/audit-writer';
import { demoChild, rowCounts } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let child: string;
let establishment: { id: string; code: string; caseworker: string };
let startedAt: Date;

interface Disclosure {
  agencyId: string;
  agencyCode: string | null;
  agency: { code: string } | null;
  scope: string | null;
  firstAt: string;
  lastAt: string;
  count: number;
  agreements: { id: string; version: number | null }[];
  consentIds: string[];
  grantIds: string[];
  purposes: string[];
}
interface Report {
  childId: string;
  disclosures: Disclosure[];
  deniedAttempts: { agencyCode: string | null; reason: string | null; scopes: string[]; count: number }[];
  consentHistory: { id: string; scope: string; status: string; recipientAgency: { code: string } | null }[];
  csv: string;
}
interface Entry {
  id: string; occurredAt: string; operation: string; outcome: string; reason: string | null; resource: string; correlationId: string;
  actor: { kind: string; id: string; agencyId: string; agency: { code: string } | null; roles: string[] };
  childIds: string[]; scopes: string[]; justification: { agreementId: string | null; agreementVersion: number | null };
}
interface Page {
  disclosures: { edges: { cursor: string; node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const REPORT = `query($id: ID!) { subjectAccessReport(childId: $id) {
  childId
  disclosures { agencyId agencyCode agency { code } scope firstAt lastAt count agreements { id version } consentIds grantIds purposes }
  deniedAttempts { agencyCode reason scopes count }
  consentHistory { id scope status recipientAgency { code } }
  csv
} }`;
const DISCLOSURES = `query($filter: DisclosureFilter!, $first: Int, $after: String) {
  disclosures(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id occurredAt actor { kind id agencyId agency { code } roles } operation outcome reason childIds scopes
      resource justification { agreementId agreementVersion } correlationId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const window = () => ({ from: startedAt.toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
const disclosures = (as: string, filter: Record<string, unknown>, first = 100, after?: string) =>
  hub.query<Page>(DISCLOSURES, { as, variables: { filter: { ...window(), ...filter }, first, after } });

beforeAll(async () => {
  hub = await startTestHub();
  startedAt = new Date(Date.now() - 1000);
  // seeds/demo-sharing.ts refers one sentenced Leeds child in custody to Leeds Housing Options.
  child = await demoChild(hub.db, { sql: `c.id IN (SELECT child_id FROM accommodation_request) AND e.status = 'IN_CUSTODY'` });
  const [row] = await hub.db.query(
    `SELECT a.id, a.code FROM custody_episode e JOIN agency a ON a.id = e.establishment_agency_id
      WHERE e.child_id = $1 AND e.status = 'IN_CUSTODY'`,
    [child],
  );
  establishment = { ...row, caseworker: row.id === AGENCY.adelBeck ? 'adelbeck.cw' : 'wetherby.cw' };

  const read = async (as: string, fields: string) => {
    const { body } = await hub.query(`query($id: ID!) { child(id: $id) { id ${fields} } }`, { as, variables: { id: child } });
    return body;
  };
  const custodyAndIdentity = 'identity { givenName } caseManagement { custody { releaseDate } }';
  for (const reader of ['leeds.cm', establishment.caseworker, 'swyrc.lw']) {
    expect((await read(reader, custodyAndIdentity)).errors).toBeUndefined();
  }
  expect((await read('housing.leeds', 'identity { givenName } accommodation { status }')).errors).toBeUndefined();
  expect((await read('housing.leeds', 'health { status }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await read('sheffield.cm', 'identity { givenName }')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
});
afterAll(() => hub?.stop());

describe('subjectAccessReport', () => {
  let report: Report;
  beforeAll(async () => {
    const { body } = await hub.query<{ subjectAccessReport: Report }>(REPORT, { as: 'dpo', variables: { id: child } });
    expect(body.errors).toBeUndefined();
    report = body.data!.subjectAccessReport;
  });

  it('lists every agency that read the child’s data, with the scopes each saw and under which agreement', () => {
    const scopesByAgency = new Map<string, string[]>();
    for (const d of report.disclosures) scopesByAgency.set(d.agencyCode!, [...(scopesByAgency.get(d.agencyCode!) ?? []), d.scope as string]);
    expect(Object.fromEntries([...scopesByAgency].map(([code, scopes]) => [code, scopes.sort()]))).toEqual({
      LEEDS_YJS: ['custody', 'identity'],
      [establishment.code]: ['custody', 'identity'],
      SWY_CONSORTIUM_TEAM: ['custody', 'identity'],
      // Its second read asked only for health: refused, but the child's record was still opened (scope null).
      LEEDS_HOUSING_OPTIONS: ['accommodation', 'identity', null],
    });
    const housing = report.disclosures.find((d) => d.agencyCode === 'LEEDS_HOUSING_OPTIONS' && d.scope === 'accommodation')!;
    expect(housing).toMatchObject({ agencyId: AGENCY.leedsHousingOptions, agency: { code: 'LEEDS_HOUSING_OPTIONS' }, count: 1 });
    expect(housing.agreements).toEqual([{ id: 'swy-housing-isa', version: 1 }]);
    const yjs = report.disclosures.find((d) => d.agencyCode === 'LEEDS_YJS' && d.scope === 'custody')!;
    expect(yjs.agreements).toEqual([{ id: 'swy-resettlement-isa', version: 1 }]);
    expect(yjs.purposes).toEqual(['RESETTLEMENT_PLANNING']);
    expect(Date.parse(yjs.firstAt)).toBeGreaterThanOrEqual(startedAt.getTime());
  });

  it('lists refused attempts separately, by agency and reason', () => {
    expect(report.deniedAttempts).toEqual(
      expect.arrayContaining([
        { agencyCode: 'LEEDS_HOUSING_OPTIONS', reason: expect.stringMatching(/^[A-Z_]+$/), scopes: ['health'], count: 1 },
        { agencyCode: 'SHEFFIELD_YJS', reason: 'NOT_FOUND', scopes: [], count: 1 },
      ]),
    );
    expect(report.disclosures.some((d) => d.agencyCode === 'SHEFFIELD_YJS')).toBe(false);
  });

  it('includes the child’s consent history', async () => {
    const stored: { id: string }[] = await hub.db.query(`SELECT id FROM consent WHERE child_id = $1`, [child]);
    expect(stored.length).toBeGreaterThan(0);
    expect(report.consentHistory.map((c) => c.id).sort()).toEqual(stored.map((c) => c.id).sort());
    expect(report.consentHistory).toContainEqual(
      expect.objectContaining({ scope: 'HEALTH', status: 'ACTIVE', recipientAgency: { code: establishment.code } }),
    );
  });

  it('gives the same disclosures as CSV that parses back to the same rows', () => {
    const [header, ...rows] = parseCsv(report.csv);
    expect(header).toEqual(['agency_id', 'agency_code', 'scope', 'first_at', 'last_at', 'count', 'agreements', 'consent_ids', 'grant_ids', 'purposes']);
    expect(rows).toEqual(
      report.disclosures.map((d) => [
        d.agencyId, d.agencyCode ?? '', d.scope ?? '', d.firstAt, d.lastAt, String(d.count),
        d.agreements.map((a) => `${a.id}@${a.version}`).join(' '), d.consentIds.join(' '), d.grantIds.join(' '), d.purposes.join(' '),
      ]),
    );
    expect(report.csv.endsWith('\r\n')).toBe(true);
  });

  it('is itself in the log as the officer’s AUDIT_READ of that child', async () => {
    const { body } = await disclosures('dpo', { userId: demoUserId('dpo'), operations: ['AUDIT_READ'] });
    const reads = body.data!.disclosures.edges.map((e) => e.node).filter((n) => n.resource === 'query:subjectAccessReport');
    expect(reads).toEqual([
      expect.objectContaining({ operation: 'AUDIT_READ', outcome: 'ALLOWED', childIds: [child], actor: expect.objectContaining({ agencyId: AGENCY.consortiumTeam, roles: ['DATA_PROTECTION_OFFICER'] }) }),
    ]);
  });

  it('is FORBIDDEN to a case manager, and the attempt is logged as denied', async () => {
    const before = await rowCounts(hub.db, ['audit_event']);
    const { body } = await hub.query(REPORT, { as: 'leeds.cm', variables: { id: child } });
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const entries = await hub.db.query(
      `SELECT operation, outcome, reason, child_ids::text[] AS child_ids FROM audit_event ORDER BY seq DESC LIMIT 1`,
    );
    expect((await rowCounts(hub.db, ['audit_event'])).audit_event).toBe(before.audit_event + 1);
    expect(entries[0]).toEqual({ operation: 'AUDIT_READ', outcome: 'DENIED', reason: 'NOT_PERMITTED', child_ids: [child] });
  });

  it('is NOT_FOUND for a child outside the officer’s consortium', async () => {
    const { body } = await hub.query(REPORT, { as: 'dpo', variables: { id: randomUUID() } });
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('disclosures', () => {
  it('filters by child', async () => {
    const { body } = await disclosures('dpo', { childId: child });
    const nodes = body.data!.disclosures.edges.map((e) => e.node);
    expect(nodes.every((n) => n.childIds.includes(child))).toBe(true);
    const readers = new Set(nodes.filter((n) => n.operation === 'CONSULT' && n.outcome === 'ALLOWED').map((n) => n.actor.id));
    expect([...readers].sort()).toEqual(['leeds.cm', establishment.caseworker, 'swyrc.lw', 'housing.leeds'].map(demoUserId).sort());
    const housing = nodes.find((n) => n.actor.id === demoUserId('housing.leeds') && n.outcome === 'ALLOWED' && n.scopes.length)!;
    expect(housing).toMatchObject({
      actor: { kind: 'USER', agencyId: AGENCY.leedsHousingOptions, agency: { code: 'LEEDS_HOUSING_OPTIONS' }, roles: ['HOUSING_OFFICER'] },
      scopes: ['accommodation', 'identity'],
      justification: { agreementId: 'swy-housing-isa', agreementVersion: 1 },
    });
  });

  it('filters by agency and by user', async () => {
    const byAgency = (await disclosures('dpo', { agencyId: AGENCY.leedsHousingOptions })).body.data!.disclosures.edges.map((e) => e.node);
    expect(byAgency.length).toBeGreaterThanOrEqual(2);
    expect(byAgency.every((n) => n.actor.agencyId === AGENCY.leedsHousingOptions)).toBe(true);

    const byUser = (await disclosures('dpo', { userId: demoUserId('swyrc.lw') })).body.data!.disclosures.edges.map((e) => e.node);
    expect(byUser.map((n) => [n.actor.id, n.operation, n.childIds])).toEqual([[demoUserId('swyrc.lw'), 'CONSULT', [child]]]);

    const both = (await disclosures('dpo', { childId: child, agencyId: AGENCY.consortiumTeam, operations: ['CONSULT'] })).body.data!;
    expect(both.disclosures.edges.map((e) => e.node.actor.id)).toEqual([demoUserId('swyrc.lw')]);
  });

  it('pages newest first with after, without gaps or repeats', async () => {
    const filter = { childId: child, operations: ['CONSULT'] };
    const all = (await disclosures('dpo', filter)).body.data!.disclosures.edges.map((e) => e.node.id);
    expect(all.length).toBeGreaterThanOrEqual(6);
    const paged: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { body } = await disclosures('dpo', filter, 2, after);
      const { edges, pageInfo } = body.data!.disclosures;
      expect(edges.length).toBeLessThanOrEqual(2);
      paged.push(...edges.map((e) => e.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor!;
    }
    expect(paged).toEqual(all);
    const times = (await disclosures('dpo', filter)).body.data!.disclosures.edges.map((e) => Date.parse(e.node.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('is FORBIDDEN to anyone but the data protection officer, and the attempt is logged', async () => {
    const { body } = await disclosures('leeds.cm', { childId: child });
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [last] = await hub.db.query(`SELECT actor_id, operation, outcome, child_ids::text[] AS child_ids FROM audit_event ORDER BY seq DESC LIMIT 1`);
    expect(last).toEqual({ actor_id: demoUserId('leeds.cm'), operation: 'AUDIT_READ', outcome: 'DENIED', child_ids: [child] });
  });

  it.each<[string, (child: string) => Record<string, unknown>, string]>([
    ['no child, agency or user', () => ({}), 'filter'],
    ['an id that is not a UUID', () => ({ childId: 'child-1' }), 'childId'],
    ['from after to', (c) => ({ childId: c, from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }), 'to'],
    ['more than 400 days', (c) => ({ childId: c, from: '2024-01-01T00:00:00Z', to: '2025-02-05T00:00:00Z' }), 'to'],
  ])('refuses %s with VALIDATION_FAILED naming the field, and logs nothing', async (_name, filter, field) => {
    const before = await rowCounts(hub.db, ['audit_event']);
    const { body } = await disclosures('dpo', filter(child));
    const extensions = body.errors?.[0].extensions;
    expect(extensions?.code).toBe('VALIDATION_FAILED');
    expect(extensions?.field ?? (extensions?.fields as string[] | undefined)?.[0]).toBe(field);
    expect(await rowCounts(hub.db, ['audit_event'])).toEqual(before);
  });

  it('refuses a cursor it did not give out, and logs nothing', async () => {
    const before = await rowCounts(hub.db, ['audit_event']);
    for (const after of ['nonsense', Buffer.from(JSON.stringify(['1; DROP TABLE child'])).toString('base64url')]) {
      const { body } = await disclosures('dpo', { childId: child }, 10, after);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
    }
    expect(await rowCounts(hub.db, ['audit_event'])).toEqual(before);
  });
});

describe('the officer’s own consortium', () => {
  it('limits disclosures to entries by its agencies or about its children', async () => {
    const foreign = { consortium: randomUUID(), agency: randomUUID(), user: randomUUID() };
    await hub.db.query(`INSERT INTO consortium (id, code, name) VALUES ($1, 'NE_TEST', 'Another consortium')`, [foreign.consortium]);
    await hub.db.query(
      `INSERT INTO agency (id, consortium_id, code, name, type) VALUES ($1, $2, 'NE_TEST_HOUSING', 'Another housing provider', 'HOUSING_PROVIDER')`,
      [foreign.agency, foreign.consortium],
    );
    const entry = (childId: string, correlationId: string): AuditEntry => ({
      occurredAt: new Date(), actor: { kind: 'user', id: foreign.user, agencyId: foreign.agency, roles: ['HOUSING_OFFICER'] },
      purpose: 'RESETTLEMENT_PLANNING', operation: 'CONSULT', outcome: 'DENIED', reason: 'NOT_FOUND', childIds: [childId],
      scopes: [], resource: 'query:child', justification: {}, correlationId, clientAddress: null, userAgent: null,
    });
    await hub.db.transaction((tx) => appendAuditEntries(tx, [entry(randomUUID(), 'their-own-child'), entry(child, 'one-of-ours')]));

    const byAgency = (await disclosures('dpo', { agencyId: foreign.agency })).body.data!.disclosures.edges.map((e) => e.node);
    expect(byAgency.map((n) => [n.correlationId, n.actor.agency])).toEqual([['one-of-ours', null]]);
    const byUser = (await disclosures('dpo', { userId: foreign.user })).body.data!.disclosures.edges.map((e) => e.node.correlationId);
    expect(byUser).toEqual(['one-of-ours']);
  });

  it('is FORBIDDEN to a case manager asking by agency, and the attempt is logged', async () => {
    const { body } = await disclosures('leeds.cm', { agencyId: AGENCY.leedsHousingOptions });
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [last] = await hub.db.query(`SELECT actor_id, operation, outcome, resource FROM audit_event ORDER BY seq DESC LIMIT 1`);
    expect(last).toEqual({
      actor_id: demoUserId('leeds.cm'), operation: 'AUDIT_READ', outcome: 'DENIED',
      resource: `query:disclosures;agency:${AGENCY.leedsHousingOptions}`,
    });
  });
});

/** RFC 4180, enough for the test: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
