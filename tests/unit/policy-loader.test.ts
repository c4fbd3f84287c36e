import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENCIES } from '../../seeds/demo-consortium';
import { DEMO_CLIENTS, DEMO_USERS } from '../../seeds/demo-users';
import { DATA_SCOPES, DataScope } from '../../src/shared/policy/data-scope';
import {
  activeAgreementsOn,
  DEFAULT_POLICY_DIR,
  describeProblem,
  loadPolicySet,
  PolicyFileError,
} from '../../src/shared/policy/policy-loader';
import type { Agreement, PolicySet } from '../../src/shared/policy/policy-set';
import { AgencyType } from '../../src/subgraphs/sharing/agency.enums';

const RESETTLEMENT = 'agreements/swy-resettlement-isa.v1.yaml';
const HOUSING = 'agreements/swy-housing-isa.v1.yaml';

const shipped = loadPolicySet();

function agreement(policy: PolicySet, id: string): Agreement {
  const found = policy.agreements.find((a) => a.id === id);
  if (!found) throw new Error(`no agreement ${id}`);
  return found;
}

function scopesFor(a: Agreement, agencyType: AgencyType): DataScope[] | undefined {
  return a.recipients.find((r) => r.agencyType === agencyType)?.scopes.map((grant) => grant.scope);
}

describe('the shipped policies', () => {
  it('load, versioned by a hash of their contents', () => {
    expect(shipped.version).toMatch(/^[0-9a-f]{64}$/);
    expect(shipped.agreements.map((a) => a.sourceFile).sort()).toEqual([HOUSING, RESETTLEMENT]);
  });

  it('define every role the brief names', () => {
    expect(shipped.roles.roles.map((r) => r.name).sort()).toEqual(
      [
        'CASE_MANAGER',
        'OPERATIONAL_MANAGER',
        'RESETTLEMENT_WORKER',
        'ETE_WORKER',
        'INFORMATION_OFFICER',
        'DIRECTOR_OF_CHILDRENS_SERVICES',
        'SOCIAL_WORKER',
        'CUSTODY_CASEWORKER',
        'HEAD_OF_SAFEGUARDING',
        'HEALTHCARE',
        'LINK_WORKER',
        'PROJECT_MANAGER',
        'DATA_PROTECTION_OFFICER',
        'PROBATION_PRACTITIONER',
        'HOUSING_OFFICER',
        'POLICE_OFFICER',
      ].sort(),
    );
  });

  it("give every demo user's roles to their agency's type, and define the demo client's scopes", () => {
    const typeOfAgency = new Map(AGENCIES.map((a) => [a.id, a.type]));
    const mismatches = DEMO_USERS.flatMap((user) =>
      user.roles
        .filter((name) => {
          const role = shipped.roles.roles.find((r) => r.name === name);
          return !role?.agencyTypes.includes(typeOfAgency.get(user.agency_id) as AgencyType);
        })
        .map((name) => `${user.username}: ${name}`),
    );
    expect(mismatches).toEqual([]);
    const clientScopes = shipped.roles.clientScopes.map((s) => s.name);
    for (const client of DEMO_CLIENTS) expect(clientScopes).toEqual(expect.arrayContaining(client.scopes));
  });

  it('never let education providers receive offence or safeguarding data', () => {
    const educationGrants = shipped.agreements.flatMap((a) => scopesFor(a, AgencyType.EDUCATION) ?? []);
    expect(educationGrants).toContain(DataScope.ETE);
    expect(educationGrants).not.toContain(DataScope.OFFENCE_RISK);
    expect(educationGrants).not.toContain(DataScope.SAFEGUARDING);
  });

  it('give housing providers identity and accommodation only, in the housing agreement only', () => {
    expect(scopesFor(agreement(shipped, 'swy-housing-isa'), AgencyType.HOUSING_PROVIDER)).toEqual([
      DataScope.IDENTITY,
      DataScope.ACCOMMODATION,
    ]);
    expect(scopesFor(agreement(shipped, 'swy-resettlement-isa'), AgencyType.HOUSING_PROVIDER)).toBeUndefined();
    expect(agreement(shipped, 'swy-resettlement-isa').parties.agencyTypes).not.toContain(AgencyType.HOUSING_PROVIDER);
    const housingOfficer = shipped.roles.roles.find((r) => r.name === 'HOUSING_OFFICER');
    expect(housingOfficer?.scopes?.sort()).toEqual([DataScope.ACCOMMODATION, DataScope.IDENTITY]);
  });

  it('give youth justice services every scope without consent, and ask consent before health reaches others', () => {
    const resettlement = agreement(shipped, 'swy-resettlement-isa');
    const yjs = resettlement.recipients.find((r) => r.agencyType === AgencyType.YOUTH_JUSTICE_SERVICE);
    expect(yjs?.scopes.map((g) => g.scope).sort()).toEqual([...DATA_SCOPES].sort());
    expect(yjs?.scopes.every((g) => !g.consentRequired)).toBe(true);
    const healthGrants = resettlement.recipients
      .filter((r) => r.agencyType !== AgencyType.YOUTH_JUSTICE_SERVICE)
      .flatMap((r) => r.scopes.filter((g) => g.scope === DataScope.HEALTH));
    expect(healthGrants).toHaveLength(4);
    expect(healthGrants.every((g) => g.consentRequired)).toBe(true);
  });

  it('let the data protection officer audit without seeing child data, and let nobody delete', () => {
    const dpo = shipped.roles.roles.find((r) => r.name === 'DATA_PROTECTION_OFFICER');
    expect(dpo?.permissions.Child).toBeUndefined();
    expect(dpo?.permissions.AuditLog).toEqual(['read']);
    const deleters = shipped.roles.roles.filter((r) => Object.values(r.permissions).some((a) => a?.includes('delete')));
    expect(deleters.map((r) => r.name)).toEqual([]);
  });
});

