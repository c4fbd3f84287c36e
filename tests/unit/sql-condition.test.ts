import { buildAnd, buildOr } from '@ucast/mongo2js';
import { CompoundCondition, FieldCondition } from '@ucast/core';
import { allOf, compileChildCondition, inRuleOrder } from '../../src/shared/policy/sql-condition';

it('compiles scalar comparisons to parameterised SQL over child c', () => {
  const { sql, params } = compileChildCondition(
    buildOr([
      buildAnd([new FieldCondition('eq', 'consortiumId', 'k1'), new FieldCondition('eq', 'homeYjsAgencyId', 'a1')]),
      new FieldCondition('gte', 'lastReleasedOn', '2026-01-01'),
    ]),
  );
  expect(sql).toBe(
    '((c.consortium_id = CAST(:acl_0 AS uuid) AND c.home_yjs_agency_id = CAST(:acl_1 AS uuid)) OR ' +
      '(SELECT max(e.actual_release_date) FROM custody_episode e WHERE e.child_id = c.id) >= CAST(:acl_2 AS date))',
  );
  expect(params).toEqual({ acl_0: 'k1', acl_1: 'a1', acl_2: '2026-01-01' });
});

it('compiles $elemMatch on a collection to EXISTS over its correlated source', () => {
  const { sql, params } = compileChildCondition(
    new FieldCondition('elemMatch', 'teamCover', buildAnd([new FieldCondition('eq', 'userId', 'u1'), new FieldCondition('gt', 'expiresAt', 'T')])),
  );
  expect(sql).toMatch(/^EXISTS \(SELECT 1 FROM \(SELECT g\.id, g\.grantee_user_id AS user_id.*\) x WHERE \(x\.user_id = CAST\(:acl_0 AS uuid\) AND x\.expires_at > CAST\(:acl_1 AS timestamptz\)\)\)$/s);
  expect(params).toEqual({ acl_0: 'u1', acl_1: 'T' });
});

