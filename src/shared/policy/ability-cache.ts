import type { Principal } from '../auth/principal';
import { buildAbility, type HubAbility } from './ability-factory';
import type { ChildAccessFactName } from './child-access-fields';
import type { PolicySet } from './policy-set';
import type { SqlCondition } from './sql-condition';
import { staticGrantsFor, type StaticGrants } from './static-grants';

/**
 * What a caller's rules are on one day: a function of the principal (as loaded for the request),
 * the policy set and the date alone, since periods are read through IN_FORCE at each request's
 * instant. Built once and shared by that caller's requests, with what is derived from it: the
 * compiled SQL filters and the facts the rules read. Never the child facts themselves, which each
 * request loads afresh.
 */
export interface CallerRules {
  grants: StaticGrants;
  ability: HubAbility;
  /** Compiled filters by action, subjects and parameter prefix, their instant to be set per request. */
  conditions: Map<string, SqlCondition>;
  decisionFacts?: readonly ChildAccessFactName[];
}

/** Callers kept per policy set (about 20 KB each, measured): the least recently used go first. */
const MAX_CALLERS = 1000;
const byPolicy = new WeakMap<PolicySet, Map<string, CallerRules>>();

export function callerRules(principal: Principal, policy: PolicySet, today: string): CallerRules {
  let callers = byPolicy.get(policy);
  if (!callers) byPolicy.set(policy, (callers = new Map()));
  // The whole principal: a changed role, agency or consortium setting is another caller.
  const key = `${today}\n${JSON.stringify(principal)}`;
  let rules = callers.get(key);
  if (rules) {
    callers.delete(key);
  } else {
    const grants = staticGrantsFor(principal, policy, today);
    rules = { grants, ability: buildAbility(principal, grants, today), conditions: new Map() };
    if (callers.size >= MAX_CALLERS) callers.delete(callers.keys().next().value!);
  }
  callers.set(key, rules);
  return rules;
}