describe('a broken policy file', () => {
  const tempDirs: string[] = [];
  afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** A copy of the shipped policies, changed by `change`. */
  function policiesWith(change: (dir: string) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policies-'));
    tempDirs.push(dir);
    fs.cpSync(DEFAULT_POLICY_DIR, dir, { recursive: true });
    change(dir);
    return dir;
  }

  const replaceIn = (file: string, from: string, to: string) => (dir: string) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
    fs.writeFileSync(path.join(dir, file), text.replace(from, to));
  };

  function problemsIn(dir: string): string[] {
    try {
      loadPolicySet(dir);
    } catch (error) {
      if (error instanceof PolicyFileError) return error.problems.map(describeProblem);
      throw error;
    }
    throw new Error('expected a PolicyFileError');
  }

  function lineOf(file: string, text: string): number {
    const lines = fs.readFileSync(path.join(DEFAULT_POLICY_DIR, file), 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes(text));
    if (index < 0) throw new Error(`${file} has no ${text}`);
    return index + 1;
  }

  it.each<[string, (dir: string) => void, RegExp]>([
    [
      'an unknown scope',
      replaceIn(RESETTLEMENT, '{ scope: identity,', '{ scope: identiti,'),
      /^agreements\/swy-resettlement-isa\.v1\.yaml:\d+: recipients\[0\]\.scopes\[0\]\.scope: unknown scope "identiti"/,
    ],
    [
      'an unknown agency type',
      replaceIn('roles.yaml', 'agencyTypes: [YOUTH_JUSTICE_SERVICE]', 'agencyTypes: [YOUTH_OFFENDING_TEAM]'),
      /^roles\.yaml:\d+: roles\[0\]\.agencyTypes\[0\]: unknown agency type "YOUTH_OFFENDING_TEAM"/,
    ],
    [
      'validUntil before validFrom',
      replaceIn(HOUSING, 'validUntil: 2027-03-31', 'validUntil: 2025-03-31'),
      /^agreements\/swy-housing-isa\.v1\.yaml:\d+: validUntil: 2025-03-31 is before validFrom 2025-04-01$/,
    ],
    [
      'an unknown key',
      replaceIn(RESETTLEMENT, '  - agencyType: PROBATION\n', '  - agencyType: PROBATION\n    sharesEverything: true\n'),
      /^agreements\/swy-resettlement-isa\.v1\.yaml:\d+: recipients\[4\]\.sharesEverything: unknown key/,
    ],
    [
      'a scope listed twice for one recipient',
      replaceIn(HOUSING, '{ scope: accommodation,', '{ scope: identity,'),
      /^agreements\/swy-housing-isa\.v1\.yaml:\d+: recipients\[0\]\.scopes\[1\]\.scope: scope "identity" is listed more than once$/,
    ],
    [
      'a role with an unknown subject',
      replaceIn('roles.yaml', '      Child: [read, create, update]', '      Kid: [read, create, update]'),
      /^roles\.yaml:\d+: roles\[0\]\.permissions\.Kid: unknown subject/,
    ],
    [
      'a role with an unknown action',
      replaceIn('roles.yaml', 'Report: [read]', 'Report: [read, approve]'),
      /^roles\.yaml:\d+: roles\[1\]\.permissions\.Report\[1\]: unknown action "approve"/,
    ],
    [
      'a role name used twice',
      replaceIn('roles.yaml', 'name: OPERATIONAL_MANAGER', 'name: CASE_MANAGER'),
      /^roles\.yaml:\d+: roles\[1\]\.name: role "CASE_MANAGER" is listed more than once$/,
    ],
    [
      'a retention that is not a duration',
      replaceIn(HOUSING, 'retention: P2Y', 'retention: 2 years'),
      /^agreements\/swy-housing-isa\.v1\.yaml:\d+: retention: must be an ISO 8601 duration.* \(got "2 years"\)$/,
    ],
  ])('fails on %s, naming the file and the path, and nothing else', (_name, change, expected) => {
    const problems = problemsIn(policiesWith(change));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('points at the line of the problem', () => {
    const problems = problemsIn(policiesWith(replaceIn(HOUSING, 'retention: P2Y', 'retention: P2')));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${HOUSING}:${lineOf(HOUSING, 'retention: P2Y')}: retention: `))]);
  });

  it('fails on bad YAML, naming the file and the line', () => {
    const line = lineOf('roles.yaml', '- name: PROJECT_MANAGER');
    const problems = problemsIn(policiesWith(replaceIn('roles.yaml', '  - name: PROJECT_MANAGER', '\t- name: PROJECT_MANAGER')));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^roles\\.yaml:${line}: YAML syntax error at column 1: Tabs`)));
  });

  it('fails on two files with the same agreement id and version', () => {
    const problems = problemsIn(
      policiesWith((dir) => fs.copyFileSync(path.join(dir, HOUSING), path.join(dir, 'agreements/zz-copy.yaml'))),
    );
    expect(problems).toEqual([
      'agreements/zz-copy.yaml: id: file name must be swy-housing-isa.v1.yaml to match id and version',
      `agreements/zz-copy.yaml: version: agreement swy-housing-isa version 1 is also defined in ${HOUSING}`,
    ]);
  });

  it('fails on a file whose name does not match its version', () => {
    const problems = problemsIn(
      policiesWith((dir) => fs.renameSync(path.join(dir, HOUSING), path.join(dir, 'agreements/swy-housing-isa.v2.yaml'))),
    );
    expect(problems).toEqual([
      'agreements/swy-housing-isa.v2.yaml: id: file name must be swy-housing-isa.v1.yaml to match id and version',
    ]);
  });

  it('reports every problem of every file at once, in file and line order', () => {
    const problems = problemsIn(
      policiesWith((dir) => {
        replaceIn(RESETTLEMENT, '{ scope: identity,', '{ scope: identiti,')(dir);
        replaceIn(RESETTLEMENT, 'status: active', 'status: live')(dir);
        replaceIn('roles.yaml', '      Child: [read, create, update]', '      Kid: [read, create, update]')(dir);
      }),
    );
    expect(problems.map((p) => p.split(': ').slice(0, 2).join(': ').replace(/:\d+/, ''))).toEqual([
      `${RESETTLEMENT}: status`,
      `${RESETTLEMENT}: recipients[0].scopes[0].scope`,
      'roles.yaml: roles[0].permissions.Kid',
    ]);
  });

  it('does not silently skip a .yml file or a missing roles file', () => {
    const problems = problemsIn(
      policiesWith((dir) => {
        fs.renameSync(path.join(dir, HOUSING), path.join(dir, 'agreements/swy-housing-isa.v1.yml'));
        fs.rmSync(path.join(dir, 'roles.yaml'));
      }),
    );
    expect(problems).toEqual([
      'agreements/swy-housing-isa.v1.yml: not read: rename it to .yaml',
      'roles.yaml: file not found',
    ]);
  });

  it('changes the policy version when any file changes, and only then', () => {
    expect(loadPolicySet(policiesWith(() => undefined)).version).toBe(shipped.version);
    const edited = loadPolicySet(policiesWith(replaceIn(HOUSING, '# Referral records', '# Referral records only')));
    expect(edited.version).not.toBe(shipped.version);
  });
});

