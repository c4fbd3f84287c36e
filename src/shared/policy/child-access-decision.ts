import type { Principal } from '../auth/principal';
import { caseSubject, CHILD_ID_FIELD, justificationOf, type HubAbility, type RuleJustification } from './ability-factory';
import type { ChildAccessFacts } from './child-access-fields';
import { DATA_SCOPES, type DataScope } from './data-scope';
import { Relationship, type Clock } from './relationships';
import type { StaticGrants } from './static-grants';

export type DenialReason = 'NO_AGREEMENT' | 'CONSENT_REQUIRED' | 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED' | 'NOT_PERMITTED';

export type ScopeDecision =
  | { scope: DataScope; allowed: true; justification: RuleJustification; consentId?: string; grantId?: string }
  | { scope: DataScope; allowed: false; reason: DenialReason };

export interface ChildAccessDecision {
  childId: string;
  /** False: the child is outside every relationship, and its existence must not be revealed. */
  visible: boolean;
  relationship?: Relationship;
  teamCoverGrantId?: string;
  scopes: Map<DataScope, ScopeDecision>;
}

/** Per scope, whether this caller may read this child's data now, and why (or why not). */
export function decideChildAccess(
  ability: HubAbility,
  grants: StaticGrants,
  facts: ChildAccessFacts,
  principal: Principal,
  clock: Clock,
): ChildAccessDecision {
  const child = caseSubject('Child', facts, clock.now);
  const matched: ConditionMatches = [];
  const visibleRule = relevantChildRule(ability, child, CHILD_ID_FIELD, matched);
  const scopes = new Map<DataScope, ScopeDecision>();
  if (!visibleRule || visibleRule.inverted) {
    for (const scope of DATA_SCOPES) scopes.set(scope, { scope, allowed: false, reason: 'NOT_PERMITTED' });
    return { childId: facts.id, visible: false, scopes };
  }
  const relationship = justificationOf(visibleRule)?.relationship;
  const recipients = [principal.agency.id, principal.agency.type];
  for (const scope of DATA_SCOPES) {
    const rule = relevantChildRule(ability, child, scope, matched);
    const justification = rule && !rule.inverted ? justificationOf(rule) : undefined;
    if (justification) {
      scopes.set(scope, {
        scope,
        allowed: true,
        justification,
        consentId: justification.basis === 'CONSENT' ? activeConsent(facts, scope, recipients, clock)?.id : undefined,
        grantId: justification.basis === 'WITHOUT_CONSENT' ? activeWithoutConsent(facts, scope, principal, clock)?.id : undefined,
      });
      continue;
    }
    scopes.set(scope, { scope, allowed: false, reason: denialReason(grants, facts, scope, recipients, clock) });
  }
  const teamCover =
    relationship === Relationship.TEAM_COVER
      ? facts.teamCover.find((g) => g.userId === principal.id && g.startsAt <= clock.now && g.expiresAt > clock.now)
      : undefined;
  return { childId: facts.id, visible: true, relationship, teamCoverGrantId: teamCover?.id, scopes };
}

type ChildRule = ReturnType<HubAbility['rulesFor']>[number];

/** Per ability: the rules that may give each field of a child, and each rule's conditions as a number. */
interface ChildRuleIndex {
  byField: Map<string, readonly ChildRule[]>;
  /** Rules with alike conditions share a number: a policy grants each scope by its own rule, mostly on one condition. */
  conditionOf: Map<ChildRule, number>;
  conditionNumbers: Map<string, number>;
}

/** Whether the child met each numbered condition, as far as one decision has asked. */
type ConditionMatches = (boolean | undefined)[];

const childRuleIndexes = new WeakMap<HubAbility, ChildRuleIndex>();

/**
 * ability.relevantRuleFor('read', child, field), without filtering the rules by field for every
 * child, and matching each distinct condition against the child once per decision.
 */
function relevantChildRule(
  ability: HubAbility,
  child: ReturnType<typeof caseSubject>,
  field: string,
  matched: ConditionMatches,
): ChildRule | null {
  let index = childRuleIndexes.get(ability);
  if (!index) childRuleIndexes.set(ability, (index = { byField: new Map(), conditionOf: new Map(), conditionNumbers: new Map() }));
  let rules = index.byField.get(field);
  if (!rules) {
    index.byField.set(field, (rules = ability.rulesFor('read', 'Child', field)));
    for (const rule of rules) {
      if (index.conditionOf.has(rule)) continue;
      const key = plainJson(rule.conditions ?? null) ? JSON.stringify(rule.conditions ?? null) : `unshared:${index.conditionOf.size}`;
      let n = index.conditionNumbers.get(key);
      if (n === undefined) index.conditionNumbers.set(key, (n = index.conditionNumbers.size));
      index.conditionOf.set(rule, n);
    }
  }
  for (const rule of rules) {
    const n = index.conditionOf.get(rule)!;
    let matches = matched[n];
    if (matches === undefined) matched[n] = matches = rule.matchesConditions(child);
    if (matches) return rule;
  }
  return null;
}

/** Whether JSON text tells this value apart from every other (no undefined, Date, RegExp...): only then are conditions shared by text. */
function plainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(plainJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(plainJson);
}

function denialReason(grants: StaticGrants, facts: ChildAccessFacts, scope: DataScope, recipients: string[], clock: Clock): DenialReason {
  const staticDenial = grants.deniedScopes.get(scope);
  if (staticDenial) return staticDenial;
  if (!grants.scopes.get(scope)?.consentRequired) return 'NOT_PERMITTED';
  const latest = facts.consents
    .filter((c) => c.scope === scope && recipients.includes(c.recipient) && c.givenAt <= clock.now)
    .sort((a, b) => b.givenAt.localeCompare(a.givenAt))[0];
  if (!latest) return 'CONSENT_REQUIRED';
  if (latest.withdrawn) return 'CONSENT_WITHDRAWN';
  if (latest.activeUntil <= clock.now) return 'CONSENT_EXPIRED';
  return 'NOT_PERMITTED';
}

function activeConsent(facts: ChildAccessFacts, scope: DataScope, recipients: string[], clock: Clock) {
  return facts.consents.find(
    (c) => c.scope === scope && recipients.includes(c.recipient) && !c.withdrawn && c.givenAt <= clock.now && c.activeUntil > clock.now,
  );
}

function activeWithoutConsent(facts: ChildAccessFacts, scope: DataScope, principal: Principal, clock: Clock) {
  return facts.withoutConsent.find(
    (w) => w.scope === scope && w.agencyId === principal.agency.id && w.startsAt <= clock.now && w.expiresAt > clock.now,
  );
}