it('compiles $in, null and not', () => {
  expect(compileChildCondition(new FieldCondition('in', 'homeLocalAuthorityCode', ['LEEDS'])).sql).toBe(
    'c.home_local_authority_code = ANY(CAST(:acl_0 AS text[]))',
  );
  expect(compileChildCondition(new FieldCondition('eq', 'currentEstablishmentId', null)).sql).toMatch(/IS NULL$/);
  expect(compileChildCondition(new CompoundCondition('not', [new FieldCondition('eq', 'inCustody', true)])).sql).toMatch(/^NOT coalesce\(\(EXISTS/);
});

it('denies everything when there is no rule at all', () => {
  expect(compileChildCondition(null)).toEqual({ sql: 'FALSE', params: {} });
});

it('refuses what it does not know rather than widening the filter', () => {
  expect(() => compileChildCondition(new FieldCondition('eq', 'favouriteColour', 'red'))).toThrow(/unknown access fact/);
  expect(() => compileChildCondition(new FieldCondition('regex', 'homeLocalAuthorityCode', '.*'))).toThrow(/unsupported operator/);
  expect(() => compileChildCondition(new FieldCondition('eq', 'consents', 'x'))).toThrow(/only \$elemMatch/);
  expect(() =>
    compileChildCondition(new FieldCondition('elemMatch', 'consents', new FieldCondition('eq', 'secret', 1))),
  ).toThrow(/unknown column consents.secret/);
});

it('leaves out a repeated disjunct, and one that holds every conjunct of another (the same filter)', () => {
  const relationship = () => [new FieldCondition('eq', 'consortiumId', 'k1'), new FieldCondition('eq', 'homeYjsAgencyId', 'a1')];
  const withConsent = buildAnd([
    ...relationship(),
    new FieldCondition('elemMatch', 'consents', buildAnd([new FieldCondition('eq', 'scope', 'health')])),
  ]);
  const { sql, params } = compileChildCondition(
    buildOr([buildAnd(relationship()), withConsent, buildAnd(relationship()), new FieldCondition('eq', 'inCustody', false)]),
  );
  expect(sql).toMatch(/^\(\(c\.consortium_id = CAST\(:acl_0 AS uuid\) AND c\.home_yjs_agency_id = CAST\(:acl_1 AS uuid\)\) OR EXISTS \(SELECT 1 FROM custody_episode e WHERE e\.child_id = c\.id AND e\.status = 'IN_CUSTODY'\) = CAST\(:acl_2 AS boolean\)\)$/);
  expect(sql).not.toMatch(/consent/);
  expect(Object.keys(params)).toHaveLength(3);
});

it('keeps a disjunct that only shares some conjuncts with another', () => {
  const { sql } = compileChildCondition(
    buildOr([
      buildAnd([new FieldCondition('eq', 'consortiumId', 'k1'), new FieldCondition('eq', 'homeYjsAgencyId', 'a1')]),
      buildAnd([new FieldCondition('eq', 'consortiumId', 'k1'), new FieldCondition('eq', 'homeLocalAuthorityCode', 'LEEDS')]),
    ]),
  );
  expect(sql).toMatch(/home_yjs_agency_id.*OR.*home_local_authority_code/);
});

it('compiles a record and its child alike only once when both must be readable', () => {
  const housing = () => new FieldCondition('elemMatch', 'housingReferrals', buildAnd([new FieldCondition('eq', 'agencyId', 'h1')]));
  const cover = () => new FieldCondition('elemMatch', 'teamCover', buildAnd([new FieldCondition('eq', 'userId', 'u1')]));
  const asRecord = buildOr([buildAnd([new FieldCondition('eq', 'consortiumId', 'k1'), housing()]), cover()]);
  // The child's rules say the same, once more per scope with a consent condition added.
  const asChild = buildOr([
    buildAnd([new FieldCondition('eq', 'consortiumId', 'k1'), housing()]),
    buildAnd([new FieldCondition('eq', 'consortiumId', 'k1'), housing(), new FieldCondition('elemMatch', 'consents', new FieldCondition('eq', 'scope', 'health'))]),
    cover(),
  ]);
  const { sql, params } = compileChildCondition(allOf([asRecord, asChild]));
  expect(sql.match(/accommodation_request_recipient/g)).toHaveLength(1);
  expect(sql.match(/team_cover_grant/g)).toHaveLength(1);
  expect(Object.keys(params)).toHaveLength(3);
  expect(compileChildCondition(allOf([asRecord, null]))).toEqual({ sql: 'FALSE', params: {} });
});

it('puts a caller\'s rules back in the order they were written (CASL lists the last first)', () => {
  const cover = new FieldCondition('elemMatch', 'teamCover', buildAnd([new FieldCondition('eq', 'userId', 'u1')]));
  const home = new FieldCondition('eq', 'homeYjsAgencyId', 'a1');
  expect(compileChildCondition(inRuleOrder(buildOr([cover, home]))).sql).toMatch(/^\(c\.home_yjs_agency_id = .* OR EXISTS \(.*team_cover_grant/s);
  expect(inRuleOrder(home)).toBe(home);
});

it('reads an element in force at the instant given, as one parameter for every period', () => {
  const inForce = (fact: string) => new FieldCondition('elemMatch', fact, buildAnd([new FieldCondition('eq', 'inForce', true)]));
  const { sql, params } = compileChildCondition(buildOr([inForce('teamCover'), inForce('housingReferrals')]), 'acl', '2030-06-14T12:00:00.000Z');
  expect(sql).toContain('(x.starts_at <= CAST(:acl_now AS timestamptz) AND x.expires_at > CAST(:acl_now AS timestamptz)) = CAST(:acl_0 AS boolean)');
  expect(sql).toContain('(x.access_until > CAST(:acl_now AS timestamptz)) = CAST(:acl_1 AS boolean)');
  expect(params).toEqual({ acl_now: '2030-06-14T12:00:00.000Z', acl_0: true, acl_1: true });
  expect(() => compileChildCondition(inForce('consents'))).toThrow(/needs the instant/);
  expect(() => compileChildCondition(new FieldCondition('elemMatch', 'probationTransfers', new FieldCondition('eq', 'inForce', true)), 'acl', 'T')).toThrow(/unknown column/);
});
