import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditEntry, AuditJustification, AuditOperation, AuditOutcome } from './audit-entry';
import { AUDIT_CHAINS, canonicalAuditJson, type ChainedAuditEntry } from './audit-hash';
import { sqlLiteral } from '../db/sql-literal';

/** Advisory lock class (transaction-scoped; the second key is the chain) serialising appends to a chain, and purges. */
export const LOCK_AUDIT_CHAIN = 7_310_062;

// A Record, so the compiler insists every AuditOperation is listed (and nothing else).
const OPERATIONS: Record<AuditOperation, true> = {
  CONSULT: true,
  DISCLOSE: true,
  ALTER: true,
  CONSENT_RECORD: true,
  CONSENT_WITHDRAW: true,
  SHARE_WITHOUT_CONSENT: true,
  TEAM_COVER_GRANT: true,
  ERASE: true,
  AUDIT_READ: true,
};
export const AUDIT_OPERATIONS = Object.keys(OPERATIONS) as AuditOperation[];
const OUTCOMES: readonly AuditOutcome[] = ['ALLOWED', 'DENIED'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REASON_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const USER_AGENT_MAX = 512;

/**
 * Appends a request's entries to the chain inside the caller's open transaction, so they commit
 * or roll back with the data they record.
 */
export async function appendAuditEntries(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  const append = await prepareAuditAppend(manager, entries);
  if (append) await manager.query(append);
}

/**
 * The statement that appends the entries, self-contained (the rows as one escaped JSON literal),
 * for the caller to send with its COMMIT in one message; null when there is nothing to append.
 *
 * A chain's lock serialises the requests appending to it from the moment it is taken to the
 * commit, so nothing may wait on this process in between. The stored function `audit_append`
 * (migration 1764140011000) takes the first of the AUDIT_CHAINS chains whose lock is free (chain 0
 * when nothing else is appending), and waits for one only when all are busy: the lock, the read of
 * the chain head, the hashing and the INSERT all run in PostgreSQL, in one call. Each entry's hash
 * is sha256 over the previous hash followed by the entry's canonical JSON (computed here,
 * beforehand), exactly as hashEntry computes it. Each statement of the function takes its own
 * snapshot under READ COMMITTED, so the head is read after the lock is held and is the one the
 * previous holder committed.
 */
export async function prepareAuditAppend(manager: EntityManager, entries: AuditEntry[]): Promise<string | null> {
  if (entries.length === 0) return null;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('audit entries must be written inside the transaction of the data they record');
  }
  const rows = entries.map((entry, index) => {
    const prepared = prepareEntry(entry, index);
    return { ...toRow(prepared), canonical: canonicalAuditJson(prepared) };
  });
  return `SELECT audit_append(${sqlLiteral(JSON.stringify(rows))}::jsonb)`;
}

/**
 * Takes every chain's lock for the rest of the caller's transaction (the retention purge), in chain
 * order; an append holds only one, so nobody waits in a cycle. Only READ COMMITTED sees the heads
 * other writers committed while we waited; a snapshot taken earlier would fork a chain.
 */
export async function lockAllAuditChains(manager: EntityManager): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('audit entries must be written inside the transaction of the data they record');
  }
  const [{ isolation }]: { isolation: string }[] = await manager.query(
    `SELECT (SELECT count(*) FROM (SELECT pg_advisory_xact_lock($1, c) FROM generate_series(0, $2 - 1) AS c) AS l)::text AS locked,
            current_setting('transaction_isolation') AS isolation`,
    [LOCK_AUDIT_CHAIN, AUDIT_CHAINS],
  );
  if (isolation !== 'read committed') {
    throw new Error(`the audit chain can only be appended under READ COMMITTED (transaction is ${isolation})`);
  }
}

/** The columns `audit_append` reads from each row (it computes prev_hash and hash), plus `canonical`. */
function toRow(entry: ChainedAuditEntry): Record<string, unknown> {
  return {
    id: entry.id,
    occurred_at: entry.occurredAt.toISOString(),
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id,
    actor_agency_id: entry.actor.agencyId,
    actor_roles: entry.actor.roles,
    purpose: entry.purpose,
    operation: entry.operation,
    outcome: entry.outcome,
    reason: entry.reason,
    child_ids: entry.childIds,
    scopes: entry.scopes,
    resource: entry.resource,
    justification: entry.justification,
    correlation_id: entry.correlationId,
    client_address: entry.clientAddress,
    user_agent: entry.userAgent,
  };
}

