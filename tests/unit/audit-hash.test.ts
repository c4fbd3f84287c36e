import { createHash } from 'node:crypto';
import { AUDIT_CHAINS, canonicalAuditJson, chainGenesis, GENESIS_HASH, hashEntry, type ChainedAuditEntry } from '../../src/shared/audit/audit-hash';

function sampleEntry(): ChainedAuditEntry {
  return {
    id: '6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e5f',
    occurredAt: new Date('2025-03-04T05:06:07.089Z'),
    actor: {
      kind: 'user',
      id: '11111111-1111-4111-8111-111111111111',
      agencyId: '22222222-2222-4222-8222-222222222222',
      roles: ['CASE_MANAGER', 'SUPERVISOR'],
    },
    purpose: 'RESETTLEMENT_PLANNING',
    operation: 'CONSULT',
    outcome: 'ALLOWED',
    reason: null,
    childIds: ['33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444'],
    scopes: ['identity', 'custody'],
    resource: 'child',
    justification: {
      agreementId: '55555555-5555-4555-8555-555555555555',
      agreementVersion: 3,
      consentIds: ['66666666-6666-4666-8666-666666666666'],
      grantIds: [],
      relationship: 'HOME_YJS',
    },
    correlationId: 'req-0001',
    clientAddress: '10.0.0.7',
    userAgent: 'hub-tests/1.0',
  };
}

/** The same entry built with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

const PREV = 'ab'.repeat(32);

describe('canonicalAuditJson', () => {
  it('does not depend on the order in which keys were set', () => {
    const entry = sampleEntry();
    const reordered = reversedKeys(entry);
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(entry)[0]);
    expect(canonicalAuditJson(reordered)).toBe(canonicalAuditJson(entry));
    expect(hashEntry(PREV, reordered)).toBe(hashEntry(PREV, entry));
  });

  it('writes sorted keys, ISO timestamps and arrays in the order given', () => {
    const json = canonicalAuditJson(sampleEntry());
    expect(json.startsWith('{"actor":{"agencyId":')).toBe(true);
    expect(json).toContain('"occurredAt":"2025-03-04T05:06:07.089Z"');
    expect(json).toContain('"scopes":["identity","custody"]');
    expect(JSON.parse(json).childIds).toEqual(sampleEntry().childIds);
  });

  it('ignores properties that are not stored and justification keys left undefined', () => {
    const withExtras = { ...sampleEntry(), internalNote: 'never stored' } as ChainedAuditEntry;
    expect(canonicalAuditJson(withExtras)).toBe(canonicalAuditJson(sampleEntry()));
    const withUndefined = sampleEntry();
    withUndefined.justification = { ...withUndefined.justification, grantIds: undefined };
    const without = sampleEntry();
    delete without.justification.grantIds;
    expect(canonicalAuditJson(withUndefined)).toBe(canonicalAuditJson(without));
  });
});

describe('hashEntry', () => {
  it('is a sha256 hex digest chained from the genesis hash', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    const hash = hashEntry(GENESIS_HASH, sampleEntry());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry(GENESIS_HASH, sampleEntry())).toBe(hash);
  });

  const changes: [string, (e: ChainedAuditEntry) => void][] = [
    ['id', (e) => (e.id = '6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e50')],
    ['occurredAt by 1 ms', (e) => (e.occurredAt = new Date(e.occurredAt.getTime() + 1))],
    ['actor.kind', (e) => (e.actor.kind = 'client')],
    ['actor.id', (e) => (e.actor.id = '11111111-1111-4111-8111-111111111112')],
    ['actor.agencyId', (e) => (e.actor.agencyId = '22222222-2222-4222-8222-222222222223')],
    ['actor.roles order', (e) => e.actor.roles.reverse()],
    ['actor.roles content', (e) => e.actor.roles.push('DPO')],
    ['purpose', (e) => (e.purpose = 'SAFEGUARDING')],
    ['operation', (e) => (e.operation = 'DISCLOSE')],
    ['outcome', (e) => (e.outcome = 'DENIED')],
    ['reason null to code', (e) => (e.reason = 'NOT_FOUND')],
    ['childIds order', (e) => e.childIds.reverse()],
    ['childIds removal', (e) => e.childIds.pop()],
    ['scopes', (e) => (e.scopes = ['identity'])],
    ['resource', (e) => (e.resource = 'query:children')],
    ['justification.agreementId', (e) => (e.justification.agreementId = '55555555-5555-4555-8555-555555555556')],
    ['justification.agreementVersion', (e) => (e.justification.agreementVersion = 4)],
    ['justification.consentIds', (e) => (e.justification.consentIds = [])],
    ['justification.grantIds', (e) => (e.justification.grantIds = ['77777777-7777-4777-8777-777777777777'])],
    ['justification.relationship', (e) => (e.justification.relationship = 'TEAM_COVER')],
    ['justification key removed', (e) => delete e.justification.relationship],
    ['correlationId', (e) => (e.correlationId = 'req-0002')],
    ['clientAddress null', (e) => (e.clientAddress = null)],
    ['clientAddress empty vs null', (e) => (e.clientAddress = '')],
    ['userAgent', (e) => (e.userAgent = 'hub-tests/1.1')],
  ];

  it.each(changes)('changes when %s changes', (_field, change) => {
    const original = hashEntry(PREV, sampleEntry());
    const changed = sampleEntry();
    change(changed);
    expect(hashEntry(PREV, changed)).not.toBe(original);
  });

  it('covers every stored field in the list of changes above', () => {
    const canonicalKeys = (value: unknown, prefix = ''): string[] =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...canonicalKeys(v, `${prefix}${k}.`)])
        : [];
    const changed = changes.map(([name]) => name.split(' ')[0]);
    for (const key of canonicalKeys(JSON.parse(canonicalAuditJson(sampleEntry())))) {
      if (key === 'actor' || key === 'justification') continue;
      expect(changed).toContain(key);
    }
  });

  it('changes when the previous hash changes', () => {
    expect(hashEntry('cd'.repeat(32), sampleEntry())).not.toBe(hashEntry(PREV, sampleEntry()));
  });

  it('refuses an invalid timestamp rather than hashing it', () => {
    const entry = sampleEntry();
    entry.occurredAt = new Date('not a date');
    expect(() => hashEntry(PREV, entry)).toThrow(/occurredAt/);
  });
});

describe('chain genesis', () => {
  it('starts chain 0 where the single-chain log started and every other chain at its own hash', () => {
    expect(chainGenesis(0)).toBe(GENESIS_HASH);
    expect(chainGenesis(3)).toBe(createHash('sha256').update(`${'0'.repeat(64)}:3`).digest('hex'));
    const all = Array.from({ length: AUDIT_CHAINS }, (_, c) => chainGenesis(c));
    expect(new Set(all).size).toBe(AUDIT_CHAINS);
    expect(() => chainGenesis(AUDIT_CHAINS)).toThrow(RangeError);
  });
});
