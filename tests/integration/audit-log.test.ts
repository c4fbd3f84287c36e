import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { generateKeyPair, loadKeyStore, type KeyStore, type SigningKey } from '../../src/shared/auth/key-store';
import type { AuditEntry } from '../../src/shared/audit/audit-entry';
import { chainGenesis, GENESIS_HASH, hashEntry } from '../../src/shared/audit/audit-hash';
import { checkpointSigningText, purgeAuditBefore } from '../../src/shared/audit/audit-retention';
import { verifyAuditChain } from '../../src/shared/audit/audit-verifier';
import { appendAuditEntries, AUDIT_OPERATIONS, LOCK_AUDIT_CHAIN } from '../../src/shared/audit/audit-writer';
import { createDataSource } from '../../src/shared/db/data-source';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
let keysDir: string;
let keyStore: KeyStore;
let signingKey: SigningKey;

beforeAll(async () => {
  database = await createTestDatabase('seeded');
  keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-keys-'));
  generateKeyPair(keysDir);
  keyStore = loadKeyStore(keysDir, { generateIfEmpty: false });
  signingKey = keyStore.signingKey!;
});
afterAll(async () => {
  await database?.drop();
  if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
});

/**
 * Each test starts from an empty log (the superuser bypasses the triggers to clear it) whose seq
 * crosses from two digits to three, so any ordering by seq as text instead of number shows up.
 */
beforeEach(async () => {
  await database.db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(`DELETE FROM audit_event`);
    await tx.query(`DELETE FROM audit_checkpoint`);
    await tx.query(`ALTER TABLE audit_event ALTER COLUMN seq RESTART WITH 98`);
  });
});

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    occurredAt: new Date(),
    actor: { kind: 'user', id: randomUUID(), agencyId: randomUUID(), roles: ['CASE_MANAGER'] },
    purpose: 'RESETTLEMENT_PLANNING',
    operation: 'CONSULT',
    outcome: 'ALLOWED',
    reason: null,
    childIds: [randomUUID()],
    scopes: ['identity', 'custody'],
    resource: 'child',
    justification: { agreementId: randomUUID(), agreementVersion: 1, consentIds: [randomUUID()] },
    correlationId: randomUUID(),
    clientAddress: '127.0.0.1',
    userAgent: 'audit-log.test',
    ...overrides,
  };
}

function append(entries: AuditEntry[], db: DataSource = database.db): Promise<void> {
  return db.transaction((tx) => appendAuditEntries(tx, entries));
}

/** Appends while other transactions hold the locks of chains 0..busy-1, so the entries go to chain `busy`. */
async function appendToChain(busy: number, entries: AuditEntry[]): Promise<void> {
  const holder = createDataSource({ url: database.url, poolSize: 1, applicationName: 'audit-chain-holder' });
  await holder.initialize();
  const runner = holder.createQueryRunner();
  try {
    await runner.startTransaction();
    for (let chain = 0; chain < busy; chain++) await runner.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_AUDIT_CHAIN, chain]);
    await append(entries);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
    await holder.destroy();
  }
}

async function chainsOf(): Promise<Map<string, number>> {
  const stored: { correlation_id: string; chain: number }[] = await database.db.query(`SELECT correlation_id, chain FROM audit_event`);
  return new Map(stored.map((r) => [r.correlation_id, r.chain]));
}

async function rows(): Promise<{ seq: string; id: string; prev_hash: string; hash: string; correlation_id: string }[]> {
  return database.db.query(`SELECT seq::text AS seq, id, prev_hash, hash, correlation_id FROM audit_event ORDER BY audit_event.seq`);
}

