import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../shared/auth/principal';
import { DomainError, ValidationError } from '../../shared/errors/domain.error';

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** What a mutation answered the first time: the ids the answer is read back from. */
export type StoredAnswer = Record<string, string>;

export type IdempotencyClaim = { kind: 'first'; id: string } | { kind: 'replay'; answer: StoredAnswer };

export function parseIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (!KEY.test(key)) throw new ValidationError('idempotencyKey', 'must be 8-128 letters, digits or . _ : -');
  return key;
}

/**
 * Claims `key` for this principal and operation. A second claim with the same input is a replay
 * of the first answer; with another operation or input it is a CONFLICT. A concurrent claim waits
 * on the unique index until the first commits (then replays) or rolls back (then acts).
 */
export async function claimIdempotencyKey(
  db: EntityManager,
  principal: Principal,
  key: string,
  operation: string,
  input: unknown,
): Promise<IdempotencyClaim> {
  const hash = requestHash(input);
  const id = randomUUID();
  const inserted: { id: string }[] = await db.query(
    `INSERT INTO idempotency_key (id, principal_kind, principal_id, key, operation, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (principal_id, key) DO NOTHING RETURNING id`,
    [id, principal.kind, principal.id, key, operation, hash],
  );
  if (inserted.length === 1) return { kind: 'first', id };
  const [existing]: { operation: string; request_hash: string; response: StoredAnswer | null }[] = await db.query(
    `SELECT operation, request_hash, response FROM idempotency_key WHERE principal_id = $1 AND key = $2`,
    [principal.id, key],
  );
  if (!existing || existing.operation !== operation || existing.request_hash !== hash || !existing.response) {
    throw new DomainError('CONFLICT', 'This idempotency key was already used for a different request', { field: 'idempotencyKey' });
  }
  return { kind: 'replay', answer: existing.response };
}

export async function storeIdempotentAnswer(db: EntityManager, id: string, answer: StoredAnswer): Promise<void> {
  await db.query(`UPDATE idempotency_key SET response = $2 WHERE id = $1`, [id, JSON.stringify(answer)]);
}

/** SHA-256 of the input as canonical JSON (keys sorted), so key order never matters. */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