/**
 * Checks the entry holds ids and codes only and copies it into exactly the form PostgreSQL will
 * give back (lower-case uuids, only the known justification keys), so the stored row re-hashes.
 */
function prepareEntry(entry: AuditEntry, index: number): ChainedAuditEntry {
  const fail = (field: string, rule: string): never => {
    throw new TypeError(`audit entry #${index}: ${field} ${rule}`);
  };
  const uuid = (field: string, value: unknown): string =>
    typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : fail(field, 'must be a uuid');
  const code = (field: string, value: unknown, max: number): string =>
    typeof value === 'string' && value.length > 0 && value.length <= max
      ? value
      : fail(field, `must be a string of 1-${max} characters`);
  const list = <T>(field: string, value: unknown, item: (f: string, v: unknown) => T): T[] =>
    Array.isArray(value) ? value.map((v, i) => item(`${field}[${i}]`, v)) : fail(field, 'must be an array');

  const occurredAt = entry.occurredAt;
  const year = occurredAt instanceof Date ? occurredAt.getUTCFullYear() : NaN;
  if (!(year >= 1970 && year <= 9999)) fail('occurredAt', 'must be a valid Date');
  if (entry.actor?.kind !== 'user' && entry.actor?.kind !== 'client') fail('actor.kind', "must be 'user' or 'client'");
  if (!Object.hasOwn(OPERATIONS, entry.operation)) fail('operation', 'is not an AuditOperation');
  if (!OUTCOMES.includes(entry.outcome)) fail('outcome', 'must be ALLOWED or DENIED');
  if (entry.reason != null && !REASON_CODE.test(entry.reason)) fail('reason', 'must be an UPPER_SNAKE code or null');
  // Header values are cut (by code point, so no half surrogate pair) rather than failing the request.
  const optionalText = (field: string, value: string | null | undefined, max: number) =>
    value == null
      ? null
      : typeof value === 'string'
        ? Array.from(value).slice(0, max).join('')
        : fail(field, 'must be a string or null');

  return {
    id: randomUUID(),
    occurredAt,
    actor: {
      kind: entry.actor.kind,
      id: uuid('actor.id', entry.actor.id),
      agencyId: uuid('actor.agencyId', entry.actor.agencyId),
      roles: list('actor.roles', entry.actor.roles, (f, v) => code(f, v, 100)),
    },
    purpose: code('purpose', entry.purpose, 100),
    operation: entry.operation,
    outcome: entry.outcome,
    reason: entry.reason ?? null,
    childIds: list('childIds', entry.childIds, uuid),
    scopes: list('scopes', entry.scopes, (f, v) => code(f, v, 64)),
    resource: code('resource', entry.resource, 200),
    justification: prepareJustification(entry.justification ?? {}, (field, rule) => fail(`justification.${field}`, rule)),
    correlationId: code('correlationId', entry.correlationId, 200),
    clientAddress: optionalText('clientAddress', entry.clientAddress, 100),
    userAgent: optionalText('userAgent', entry.userAgent, USER_AGENT_MAX),
  };
}

function prepareJustification(
  given: AuditJustification,
  fail: (field: string, rule: string) => never,
): AuditJustification {
  const out: AuditJustification = {};
  const ids = (field: string, value: unknown): string[] =>
    Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 100)
      ? [...value]
      : fail(field, 'must be an array of ids');
  if (given.agreementId !== undefined) {
    if (typeof given.agreementId !== 'string' || given.agreementId.length === 0 || given.agreementId.length > 100) {
      fail('agreementId', 'must be an id');
    }
    out.agreementId = given.agreementId;
  }
  if (given.agreementVersion !== undefined) {
    if (!Number.isSafeInteger(given.agreementVersion)) fail('agreementVersion', 'must be an integer');
    out.agreementVersion = given.agreementVersion;
  }
  if (given.consentIds !== undefined) out.consentIds = ids('consentIds', given.consentIds);
  if (given.grantIds !== undefined) out.grantIds = ids('grantIds', given.grantIds);
  if (given.recipientAgencyIds !== undefined) out.recipientAgencyIds = ids('recipientAgencyIds', given.recipientAgencyIds);
  if (given.relationship !== undefined) {
    if (typeof given.relationship !== 'string' || given.relationship.length > 100) fail('relationship', 'must be a code');
    out.relationship = given.relationship;
  }
  return out;
}
