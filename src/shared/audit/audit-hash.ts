import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit-entry';

/** The prev_hash of the first entry ever written (in chain 0). */
export const GENESIS_HASH = '0'.repeat(64);

/** The log is this many independent hash chains; an append takes one chain's lock, not the whole log's. */
export const AUDIT_CHAINS = 8;

/** Where each chain starts: chain 0 at GENESIS_HASH (the entries of the single-chain log), chain c at sha256("<genesis>:c"). */
export function chainGenesis(chain: number): string {
  if (!Number.isInteger(chain) || chain < 0 || chain >= AUDIT_CHAINS) throw new RangeError(`no audit chain ${chain}`);
  return chain === 0 ? GENESIS_HASH : createHash('sha256').update(`${GENESIS_HASH}:${chain}`, 'utf8').digest('hex');
}

/** An entry as stored: the contract's fields plus the id the writer gave it. */
export interface ChainedAuditEntry extends AuditEntry {
  id: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * The exact text that is hashed: JSON with object keys sorted at every level, timestamps as ISO
 * strings (millisecond precision, UTC) and arrays in the order given. Only the stored fields are
 * included, so extra properties on the object cannot change the hash.
 */
export function canonicalAuditJson(entry: ChainedAuditEntry): string {
  const content: Json = {
    id: entry.id,
    occurredAt: isoTimestamp(entry.occurredAt),
    actor: { kind: entry.actor.kind, id: entry.actor.id, agencyId: entry.actor.agencyId, roles: entry.actor.roles },
    purpose: entry.purpose,
    operation: entry.operation,
    outcome: entry.outcome,
    reason: entry.reason ?? null,
    childIds: entry.childIds,
    scopes: entry.scopes,
    resource: entry.resource,
    justification: toJson(entry.justification),
    correlationId: entry.correlationId,
    clientAddress: entry.clientAddress ?? null,
    userAgent: entry.userAgent ?? null,
  };
  return stableStringify(content);
}

/** sha256 (hex) over the previous entry's hash followed by this entry's canonical JSON. */
export function hashEntry(prevHash: string, entry: ChainedAuditEntry): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalAuditJson(entry), 'utf8').digest('hex');
}

function isoTimestamp(value: Date): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError('occurredAt must be a valid Date');
  return value.toISOString();
}

export function stableStringify(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Canonical text of any plain value (sorted keys, undefined members dropped): equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return stableStringify(toJson(value));
}

/** Plain JSON as jsonb would give it back: undefined properties vanish, nothing else is coerced. */
function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('audit justification numbers must be finite');
    return value;
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJson(item);
    return out;
  }
  throw new TypeError(`audit justification cannot hold a ${typeof value}`);
}
