import { AbilityBuilder, createMongoAbility, subject, type MongoAbility, type MongoQuery } from '@casl/ability';
import { IN_FORCE, type ChildAccessFacts } from './child-access-fields';
import { factsAt } from './child-access-facts';

type AnyObject = Record<PropertyKey, unknown>;
import type { Principal } from '../auth/principal';
import type { DataScope } from './data-scope';
import type { PolicyAction, PolicySubject } from './policy-set';
import { relationshipRulesFor, type Relationship } from './relationships';
import type { StaticGrants } from './static-grants';

export type HubAbility = MongoAbility<[PolicyAction, PolicySubject | AnyObject], MongoQuery>;

/** What a matching rule says about why access was given; stored as the rule's `reason`. */
export interface RuleJustification {
  relationship: Relationship;
  basis: 'RELATIONSHIP' | 'AGREEMENT' | 'CONSENT' | 'WITHOUT_CONSENT' | 'OVERSIGHT';
  agreementId?: string;
  agreementVersion?: number;
}

/** The child's id is visible wherever a relationship is; it is not child data of any scope. */
export const CHILD_ID_FIELD = 'id';

/** Subjects that belong to a child's case: their rules carry the relationship conditions. */
const CASE_SUBJECTS: PolicySubject[] = [
  'CustodyEpisode', 'PathwayUpdate', 'Meeting', 'Consent', 'SharingWithoutConsent', 'TeamCoverGrant',
  'AccessExplanation', 'AccommodationRequest', 'AccommodationOffer', 'Alert', 'DataRequest',
];
/** Oversight subjects: whoever may read the audit log may explain access to any child of the consortium. */
const OVERSIGHT_SUBJECTS: PolicySubject[] = ['AccessExplanation', 'AuditLog', 'Consent'];

/**
 * Builds the caller's CASL ability for this day from its static grants and the relationship rules.
 * Nothing is allowed that no rule here allows. Periods are read through IN_FORCE (facts at the
 * request's instant, factsAt), so the ability serves every request of the day (ability-cache.ts).
 */
export function buildAbility(principal: Principal, grants: StaticGrants, today: string): HubAbility {
  const { can, build } = new AbilityBuilder<HubAbility>(createMongoAbility);
  const because = (j: RuleJustification) => JSON.stringify(j);
  const relationships = relationshipRulesFor(principal, today);
  const recipients = [principal.agency.id, principal.agency.type];

  for (const { relationship, canWrite, ownPart, conditions } of relationships) {
    if (grants.scopes.size > 0) {
      can('read', 'Child', [CHILD_ID_FIELD], conditions).because(because({ relationship, basis: 'RELATIONSHIP' }));
    }
    for (const grant of grants.scopes.values()) {
      const justification = { relationship, agreementId: grant.agreementId, agreementVersion: grant.agreementVersion };
      if (!grant.consentRequired) {
        can('read', 'Child', [grant.scope], conditions).because(because({ ...justification, basis: 'AGREEMENT' }));
        continue;
      }
      can('read', 'Child', [grant.scope], {
        ...conditions,
        consents: {
          $elemMatch: { scope: grant.scope, recipient: { $in: recipients }, withdrawn: false, [IN_FORCE]: true },
        },
      }).because(because({ ...justification, basis: 'CONSENT' }));
      if (grant.withoutConsentAllowed) {
        can('read', 'Child', [grant.scope], {
          ...conditions,
          withoutConsent: {
            $elemMatch: { scope: grant.scope, agencyId: principal.agency.id, [IN_FORCE]: true },
          },
        }).because(because({ ...justification, basis: 'WITHOUT_CONSENT' }));
      }
    }
    for (const subject of CASE_SUBJECTS) {
      const writes = canWrite || !!ownPart?.includes(subject);
      const actions = [...(grants.permissions.get(subject) ?? [])].filter((a) => writes || a === 'read');
      if (actions.length) can(actions, subject, conditions).because(because({ relationship, basis: 'RELATIONSHIP' }));
    }
  }

  if (grants.permissions.get('AuditLog')?.has('read')) {
    for (const subject of OVERSIGHT_SUBJECTS) {
      if (grants.permissions.get(subject)?.has('read')) {
        can('read', subject, { consortiumId: principal.consortium.id }).because(
          because({ relationship: 'OVERSIGHT' as Relationship, basis: 'OVERSIGHT' }),
        );
      }
    }
  }
  for (const subject of ['Report'] as PolicySubject[]) {
    const actions = [...(grants.permissions.get(subject) ?? [])];
    if (actions.length) can(actions, subject);
  }
  return build({ detectSubjectType: (object: AnyObject) => (object as { __caslSubjectType__: PolicySubject }).__caslSubjectType__ });
}

/** A child's facts at this instant as a CASL subject of the given type (a copy: CASL tags the object it is given). */
export function caseSubject(subjectType: PolicySubject, facts: ChildAccessFacts, now: string): AnyObject {
  return subject(subjectType, factsAt(facts, now) as AnyObject);
}

/** Parsed once per rule: every child of a page asks the same rules again, scope by scope. */
const justifications = new WeakMap<object, RuleJustification>();

export function justificationOf(rule: { reason?: string } | null | undefined): RuleJustification | undefined {
  if (!rule?.reason) return undefined;
  let parsed = justifications.get(rule);
  if (!parsed) justifications.set(rule, (parsed = JSON.parse(rule.reason) as RuleJustification));
  return parsed;
}

export type { DataScope };
