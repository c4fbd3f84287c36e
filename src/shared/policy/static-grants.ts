import type { AgencySummary, Principal } from '../auth/principal';
import { DATA_SCOPES, type DataScope } from './data-scope';
import { activeAgreementsOn } from './policy-loader';
import type { PolicyAction, PolicySet, PolicySubject } from './policy-set';

export interface ScopeGrantDecision {
  scope: DataScope;
  agreementId: string;
  agreementVersion: number;
  consentRequired: boolean;
  withoutConsentAllowed: boolean;
}

export type StaticDenial = 'NO_AGREEMENT' | 'NOT_PERMITTED';

/** What role and agreements give the caller before any particular child is considered. */
export interface StaticGrants {
  permissions: Map<PolicySubject, Set<PolicyAction>>;
  scopes: Map<DataScope, ScopeGrantDecision>;
  deniedScopes: Map<DataScope, StaticDenial>;
}

const cache = new Map<string, StaticGrants>();
const CACHE_LIMIT = 1000;

/**
 * Cached per policy version, day, agency and role set: a new policy file or a new day (an
 * agreement starting or expiring) gives a new key, so no cached grant outlives its source.
 */
export function staticGrantsFor(principal: Principal, policy: PolicySet, today: string): StaticGrants {
  const key = [policy.version, today, principal.consortium.code, principal.agency.type, principal.agency.code, principal.kind,
    [...(principal.kind === 'user' ? principal.roles : principal.scopes)].sort().join('+')].join('|');
  let grants = cache.get(key);
  if (!grants) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    grants = computeGrants(principal, policy, today);
    cache.set(key, grants);
  }
  return grants;
}

function computeGrants(principal: Principal, policy: PolicySet, today: string): StaticGrants {
  const permissions = new Map<PolicySubject, Set<PolicyAction>>();
  let scopeBound: Set<DataScope> | null = new Set();
  const holdings =
    principal.kind === 'user'
      ? policy.roles.roles.filter((r) => principal.roles.includes(r.name) && r.agencyTypes.includes(principal.agency.type))
      : policy.roles.clientScopes.filter((s) => principal.scopes.includes(s.name));
  for (const holding of holdings) {
    for (const [subject, actions] of Object.entries(holding.permissions) as [PolicySubject, PolicyAction[]][]) {
      const set = permissions.get(subject) ?? new Set<PolicyAction>();
      actions.forEach((a) => set.add(a));
      permissions.set(subject, set);
    }
    if (holding.permissions.Child?.includes('read')) {
      if (!holding.scopes) scopeBound = null;
      else if (scopeBound) holding.scopes.forEach((s) => scopeBound!.add(s));
    }
  }

  const readsChildren = permissions.get('Child')?.has('read') ?? false;
  const { scopes, deniedScopes } = agreementScopeGrants(principal.agency, principal.consortium.code, policy, today, readsChildren ? scopeBound : new Set());
  return { permissions, scopes, deniedScopes };
}

/**
 * What the agreements in force give an agency (optionally capped by a role's scopes): per scope
 * the grant that justifies it, or why none does.
 */
export function agreementScopeGrants(
  agency: Pick<AgencySummary, 'type' | 'code'>,
  consortiumCode: string,
  policy: PolicySet,
  today: string,
  scopeBound: Set<DataScope> | null,
): Pick<StaticGrants, 'scopes' | 'deniedScopes'> {
  const scopes = new Map<DataScope, ScopeGrantDecision>();
  const deniedScopes = new Map<DataScope, StaticDenial>();
  // A party must be of a named type and, where the agreement names its signatories, one of them.
  const agreements = activeAgreementsOn(policy, today, consortiumCode).filter(
    (a) => a.parties.agencyTypes.includes(agency.type) && (a.parties.agencyCodes.length === 0 || a.parties.agencyCodes.includes(agency.code)),
  );
  for (const scope of DATA_SCOPES) {
    if (scopeBound && !scopeBound.has(scope)) {
      deniedScopes.set(scope, 'NOT_PERMITTED');
      continue;
    }
    const candidates = agreements.flatMap((a) =>
      a.recipients
        .filter((r) => r.agencyType === agency.type)
        .flatMap((r) => r.scopes.filter((g) => g.scope === scope))
        .map((g) => ({ scope, agreementId: a.id, agreementVersion: a.version, consentRequired: g.consentRequired, withoutConsentAllowed: g.withoutConsentAllowed })),
    );
    // Where two agreements both grant a scope, the one needing no consent is the justification.
    const best = candidates.sort((a, b) => Number(a.consentRequired) - Number(b.consentRequired))[0];
    if (best) scopes.set(scope, best);
    else deniedScopes.set(scope, 'NO_AGREEMENT');
  }
  return { scopes, deniedScopes };
}
