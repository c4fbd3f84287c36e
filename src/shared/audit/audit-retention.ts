import { randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SigningKey } from '../auth/key-store';
import { stableStringify } from './audit-hash';
import { lockAllAuditChains } from './audit-writer';

/** What a signed checkpoint vouches for: the chain's state just after its oldest entries were purged. */
export interface AuditCheckpointFields {
  id: string;
  /** ISO 8601, millisecond precision, UTC. */
  createdAt: string;
  /** bigint, as decimal text. */
  purgedThroughSeq: string;
  /** Hash of the last purged entry: the prev_hash of the first entry kept in its chain. */
  lastHash: string;
  /**
   * Each chain's head at the purge point (chain number → hash): where the entries kept continue it.
   * Absent on checkpoints of the single-chain log, whose only chain (0) continued from lastHash.
   */
  chainHeads?: Record<string, string> | null;
  keyId: string;
  entriesPurged: number;
}

export interface AuditCheckpoint extends AuditCheckpointFields {
  /** base64 RSA-SHA256 over checkpointSigningText(fields). */
  signature: string;
}

export interface AuditPurgeResult {
  entriesPurged: number;
  checkpoint: AuditCheckpoint | null;
}

/** The prefix keeps a checkpoint signature from ever being mistaken for another signed object (e.g. a JWT). */
const SIGNING_CONTEXT = 'resettlement-hub/audit-checkpoint/v1\n';
const SIGNING_CONTEXT_CHAINS = 'resettlement-hub/audit-checkpoint/v2\n';

export function checkpointSigningText(fields: AuditCheckpointFields): string {
  const { id, createdAt, purgedThroughSeq, lastHash, keyId, entriesPurged, chainHeads } = fields;
  if (!chainHeads) return SIGNING_CONTEXT + stableStringify({ id, createdAt, purgedThroughSeq, lastHash, keyId, entriesPurged });
  return SIGNING_CONTEXT_CHAINS + stableStringify({ id, createdAt, purgedThroughSeq, lastHash, keyId, entriesPurged, chainHeads });
}

/** Each chain's head as a checkpoint leaves it (the single-chain log's checkpoints: chain 0 at lastHash). */
export function checkpointChainHeads(checkpoint: Pick<AuditCheckpointFields, 'lastHash' | 'chainHeads'>): Record<string, string> {
  return checkpoint.chainHeads ?? { '0': checkpoint.lastHash };
}

export function checkpointSignatureValid(checkpoint: AuditCheckpoint, publicKey: KeyObject): boolean {
  try {
    const text = Buffer.from(checkpointSigningText(checkpoint), 'utf8');
    return verify('RSA-SHA256', text, publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Deletes the entries that occurred before `cutoff`, but only as a prefix of the log: the purge
 * stops at the first entry (in seq order) that is still within retention, even if later entries
 * are older. Writes a signed checkpoint with every chain's head so the entries kept stay
 * verifiable. One transaction, holding every chain's lock.
 */
export async function purgeAuditBefore(db: DataSource, cutoff: Date, signingKey: SigningKey): Promise<AuditPurgeResult> {
  if (Number.isNaN(cutoff.getTime()) || cutoff.getTime() > Date.now()) {
    throw new RangeError('the audit purge cutoff must be a valid time in the past');
  }
  return db.transaction(async (manager) => {
    await lockAllAuditChains(manager);
    const [last]: { seq: string; hash: string }[] = await manager.query(
      `WITH first_kept AS (SELECT seq FROM audit_event WHERE occurred_at >= $1 ORDER BY seq LIMIT 1)
       SELECT e.seq::text AS seq, e.hash FROM audit_event e
       WHERE NOT EXISTS (SELECT FROM first_kept) OR e.seq < (SELECT seq FROM first_kept)
       ORDER BY e.seq DESC LIMIT 1`,
      [cutoff.toISOString()],
    );
    if (!last) return { entriesPurged: 0, checkpoint: null };
    const [previous]: { last_hash: string; chain_heads: Record<string, string> | null }[] = await manager.query(
      `SELECT last_hash, chain_heads FROM audit_checkpoint ORDER BY purged_through_seq DESC LIMIT 1`,
    );
    const purgedHeads: { chain: number; hash: string }[] = await manager.query(
      `SELECT DISTINCT ON (chain) chain, hash FROM audit_event WHERE seq <= $1 ORDER BY chain, seq DESC`,
      [last.seq],
    );
    const chainHeads = previous ? { ...checkpointChainHeads({ lastHash: previous.last_hash, chainHeads: previous.chain_heads }) } : {};
    for (const head of purgedHeads) chainHeads[String(head.chain)] = head.hash;

    await manager.query(`SET LOCAL hub.audit_purge = 'on'`);
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH purged AS (DELETE FROM audit_event WHERE seq <= $1 RETURNING 1) SELECT count(*)::int AS n FROM purged`,
      [last.seq],
    );
    await manager.query(`SET LOCAL hub.audit_purge = 'off'`);

    const fields: AuditCheckpointFields = {
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      purgedThroughSeq: last.seq,
      lastHash: last.hash,
      keyId: signingKey.kid,
      entriesPurged: n,
      chainHeads,
    };
    const signature = sign('RSA-SHA256', Buffer.from(checkpointSigningText(fields), 'utf8'), signingKey.privateKey);
    const checkpoint: AuditCheckpoint = { ...fields, signature: signature.toString('base64') };
    await manager.query(
      `INSERT INTO audit_checkpoint (id, created_at, purged_through_seq, last_hash, signature, key_id, entries_purged, chain_heads)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [checkpoint.id, checkpoint.createdAt, checkpoint.purgedThroughSeq, checkpoint.lastHash, checkpoint.signature,
        checkpoint.keyId, checkpoint.entriesPurged, JSON.stringify(chainHeads)],
    );
    return { entriesPurged: n, checkpoint };
  });
}