describe('activeAgreementsOn', () => {
  const base = agreement(shipped, 'swy-resettlement-isa');
  const v = (version: number, changes: Partial<Agreement> = {}): Agreement => ({ ...base, version, ...changes });
  const inForce = (date: string, ...agreements: Agreement[]) =>
    activeAgreementsOn({ ...shipped, agreements }, date, 'SWY').map((a) => `${a.id}.v${a.version}`);

  it('returns the shipped agreements of the consortium while they are in force', () => {
    expect(activeAgreementsOn(shipped, '2026-01-15', 'SWY').map((a) => a.id)).toEqual([
      'swy-housing-isa',
      'swy-resettlement-isa',
    ]);
    expect(activeAgreementsOn(shipped, '2026-01-15', 'EML')).toEqual([]);
  });

  it('applies only within validFrom..validUntil, both days included', () => {
    const one = v(1, { validFrom: '2025-04-01', validUntil: '2028-03-31' });
    expect(inForce('2025-03-31', one)).toEqual([]);
    expect(inForce('2025-04-01', one)).toEqual(['swy-resettlement-isa.v1']);
    expect(inForce('2028-03-31', one)).toEqual(['swy-resettlement-isa.v1']);
    expect(inForce('2028-04-01', one)).toEqual([]);
  });

  it('ignores drafts, even a newer one', () => {
    expect(inForce('2026-01-15', v(1, { status: 'draft' }))).toEqual([]);
    expect(inForce('2026-01-15', v(1), v(2, { status: 'draft' }))).toEqual(['swy-resettlement-isa.v1']);
  });

  it('shares nothing under a suspended or expired newer version, without falling back to the older one', () => {
    expect(inForce('2026-01-15', v(1), v(2, { status: 'suspended' }))).toEqual([]);
    expect(inForce('2026-01-15', v(1), v(2, { status: 'expired' }))).toEqual([]);
    expect(inForce('2026-01-15', v(1), v(2, { validUntil: '2025-12-31' }))).toEqual([]);
  });

  it('keeps the older version in force until a signed renewal starts', () => {
    const renewal = v(2, { validFrom: '2026-04-01', validUntil: '2029-03-31' });
    expect(inForce('2026-03-31', v(1), renewal)).toEqual(['swy-resettlement-isa.v1']);
    expect(inForce('2026-04-01', v(1), renewal)).toEqual(['swy-resettlement-isa.v2']);
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => activeAgreementsOn(shipped, '2026-1-15', 'SWY')).toThrow(/not a YYYY-MM-DD date/);
  });
});
