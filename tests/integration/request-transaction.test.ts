import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../src/shared/audit/audit-entry';
import { prepareAuditAppend } from '../../src/shared/audit/audit-writer';
import { RequestTransaction } from '../../src/shared/db/request-transaction';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('seeded');
});
afterAll(async () => {
  await database?.drop();
});

const entry = (correlationId: string): AuditEntry => ({
  occurredAt: new Date(), actor: { kind: 'user', id: randomUUID(), agencyId: randomUUID(), roles: ['CASE_MANAGER'] },
  purpose: 'RESETTLEMENT_PLANNING', operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds: [randomUUID()], scopes: ['identity'],
  resource: 'child', justification: {}, correlationId, clientAddress: '127.0.0.1', userAgent: 'test',
});
const stored = async (correlationId: string) =>
  ((await database.db.query('SELECT count(*)::int AS n FROM audit_event WHERE correlation_id = $1', [correlationId])) as { n: number }[])[0].n;

// The disclosure-log append rides with the COMMIT (one message while the chain is locked).
test('a final statement commits with the transaction', async () => {
  const tx = new RequestTransaction(database.db);
  const correlationId = `commit-${randomUUID()}`;
  await tx.commit((await prepareAuditAppend(await tx.manager(), [entry(correlationId)]))!);
  expect(await stored(correlationId)).toBe(1);
});

test('a final statement that fails commits nothing, hands back a clean connection and keeps its data out of the error', async () => {
  await database.db.query(`
    CREATE FUNCTION request_tx_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused (test)'; END $$;
    CREATE TRIGGER request_tx_test_refuse BEFORE INSERT ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION request_tx_test_refuse();`);
  const correlationId = `refused-${randomUUID()}`;
  try {
    const tx = new RequestTransaction(database.db);
    const manager = await tx.manager();
    await manager.query(`INSERT INTO consortium (id, code, name) VALUES ($1, 'TX_TEST', 'Rolled back with the log entry')`, [randomUUID()]);
    const error: unknown = await tx.commit((await prepareAuditAppend(manager, [entry(correlationId)]))!).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(correlationId);
  } finally {
    await database.db.query('DROP TRIGGER request_tx_test_refuse ON audit_event; DROP FUNCTION request_tx_test_refuse();');
  }
  expect(await stored(correlationId)).toBe(0);
  expect(await database.db.query(`SELECT 1 FROM consortium WHERE code = 'TX_TEST'`)).toEqual([]);
  // Every pooled connection is usable: none was returned inside the aborted transaction.
  await Promise.all(Array.from({ length: 10 }, () => database.db.query('SELECT 1')));
});
