import { randomUUID } from 'node:crypto';
import { AGENCY, yjsIdFor } from '../../seeds/demo-consortium';
import { demoUserId } from '../../seeds/demo-users';
import { verifyAuditChain } from '../../src/shared/audit/audit-verifier';
import { demoChild, rowCounts } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let leedsChild: string;
let sheffieldChild: string;
let referredChild: string;

beforeAll(async () => {
  hub = await startTestHub();
  leedsChild = await demoChild(hub.db, { authority: 'LEEDS', status: 'IN_CUSTODY' });
  sheffieldChild = await demoChild(hub.db, { authority: 'SHEFFIELD', status: 'IN_CUSTODY' });
  // seeds/demo-sharing.ts refers one sentenced Leeds child to Leeds Housing Options.
  referredChild = await demoChild(hub.db, { sql: `c.id IN (SELECT child_id FROM accommodation_request)` });
});
afterAll(() => hub?.stop());

interface AuditRow {
  seq: string;
  actor_kind: string;
  actor_id: string;
  actor_agency_id: string;
  actor_roles: string[];
  operation: string;
  outcome: string;
  reason: string | null;
  child_ids: string[];
  scopes: string[];
  resource: string;
  justification: Record<string, unknown>;
  correlation_id: string;
}

async function lastSeq(): Promise<string> {
  const [{ seq }] = await hub.db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM audit_event`);
  return seq;
}

async function entriesAfter(seq: string): Promise<AuditRow[]> {
  return hub.db.query(
    `SELECT seq::text AS seq, actor_kind, actor_id, actor_agency_id, actor_roles, operation, outcome, reason,
            child_ids::text[] AS child_ids, scopes, resource, justification, correlation_id
       FROM audit_event WHERE seq > $1 ORDER BY seq`,
    [seq],
  );
}

const CHILD_READ = `query($id: ID!) { child(id: $id) { identity { givenName } caseManagement { custody { releaseDate } } } }`;

describe('a read through the gateway', () => {
  it('writes exactly one CONSULT entry with the scopes returned, the actor, the correlation id and the agreement', async () => {
    const before = await lastSeq();
    const correlationId = `audit-trail-${randomUUID()}`;
    const { body } = await hub.query(CHILD_READ, {
      as: 'leeds.cm',
      variables: { id: leedsChild },
      headers: { 'x-correlation-id': correlationId },
    });
    expect(body.errors).toBeUndefined();

    const entries = await entriesAfter(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_kind: 'user',
      actor_id: demoUserId('leeds.cm'),
      actor_agency_id: yjsIdFor('LEEDS'),
      actor_roles: ['CASE_MANAGER'],
      operation: 'CONSULT',
      outcome: 'ALLOWED',
      reason: null,
      child_ids: [leedsChild],
      scopes: ['custody', 'identity'],
      correlation_id: correlationId,
      justification: expect.objectContaining({ agreementId: 'swy-resettlement-isa', agreementVersion: 1 }),
    });
  });

  it('writes a DENIED NOT_FOUND entry when a Leeds case manager asks for a Sheffield child', async () => {
    const before = await lastSeq();
    const { body } = await hub.query(CHILD_READ, { as: 'leeds.cm', variables: { id: sheffieldChild } });
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const entries = await entriesAfter(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_id: demoUserId('leeds.cm'),
      operation: 'CONSULT',
      outcome: 'DENIED',
      reason: 'NOT_FOUND',
      child_ids: [sheffieldChild],
    });
  });

  it('writes a DENIED entry naming the scope and reason when housing asks for health', async () => {
    const before = await lastSeq();
    const { body } = await hub.query(`query($id: ID!) { child(id: $id) { identity { givenName } health { status } } }`, {
      as: 'housing.leeds',
      variables: { id: referredChild },
    });
    const healthError = body.errors?.find((e) => e.path?.join('.') === 'child.health');
    expect(healthError?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'health' });

    const entries = await entriesAfter(before);
    const denied = entries.filter((e) => e.outcome === 'DENIED');
    expect(denied).toEqual([
      expect.objectContaining({
        actor_id: demoUserId('housing.leeds'),
        actor_agency_id: AGENCY.leedsHousingOptions,
        operation: 'CONSULT',
        reason: healthError?.extensions?.reason,
        child_ids: [referredChild],
        scopes: ['health'],
      }),
    ]);
    expect(denied[0].reason).toMatch(/^[A-Z_]+$/);
    expect(entries.filter((e) => e.outcome === 'ALLOWED')).toEqual([
      expect.objectContaining({ operation: 'CONSULT', child_ids: [referredChild], scopes: ['identity'] }),
    ]);
  });
});

describe('when the audit cannot be written', () => {
  const consentInput = () => ({
    childId: leedsChild,
    scopes: ['ETE'],
    recipientAgencyId: AGENCY.calderCollege,
    givenBy: 'CHILD',
    givenAt: new Date(Date.now() - 3_600_000).toISOString(),
    explanation: 'The college will know your course plans so a place is ready the day you leave.',
  });

  beforeAll(async () => {
    await hub.db.query(`
      CREATE FUNCTION audit_test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable (test)'; END $$;
      CREATE TRIGGER audit_test_refuse_insert BEFORE INSERT ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_test_refuse_insert();`);
  });
  afterAll(async () => {
    await hub.db.query(`DROP TRIGGER IF EXISTS audit_test_refuse_insert ON audit_event;
      DROP FUNCTION IF EXISTS audit_test_refuse_insert();`);
  });

  it('returns no data, only SERVICE_UNAVAILABLE', async () => {
    const { body } = await hub.query(CHILD_READ, { as: 'leeds.cm', variables: { id: leedsChild } });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(JSON.stringify(body)).not.toMatch(/givenName|releaseDate/);
  });

  it('lands no write: a consent recorded meanwhile is rolled back with its audit entry', async () => {
    const tables = ['consent', 'audit_event'];
    const before = await rowCounts(hub.db, tables);
    const { body } = await hub.query(
      `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      { as: 'leeds.cm', variables: { input: consentInput() } },
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await rowCounts(hub.db, tables)).toEqual(before);
  });

  it('records the same consent once the audit is back, so the refusal above was the audit’s doing', async () => {
    await hub.db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_test_refuse_insert`);
    try {
      const before = await rowCounts(hub.db, ['consent']);
      const { body } = await hub.query(
        `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
        { as: 'leeds.cm', variables: { input: consentInput() } },
      );
      expect(body.errors).toBeUndefined();
      expect((await rowCounts(hub.db, ['consent'])).consent).toBe(before.consent + 1);
    } finally {
      await hub.db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_test_refuse_insert`);
    }
  });
});

describe('when a query of the request itself fails', () => {
  afterEach(() => hub.db.query(`ALTER TABLE IF EXISTS timeline_event_hidden_by_test RENAME TO timeline_event`));

  it('returns no data and INTERNAL, not the audit’s SERVICE_UNAVAILABLE, and records nothing', async () => {
    const before = await lastSeq();
    await hub.db.query(`ALTER TABLE timeline_event RENAME TO timeline_event_hidden_by_test`);
    const { status, body } = await hub.query(
      `query($id: ID!) { child(id: $id) { identity { givenName } timeline { withheldCount } } }`,
      { as: 'leeds.cm', variables: { id: leedsChild }, service: 'cases' },
    );
    expect(status).toBe(500);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL']);
    expect(JSON.stringify(body)).not.toMatch(/givenName|timeline_event/);
    expect(await entriesAfter(before)).toEqual([]);
  });
});

describe('after all this traffic', () => {
  it('the hash chain still verifies end to end', async () => {
    const written: number = (await hub.db.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    expect(written).toBeGreaterThan(0);
    const verification = await verifyAuditChain(hub.db, { pageSize: 2 });
    expect(verification).toEqual({ ok: true, entries: written, checkpointId: null });
  });
});
