import type { RequestContext } from '../../../shared/auth/request-context';
import { caseSubject, justificationOf } from '../../../shared/policy/ability-factory';
import type { ChildAccessFacts } from '../../../shared/policy/child-access-fields';
import type { PolicyAction, PolicySubject } from '../../../shared/policy/policy-set';
import { Relationship } from '../../../shared/policy/relationships';
import { Pathway } from '../case.enums';

const {
  HOME_YOUTH_JUSTICE_SERVICE: HOME_YJS, HOME_CHILDRENS_SERVICES, CURRENT_ESTABLISHMENT, CONSORTIUM_TEAM, PROBATION_TRANSFER,
  TEAM_COVER,
} = Relationship;

export type OwnedFact =
  | `pathway:${Pathway}`
  | 'releaseDate'
  | 'establishmentTransfer'
  | 'release'
  | 'rotlRequest'
  | 'rotlDecision'
  | 'rotlOutcome'
  | 'probationTransfer';

/**
 * Which case relationships own which facts: a role's permission to write a kind of record is not
 * enough, the caller's agency must be the one that holds the fact (domain.md §2–§3). The home
 * youth justice service owns the whole plan; the establishment holding the child owns what
 * happens in custody; children's services own family and care; the consortium team brokers
 * accommodation; probation joins case management once a transfer is open. Team cover acts for
 * the case manager it covers. Read-only relationships (former establishment, housing referral,
 * case involvement) never write, whatever this table says.
 */
export const FACT_OWNERS: Readonly<Record<OwnedFact, readonly Relationship[]>> = {
  'pathway:CASE_MANAGEMENT': [HOME_YJS, TEAM_COVER, PROBATION_TRANSFER],
  'pathway:ACCOMMODATION': [HOME_YJS, TEAM_COVER, HOME_CHILDRENS_SERVICES, CONSORTIUM_TEAM],
  'pathway:ETE': [HOME_YJS, TEAM_COVER, CURRENT_ESTABLISHMENT],
  'pathway:HEALTH': [HOME_YJS, TEAM_COVER, CURRENT_ESTABLISHMENT],
  'pathway:SUBSTANCE_MISUSE': [HOME_YJS, TEAM_COVER, CURRENT_ESTABLISHMENT],
  'pathway:FAMILIES': [HOME_YJS, TEAM_COVER, HOME_CHILDRENS_SERVICES],
  'pathway:FINANCE': [HOME_YJS, TEAM_COVER],
  // The establishment calculates the sentence; the YJS records court and parole decisions.
  releaseDate: [CURRENT_ESTABLISHMENT, HOME_YJS, TEAM_COVER],
  establishmentTransfer: [CURRENT_ESTABLISHMENT, HOME_YJS, TEAM_COVER],
  release: [CURRENT_ESTABLISHMENT, HOME_YJS, TEAM_COVER],
  rotlRequest: [CURRENT_ESTABLISHMENT, HOME_YJS, TEAM_COVER],
  // Only the establishment holding the child grants ROTL and knows how it went.
  rotlDecision: [CURRENT_ESTABLISHMENT],
  rotlOutcome: [CURRENT_ESTABLISHMENT],
  probationTransfer: [HOME_YJS, TEAM_COVER],
};

/** The relationships through which the caller may do `action` on `subjectType` for this child. */
export function writingRelationships(
  ctx: RequestContext,
  action: PolicyAction | PolicyAction[],
  subjectType: PolicySubject,
  facts: ChildAccessFacts,
): Set<Relationship> {
  const subject = caseSubject(subjectType, facts, ctx.access.clock.now);
  const found = new Set<Relationship>();
  for (const a of Array.isArray(action) ? action : [action]) {
    for (const rule of ctx.access.ability.rulesFor(a, subjectType)) {
      if (rule.inverted || !rule.matchesConditions(subject)) continue;
      const relationship = justificationOf(rule)?.relationship;
      if (relationship) found.add(relationship);
    }
  }
  return found;
}

/** The first relationship of the caller's that owns `fact`, or null. */
export function owningRelationship(fact: OwnedFact, held: Set<Relationship>): Relationship | null {
  return FACT_OWNERS[fact].find((r) => held.has(r)) ?? null;
}
