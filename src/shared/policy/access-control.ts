import { rulesToAST } from '@casl/ability/extra';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { buildAbility, caseSubject, type HubAbility } from './ability-factory';
import { ALL_CHILD_FACTS, childFactsJson, loadChildAccessFacts } from './child-access-facts';
import type { ChildAccessFactName, ChildAccessFacts } from './child-access-fields';
import { decideChildAccess, type ChildAccessDecision } from './child-access-decision';
import type { PolicyAction, PolicySet, PolicySubject } from './policy-set';
import type { Clock } from './relationships';
import { callerRules, type CallerRules } from './ability-cache';
import { allOf, compileChildCondition, inRuleOrder, nowParam, type SqlCondition } from './sql-condition';
import { agreementScopeGrants, type StaticGrants } from './static-grants';
import type { AgencySummary } from '../auth/principal';
import { englandDateOf } from '../calendar/london-date';
import type { DataScope } from './data-scope';

/**
 * The one policy point of a request: its CASL ability, the SQL filter compiled from it, and
 * per-child decisions. Child facts are loaded once per request and never cached beyond it, so a
 * withdrawn consent or an expired grant counts from the very next request; the caller's rules,
 * which name no child and no instant, are shared by its requests of the day (ability-cache.ts).
 */
export class AccessControl {
  readonly clock: Clock;
  private cachedRules?: CallerRules;
  private readonly facts = new Map<string, ChildAccessFacts | null>();
  /** Children whose cached facts are only the decision's (decisionFacts), not every one. */
  private readonly partial = new Set<string>();
  private readonly decisionsByFacts = new Map<string, ChildAccessDecision>();

  constructor(
    readonly principal: Principal,
    private readonly policy: PolicySet,
    now: Date,
  ) {
    this.clock = { now: now.toISOString(), today: englandDateOf(now) };
  }

  private get rules(): CallerRules {
    return (this.cachedRules ??= callerRules(this.principal, this.policy, this.clock.today));
  }

  get grants(): StaticGrants {
    return this.rules.grants;
  }

  get ability(): HubAbility {
    return this.rules.ability;
  }

  /** May the caller do `action` on this kind of thing at all (for some child, or unconditionally)? */
  canAtAll(action: PolicyAction, subjectType: PolicySubject): boolean {
    return this.ability.can(action, subjectType);
  }

  /** May the caller do `action` on `subjectType` within this child's case? */
  canForChild(action: PolicyAction, subjectType: PolicySubject, facts: ChildAccessFacts): boolean {
    return this.ability.can(action, caseSubject(subjectType, facts, this.clock.now));
  }

  /**
   * WHERE clause over `child c` selecting exactly the children this caller may `action` as
   * `subjectType` (as every one of them, given several: one condition where theirs are alike).
   */
  childCondition(action: PolicyAction = 'read', subjectType: PolicySubject | readonly PolicySubject[] = 'Child', paramPrefix = 'acl'): SqlCondition {
    const subjects: readonly PolicySubject[] = typeof subjectType === 'string' ? [subjectType] : subjectType;
    const key = `${action}:${subjects.join(',')}:${paramPrefix}`;
    let compiled = this.rules.conditions.get(key);
    if (!compiled) {
      const ast = allOf(subjects.map((s) => inRuleOrder(rulesToAST(this.ability, action, s))));
      this.rules.conditions.set(key, (compiled = compileChildCondition(ast, paramPrefix, this.clock.now)));
    }
    // A copy for every caller: the compiled one is shared, and its instant is the first request's.
    const params = { ...compiled.params };
    if (nowParam(paramPrefix) in params) params[nowParam(paramPrefix)] = this.clock.now;
    return { sql: compiled.sql, params };
  }

  /**
   * The facts decide() reads for this caller: those its rules' conditions name. A list query loads
   * only these (each fact is a subquery per child), so a case system's feed loads no housing
   * referrals and no team cover. decideChildAccess reads consents, sharing without consent and
   * team cover only for a rule that names them (a consent-based or without-consent rule, or a scope
   * that needs consent, present in every relationship; the team cover relationship).
   */
  get decisionFacts(): readonly ChildAccessFactName[] {
    const rules = this.rules;
    if (!rules.decisionFacts) {
      const named = new Set<string>();
      for (const rule of rules.ability.rules) conditionFields(rule.conditions, named);
      rules.decisionFacts = ALL_CHILD_FACTS.filter((name) => named.has(name));
    }
    return rules.decisionFacts;
  }

  /** Every fact of these children: what a write's authorisation, an explanation or a referral reads. */
  factsFor(db: EntityManager, childIds: readonly string[]): Promise<Map<string, ChildAccessFacts>> {
    return this.load(db, childIds, ALL_CHILD_FACTS);
  }

