import type { DataSource, QueryRunner } from 'typeorm';
import type { KeyStore } from '../auth/key-store';
import type { AuditOperation, AuditOutcome } from './audit-entry';
import { chainGenesis, hashEntry, type ChainedAuditEntry } from './audit-hash';
import { checkpointChainHeads, checkpointSignatureValid, type AuditCheckpoint } from './audit-retention';

export interface VerifyAuditChainOptions {
  /** Public keys by kid, to check checkpoint signatures (a KeyStore will do). */
  keyStore?: Pick<KeyStore, 'publicKeys'>;
  /** Rows read per query; memory use is bounded by this, not by the size of the log. */
  pageSize?: number;
}

export type AuditChainProblem = 'BROKEN_LINK' | 'CONTENT_CHANGED' | 'BAD_CHECKPOINT' | 'PURGED_ENTRY_PRESENT';

export type AuditChainVerification =
  | { ok: true; entries: number; checkpointId: string | null }
  | {
      ok: false;
      /** The first entry that fails (bigint as text); null when the fault is a checkpoint's. */
      firstBrokenSeq: string | null;
      firstBrokenId: string | null;
      checkpointId: string | null;
      kind: AuditChainProblem;
      problem: string;
      /** Entries before the broken one that did verify. */
      entriesVerified: number;
    };

const TIMESTAMP_MICROS = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface EventRow {
  seq: string;
  chain: number;
  id: string;
  occurred_at: string;
  actor_kind: 'user' | 'client';
  actor_id: string;
  actor_agency_id: string;
  actor_roles: string[];
  purpose: string;
  operation: AuditOperation;
  outcome: AuditOutcome;
  reason: string | null;
  child_ids: string[];
  scopes: string[];
  resource: string;
  justification: ChainedAuditEntry['justification'];
  correlation_id: string;
  client_address: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes every entry's hash from its stored content and checks each links to the one before it
 * in its chain, starting from the chain's genesis or, once entries have been purged, from the head
 * the latest signed checkpoint gives it.
 * Reads one consistent snapshot, a page at a time in seq order; reports the first fault found.
 */
export async function verifyAuditChain(db: DataSource, opts: VerifyAuditChainOptions = {}): Promise<AuditChainVerification> {
  const pageSize = opts.pageSize ?? 5000;
  const publicKeys = opts.keyStore?.publicKeys ?? new Map();
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    // One snapshot, so a purge or append running meanwhile cannot make a sound chain look broken.
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');

    const checkpoints = await readCheckpoints(runner);
    for (const checkpoint of checkpoints) {
      const key = publicKeys.get(checkpoint.keyId);
      if (!key || !checkpointSignatureValid(checkpoint, key)) {
        const why = key ? 'its signature does not verify' : `no public key ${checkpoint.keyId} is known`;
        return fail(null, checkpoint.id, 'BAD_CHECKPOINT', `checkpoint ${checkpoint.id} is not trusted: ${why}`, 0);
      }
    }
    const start = checkpoints.at(-1);
    // Per chain: the hash the next entry must link to, and the seq of the entry that gave it.
    const expectedPrev = new Map(Object.entries(start ? checkpointChainHeads(start) : {}).map(([chain, hash]) => [Number(chain), hash]));
    const previousSeq = new Map<number, string>();
    let verified = 0;

    for (let after = '0'; ; ) {
      const rows: EventRow[] = await runner.query(
        `SELECT seq::text AS seq, chain, id, ${TIMESTAMP_MICROS('occurred_at')} AS occurred_at, actor_kind, actor_id,
                actor_agency_id, actor_roles, purpose, operation, outcome, reason, child_ids::text[] AS child_ids,
                scopes, resource, justification, correlation_id, client_address, user_agent, prev_hash, hash
         FROM audit_event WHERE seq > $1 ORDER BY audit_event.seq LIMIT $2`,
        [after, pageSize],
      );
      for (const row of rows) {
        const broken = (kind: AuditChainProblem, problem: string) =>
          fail(row, start?.id ?? null, kind, problem, verified);
        if (start && BigInt(row.seq) <= BigInt(start.purgedThroughSeq)) {
          return broken('PURGED_ENTRY_PRESENT', `still present though checkpoint ${start.id} says it was purged`);
        }
        const chainStart = expectedPrev.get(row.chain) ?? chainGenesis(row.chain);
        if (row.prev_hash !== chainStart) {
          const before = previousSeq.has(row.chain)
            ? `seq ${previousSeq.get(row.chain)}`
            : start ? `checkpoint ${start.id}` : `the start of chain ${row.chain}`;
          return broken('BROKEN_LINK', `prev_hash does not link to ${before}: an entry was removed, inserted or re-hashed`);
        }
        const entry = toEntry(row);
        if (!entry || hashEntry(row.prev_hash, entry) !== row.hash) {
          return broken('CONTENT_CHANGED', 'its stored content no longer matches its hash');
        }
        expectedPrev.set(row.chain, row.hash);
        previousSeq.set(row.chain, row.seq);
        verified++;
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].seq;
    }
    return { ok: true, entries: verified, checkpointId: start?.id ?? null };
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

function fail(
  row: EventRow | null,
  checkpointId: string | null,
  kind: AuditChainProblem,
  problem: string,
  entriesVerified: number,
): AuditChainVerification {
  return { ok: false, firstBrokenSeq: row?.seq ?? null, firstBrokenId: row?.id ?? null, checkpointId, kind, problem, entriesVerified };
}

async function readCheckpoints(runner: QueryRunner): Promise<AuditCheckpoint[]> {
  const rows: (Omit<AuditCheckpoint, 'createdAt'> & { createdAt: string })[] = await runner.query(
    `SELECT id, ${TIMESTAMP_MICROS('created_at')} AS "createdAt", purged_through_seq::text AS "purgedThroughSeq",
            last_hash AS "lastHash", signature, key_id AS "keyId", entries_purged AS "entriesPurged", chain_heads AS "chainHeads"
     FROM audit_checkpoint ORDER BY purged_through_seq`,
  );
  return rows.map((row) => ({ ...row, createdAt: millisecondIso(row.createdAt) ?? row.createdAt }));
}

/** The writer stores millisecond times; a value with finer precision was not written by it. */
function millisecondIso(micros: string): string | null {
  const match = /^(.*\.\d{3})000Z$/.exec(micros);
  return match ? `${match[1]}Z` : null;
}

function toEntry(row: EventRow): ChainedAuditEntry | null {
  const occurredAt = millisecondIso(row.occurred_at);
  if (!occurredAt) return null;
  return {
    id: row.id,
    occurredAt: new Date(occurredAt),
    actor: { kind: row.actor_kind, id: row.actor_id, agencyId: row.actor_agency_id, roles: row.actor_roles },
    purpose: row.purpose,
    operation: row.operation,
    outcome: row.outcome,
    reason: row.reason,
    childIds: row.child_ids,
    scopes: row.scopes,
    resource: row.resource,
    justification: row.justification,
    correlationId: row.correlation_id,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
  };
}