/** Runs SQL as the superuser with the user triggers switched off, as an attacker with full access could. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
    await tx.query(sql, params);
    await tx.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
  });
}

function asHubApp<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.query(`SET LOCAL ROLE hub_app`);
    return work(tx);
  });
}

describe('appending', () => {
  it('chains entries from genesis in insertion order, across requests', async () => {
    const first = [entry({ correlationId: 'a1' }), entry({ correlationId: 'a2' }), entry({ correlationId: 'a3' })];
    await append(first);
    await append([entry({ correlationId: 'b1' }), entry({ correlationId: 'b2' })]);

    const stored = await rows();
    expect(stored.map((r) => r.correlation_id)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(stored[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < stored.length; i++) expect(stored[i].prev_hash).toBe(stored[i - 1].hash);
    expect(await verifyAuditChain(database.db, { pageSize: 2 })).toEqual({ ok: true, entries: 5, checkpointId: null });
  });

  it('stores every AuditOperation and upper-case uuids in a form that still verifies', async () => {
    await append(AUDIT_OPERATIONS.map((operation) => entry({ operation, childIds: [randomUUID().toUpperCase()] })));
    const operations: { operation: string }[] = await database.db.query(`SELECT operation FROM audit_event ORDER BY seq`);
    expect(operations.map((r) => r.operation)).toEqual(AUDIT_OPERATIONS);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: AUDIT_OPERATIONS.length });
  });

  it('leaves nothing behind when the request transaction rolls back', async () => {
    await append([entry()]);
    const failure = new Error('request failed after auditing');
    await expect(
      database.db.transaction(async (tx) => {
        await appendAuditEntries(tx, [entry({ correlationId: 'rolled-back' }), entry({ correlationId: 'rolled-back' })]);
        throw failure;
      }),
    ).rejects.toBe(failure);
    await append([entry()]);
    const stored = await rows();
    expect(stored).toHaveLength(2);
    expect(stored.some((r) => r.correlation_id === 'rolled-back')).toBe(false);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 2 });
  });

  it('refuses to write outside a transaction or under a snapshot that could fork the chain', async () => {
    await expect(appendAuditEntries(database.db.manager, [entry()])).rejects.toThrow(/inside the transaction/);
    await expect(database.db.transaction('REPEATABLE READ', (tx) => appendAuditEntries(tx, [entry()]))).rejects.toThrow(
      /READ COMMITTED/,
    );
    await expect(appendAuditEntries(database.db.manager, [])).resolves.toBeUndefined();
    await expect(append([entry({ reason: 'the child told me about her brother' })])).rejects.toThrow(/reason/);
    expect(await rows()).toHaveLength(0);
  });

  it('starts chain 1 at its own genesis when chain 0 is busy, and each chain verifies on its own', async () => {
    await append([entry({ correlationId: 'zero-1' })]);
    await appendToChain(1, [entry({ correlationId: 'one-1' }), entry({ correlationId: 'one-2' })]);
    await append([entry({ correlationId: 'zero-2' })]);
    expect(await chainsOf()).toEqual(new Map([['zero-1', 0], ['one-1', 1], ['one-2', 1], ['zero-2', 0]]));
    const [zero1, one1, one2, zero2] = await rows();
    expect([one1.prev_hash, one2.prev_hash, zero2.prev_hash]).toEqual([chainGenesis(1), one1.hash, zero1.hash]);
    expect(chainGenesis(1)).not.toBe(GENESIS_HASH);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 4, checkpointId: null });

    await tamper(`UPDATE audit_event SET resource = 'forged' WHERE id = $1`, [one2.id]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, kind: 'CONTENT_CHANGED', firstBrokenId: one2.id });
  });

  it('keeps every chain unbroken under 200 concurrent request transactions, spread over several chains', async () => {
    const pool = createDataSource({ url: database.url, poolSize: 20, applicationName: 'audit-concurrency' });
    await pool.initialize();
    try {
      const requests = Array.from({ length: 200 }, (_, i) =>
        Array.from({ length: 1 + (i % 3) }, () => entry({ correlationId: `req-${i}` })),
      );
      await Promise.all(
        requests.map((entries) =>
          pool.transaction(async (tx) => {
            await appendAuditEntries(tx, entries);
            await tx.query('SELECT pg_sleep(0.002)'); // keep the lock while the "request" finishes
          }),
        ),
      );
      const expected = requests.reduce((n, r) => n + r.length, 0);
      expect(await verifyAuditChain(database.db, { pageSize: 97 })).toEqual({ ok: true, entries: expected, checkpointId: null });
      const perRequest: { correlation_id: string; n: number }[] = await database.db.query(
        `SELECT correlation_id, count(*)::int AS n FROM audit_event GROUP BY 1`,
      );
      expect(new Map(perRequest.map((r) => [r.correlation_id, r.n]))).toEqual(
        new Map(requests.map((r, i) => [`req-${i}`, r.length])),
      );
      const [{ chains, split }]: { chains: number; split: number }[] = await database.db.query(
        `SELECT (SELECT count(DISTINCT chain)::int FROM audit_event) AS chains,
                (SELECT count(*)::int FROM (SELECT 1 FROM audit_event GROUP BY correlation_id HAVING count(DISTINCT chain) > 1) x) AS split`,
      );
      expect(chains).toBeGreaterThan(1); // the writers did not queue on one lock
      expect(split).toBe(0); // a request's entries stay together in one chain
    } finally {
      await pool.destroy();
    }
  });
});

describe('protection', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even to the superuser', async () => {
    await append([entry(), entry()]);
    await expect(database.db.query(`UPDATE audit_event SET purpose = 'X'`)).rejects.toThrow(/append-only/);
    await expect(database.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(database.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    await expect(database.db.query(`TRUNCATE audit_checkpoint`)).rejects.toThrow(/append-only/);
    await expect(database.db.query(`DELETE FROM audit_checkpoint`)).rejects.toThrow(/append-only/);
    expect(await rows()).toHaveLength(2);
  });

  it('lets hub_app read and append but never change or delete', async () => {
    await append([entry()]);
    await asHubApp((tx) => appendAuditEntries(tx, [entry({ correlationId: 'as-hub-app' })]));
    const seen = await asHubApp((tx) => tx.query(`SELECT count(*)::int AS n FROM audit_event`));
    expect(seen).toEqual([{ n: 2 }]);
    await expect(asHubApp((tx) => tx.query(`UPDATE audit_event SET purpose = 'X'`))).rejects.toThrow(
      /permission denied for table audit_event/,
    );
    await expect(
      asHubApp(async (tx) => {
        await tx.query(`SET LOCAL hub.audit_purge = 'on'`);
        await tx.query(`DELETE FROM audit_event`);
      }),
    ).rejects.toThrow(/permission denied for table audit_event/);
    await expect(asHubApp((tx) => tx.query(`TRUNCATE audit_event`))).rejects.toThrow(/permission denied/);
    await expect(asHubApp((tx) => tx.query(`INSERT INTO audit_checkpoint SELECT * FROM audit_checkpoint`))).rejects.toThrow(
      /permission denied for table audit_checkpoint/,
    );
    // The rest of the schema is the application's to use normally.
    await asHubApp((tx) => tx.query(`UPDATE child SET version = version WHERE false`));
    expect(await rows()).toHaveLength(2);
  });
});

describe('verification', () => {
  it('names the row a superuser changed with the trigger disabled', async () => {
    await append([entry(), entry(), entry()]);
    await append([entry(), entry()]);
    const target = (await rows())[3];
    await tamper(`UPDATE audit_event SET child_ids = array_append(child_ids, gen_random_uuid()) WHERE seq = $1`, [target.seq]);
    expect(await verifyAuditChain(database.db, { pageSize: 2 })).toMatchObject({
      ok: false,
      kind: 'CONTENT_CHANGED',
      firstBrokenSeq: target.seq,
      firstBrokenId: target.id,
      entriesVerified: 3,
    });
  });

  it('notices a change finer than a millisecond, made in replica mode', async () => {
    await append([entry(), entry()]);
    const target = (await rows())[1];
    await database.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`UPDATE audit_event SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = $1`, [target.seq]);
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, firstBrokenSeq: target.seq });
  });

  it('notices a deleted entry at the entry that follows', async () => {
    await append([entry(), entry(), entry(), entry()]);
    const [, second, third] = await rows();
    await tamper(`DELETE FROM audit_event WHERE seq = $1`, [second.seq]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, kind: 'BROKEN_LINK', firstBrokenSeq: third.seq });
  });

  it('notices an entry changed and re-hashed, at the entry that follows', async () => {
    const written = [entry(), entry(), entry()];
    await append(written);
    const [, second, third] = await rows();
    const forged = { ...written[1], id: second.id, purpose: 'SOMETHING_ELSE' };
    await tamper(`UPDATE audit_event SET purpose = $1, hash = $2 WHERE seq = $3`, [
      forged.purpose,
      hashEntry(second.prev_hash, forged),
      second.seq,
    ]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, kind: 'BROKEN_LINK', firstBrokenSeq: third.seq });
  });
});

describe('retention', () => {
  const longAgo = (day: number) => new Date(Date.UTC(2015, 0, day));
  const cutoff = new Date(Date.UTC(2020, 0, 1));

  it('purges the oldest entries and the rest verifies from the signed checkpoint', async () => {
    await append([entry({ occurredAt: longAgo(1) }), entry({ occurredAt: longAgo(2) })]);
    await append([entry({ occurredAt: longAgo(3) }), entry(), entry()]);
    const before = await rows();

    const result = await purgeAuditBefore(database.db, cutoff, signingKey);
    expect(result.entriesPurged).toBe(3);
    expect(result.checkpoint).toMatchObject({ purgedThroughSeq: before[2].seq, lastHash: before[2].hash, keyId: signingKey.kid });
    expect((await rows()).map((r) => r.id)).toEqual(before.slice(3).map((r) => r.id));

    await append([entry()]);
    expect(await verifyAuditChain(database.db, { keyStore })).toEqual({
      ok: true,
      entries: 3,
      checkpointId: result.checkpoint!.id,
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, kind: 'BAD_CHECKPOINT' });
  });

  it('continues the chain from the checkpoint when every entry was purged', async () => {
    await append([entry({ occurredAt: longAgo(1) }), entry({ occurredAt: longAgo(2) })]);
    const { checkpoint } = await purgeAuditBefore(database.db, cutoff, signingKey);
    expect(await rows()).toHaveLength(0);
    await append([entry()]);
    expect((await rows())[0].prev_hash).toBe(checkpoint!.lastHash);
    expect(await verifyAuditChain(database.db, { keyStore })).toMatchObject({ ok: true, entries: 1 });
    expect(await purgeAuditBefore(database.db, cutoff, signingKey)).toEqual({ entriesPurged: 0, checkpoint: null });
  });

  it('records every chain’s head in the checkpoint, and each chain continues from it', async () => {
    await append([entry({ occurredAt: longAgo(1), correlationId: 'zero-old' })]);
    await appendToChain(1, [entry({ occurredAt: longAgo(2), correlationId: 'one-old' })]);
    const purged = await rows();
    const { checkpoint } = await purgeAuditBefore(database.db, cutoff, signingKey);
    expect(checkpoint!.chainHeads).toEqual({ '0': purged[0].hash, '1': purged[1].hash });
    await append([entry({ correlationId: 'zero-new' })]);
    await appendToChain(1, [entry({ correlationId: 'one-new' })]);
    await appendToChain(2, [entry({ correlationId: 'two-new' })]);
    const [zero, one, two] = await rows();
    expect([zero.prev_hash, one.prev_hash, two.prev_hash]).toEqual([purged[0].hash, purged[1].hash, chainGenesis(2)]);
    expect(await verifyAuditChain(database.db, { keyStore })).toEqual({ ok: true, entries: 3, checkpointId: checkpoint!.id });
  });

  it('carries forward the head of a chain a later purge took nothing from', async () => {
    await append([entry({ occurredAt: longAgo(1) })]);
    await appendToChain(1, [entry({ occurredAt: longAgo(2), correlationId: 'one-old' })]);
    const oneOld = (await rows())[1];
    await purgeAuditBefore(database.db, cutoff, signingKey);
    await append([entry({ occurredAt: longAgo(3), correlationId: 'zero-old-2' })]);
    const zeroOld2 = (await rows())[0];
    const { checkpoint } = await purgeAuditBefore(database.db, cutoff, signingKey);
    expect(checkpoint).toMatchObject({ entriesPurged: 1, chainHeads: { '0': zeroOld2.hash, '1': oneOld.hash } });
    await appendToChain(1, [entry({ correlationId: 'one-new' })]);
    expect((await rows())[0].prev_hash).toBe(oneOld.hash);
    expect(await verifyAuditChain(database.db, { keyStore })).toEqual({ ok: true, entries: 1, checkpointId: checkpoint!.id });
  });

  it('only ever purges a prefix of the chain', async () => {
    await append([entry({ occurredAt: longAgo(1) }), entry(), entry({ occurredAt: longAgo(2) })]);
    const before = await rows();
    expect(await purgeAuditBefore(database.db, cutoff, signingKey)).toMatchObject({ entriesPurged: 1 });
    expect((await rows()).map((r) => r.id)).toEqual([before[1].id, before[2].id]);
    expect(await verifyAuditChain(database.db, { keyStore })).toMatchObject({ ok: true, entries: 2 });

    // Even with the purge switch on, the database refuses to cut an entry out of the middle.
    await expect(
      database.db.transaction(async (tx) => {
        await tx.query(`SET LOCAL hub.audit_purge = 'on'`);
        await tx.query(`DELETE FROM audit_event WHERE seq = $1`, [before[2].seq]);
      }),
    ).rejects.toThrow(/prefix/);
    expect(await rows()).toHaveLength(2);
  });

  it('rejects a forged checkpoint covering entries deleted by hand', async () => {
    await append([entry(), entry(), entry()]);
    const [first, second, third] = await rows();
    // The attacker reuses the real key id but can only sign with a key of their own.
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const fields = {
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      purgedThroughSeq: second.seq,
      lastHash: second.hash,
      keyId: signingKey.kid,
      entriesPurged: 2,
    };
    const signature = sign('RSA-SHA256', Buffer.from(checkpointSigningText(fields)), forger).toString('base64');
    await tamper(`DELETE FROM audit_event WHERE seq <= $1`, [second.seq]);
    await database.db.query(
      `INSERT INTO audit_checkpoint (id, created_at, purged_through_seq, last_hash, signature, key_id, entries_purged)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [fields.id, fields.createdAt, fields.purgedThroughSeq, fields.lastHash, signature, fields.keyId, 2],
    );
    expect(first.seq).not.toBe(third.seq);
    expect(await verifyAuditChain(database.db, { keyStore })).toMatchObject({
      ok: false,
      kind: 'BAD_CHECKPOINT',
      checkpointId: fields.id,
    });
  });
});