  private async load(db: EntityManager, childIds: readonly string[], names: readonly ChildAccessFactName[]): Promise<Map<string, ChildAccessFacts>> {
    const complete = names.length === ALL_CHILD_FACTS.length;
    const missing = childIds.filter((id) => !this.facts.has(id) || (complete && this.partial.has(id)));
    if (missing.length) {
      const loaded = await loadChildAccessFacts(db, missing, names);
      for (const id of missing) this.keep(id, loaded.get(id) ?? null, complete);
    }
    const result = new Map<string, ChildAccessFacts>();
    for (const id of childIds) {
      const found = this.facts.get(id);
      if (found) result.set(id, found);
    }
    return result;
  }

  /**
   * A SQL expression over `child c` giving the facts decide() needs, for a list query to select with
   * its page (then handed to rememberFacts): one round trip fewer than loading them afterwards.
   */
  factsColumn(): string {
    return childFactsJson(this.decisionFacts);
  }

  /**
   * Facts a query of the caller's loaded (with its page, or with the records it reads), in the same
   * request's transaction; `askedFor` children without facts do not exist.
   */
  rememberFacts(facts: readonly (ChildAccessFacts | null)[], askedFor: readonly string[] = []): void {
    for (const id of askedFor) this.facts.set(id, null);
    const complete = this.decisionFacts.length === ALL_CHILD_FACTS.length;
    for (const f of facts) if (f) this.keep(f.id, f, complete);
  }

  private keep(id: string, facts: ChildAccessFacts | null, complete: boolean): void {
    this.facts.set(id, facts);
    if (complete) this.partial.delete(id);
    else this.partial.add(id);
  }

  /** Forget loaded facts after this request changed them (e.g. consent recorded). */
  invalidate(childId: string): void {
    this.facts.delete(childId);
    this.partial.delete(childId);
  }

  /**
   * What each of these agencies (as an agency, whatever its staff's roles) may see of the child
   * now and why: the agreements, the relationships and the consents, not the caller's own rights.
   */
  explainFor(agencies: AgencySummary[], facts: ChildAccessFacts): { agency: AgencySummary; decision: ChildAccessDecision }[] {
    return agencies.map((agency) => {
      const asAgency = { ...this.principal, kind: 'client' as const, id: agency.id, agency, roles: [], scopes: [] };
      const grants: StaticGrants = {
        permissions: new Map([['Child', new Set(['read'] as const)]]),
        ...agreementScopeGrants(agency, this.principal.consortium.code, this.policy, this.clock.today, null),
      };
      const ability = buildAbility(asAgency, grants, this.clock.today);
      return { agency, decision: decideChildAccess(ability, grants, facts, asAgency, this.clock) };
    });
  }

  /** Whether an agreement in force lets this scope reach this agency without consent. */
  withoutConsentAllowed(agency: Pick<AgencySummary, 'type' | 'code'>, scope: DataScope): boolean {
    const { scopes } = agreementScopeGrants(agency, this.principal.consortium.code, this.policy, this.clock.today, null);
    const grant = scopes.get(scope);
    return !!grant && grant.withoutConsentAllowed;
  }

  async decide(db: EntityManager, childIds: readonly string[]): Promise<Map<string, ChildAccessDecision>> {
    const facts = await this.load(db, childIds, this.decisionFacts);
    const decisions = new Map<string, ChildAccessDecision>();
    for (const [id, childFacts] of facts) decisions.set(id, this.decisionFor(childFacts));
    return decisions;
  }

  /**
   * A decision is a function of the facts alone (the ability is fixed for the request), so children
   * whose facts differ only in their id (a page of a team's caseload, mostly) are decided once.
   */
  private decisionFor(facts: ChildAccessFacts): ChildAccessDecision {
    // A consent, cover grant or sharing record is the child's own (a decision names it): no other
    // child's facts are alike, so there is no point in a key.
    if (facts.consents?.length || facts.teamCover?.length || facts.withoutConsent?.length) {
      return decideChildAccess(this.ability, this.grants, facts, this.principal, this.clock);
    }
    const id = facts.id;
    // The facts less the child's own id (which no other fact holds): cheaper than copying them without it.
    const key = JSON.stringify(facts).replace(`"id":${JSON.stringify(id)}`, '');
    let decision = this.decisionsByFacts.get(key);
    if (!decision) {
      decision = decideChildAccess(this.ability, this.grants, facts, this.principal, this.clock);
      this.decisionsByFacts.set(key, decision);
    }
    return decision.childId === id ? decision : { ...decision, childId: id };
  }
}

/** The fields a CASL condition names (the first segment of a dotted path), through $or/$and/$not. */
function conditionFields(condition: unknown, into: Set<string>): void {
  if (Array.isArray(condition)) {
    for (const part of condition) conditionFields(part, into);
    return;
  }
  if (!condition || typeof condition !== 'object') return;
  for (const [key, value] of Object.entries(condition)) {
    if (key.startsWith('$')) conditionFields(value, into);
    else into.add(key.split('.')[0]);
  }
}
