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
  const visibleRule = relevantChildRule(ability, child, CHILD_ID_FIELD);
  const scopes = new Map<DataScope, ScopeDecision>();
  if (!visibleRule || visibleRule.inverted) {
    for (const scope of DATA_SCOPES) scopes.set(scope, { scope, allowed: false, reason: 'NOT_PERMITTED' });
    return { childId: facts.id, visible: false, scopes };
  }
  const relationship = justificationOf(visibleRule)?.relationship;
  const recipients = [principal.agency.id, principal.agency.type];
  for (const scope of DATA_SCOPES) {
    const rule = relevantChildRule(ability, child, scope);
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

/** The rules that may give each field of a child, per ability: every child of a page asks for them again. */
const childRulesByField = new WeakMap<HubAbility, Map<string, readonly ChildRule[]>>();

/** ability.relevantRuleFor('read', child, field), without filtering the rules by field for every child. */
function relevantChildRule(ability: HubAbility, child: ReturnType<typeof caseSubject>, field: string): ChildRule | null {
  let byField = childRulesByField.get(ability);
  if (!byField) childRulesByField.set(ability, (byField = new Map()));
  let rules = byField.get(field);
  if (!rules) byField.set(field, (rules = ability.rulesFor('read', 'Child', field)));
  return rules.find((rule) => rule.matchesConditions(child)) ?? null;
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
