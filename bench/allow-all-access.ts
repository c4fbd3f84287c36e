import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../src/shared/auth/principal';
import type { HubAbility } from '../src/shared/policy/ability-factory';
import { AccessControl } from '../src/shared/policy/access-control';
import type { ChildAccessDecision, ScopeDecision } from '../src/shared/policy/child-access-decision';
import type { ChildAccessFacts } from '../src/shared/policy/child-access-fields';
import { DATA_SCOPES, type DataScope } from '../src/shared/policy/data-scope';
import type { PolicyAction, PolicySet, PolicySubject } from '../src/shared/policy/policy-set';
import { Relationship } from '../src/shared/policy/relationships';
import type { SqlCondition } from '../src/shared/policy/sql-condition';
import type { StaticGrants } from '../src/shared/policy/static-grants';

const SUBJECTS: PolicySubject[] = [
  'Child', 'CustodyEpisode', 'PathwayUpdate', 'Meeting', 'Consent', 'SharingWithoutConsent', 'TeamCoverGrant', 'AccessExplanation',
  'AuditLog', 'AccommodationRequest', 'AccommodationOffer', 'Alert', 'Report',
];
const ACTIONS: PolicyAction[] = ['read', 'create', 'update'];
const JUSTIFICATION = { relationship: Relationship.HOME_YOUTH_JUSTICE_SERVICE, basis: 'RELATIONSHIP' as const };

/**
 * The benchmark's level 2, "policy off": everyone may do everything to every child, with no
 * database query to decide it. Bench code only, injected through startHub's `accessControl`
 * (which refuses it when NODE_ENV=production); the hub itself has no switch for this.
 */
export class AllowAllAccessControl extends AccessControl {
  private readonly allowAll: HubAbility = createMongoAbility([
    { action: 'manage', subject: 'all', reason: JSON.stringify(JUSTIFICATION) } as unknown as RawRuleOf<HubAbility>,
  ]) as HubAbility;
  private readonly allGrants: StaticGrants = {
    permissions: new Map(SUBJECTS.map((s) => [s, new Set(ACTIONS)])),
    scopes: new Map(
      DATA_SCOPES.map((scope) => [scope, { scope, agreementId: 'bench', agreementVersion: 1, consentRequired: false, withoutConsentAllowed: true }]),
    ),
    deniedScopes: new Map(),
  };

  constructor(principal: Principal, policy: PolicySet, now: Date) {
    super(principal, policy, now);
  }

  override get grants(): StaticGrants {
    return this.allGrants;
  }

  override get ability(): HubAbility {
    return this.allowAll;
  }

  override factsColumn(): string {
    return 'NULL::json';
  }

  override childCondition(): SqlCondition {
    return { sql: 'TRUE', params: {} };
  }

  override async factsFor(_db: EntityManager, childIds: readonly string[]): Promise<Map<string, ChildAccessFacts>> {
    return new Map(childIds.map((id) => [id, this.factsOf(id)]));
  }

  override async decide(_db: EntityManager, childIds: readonly string[]): Promise<Map<string, ChildAccessDecision>> {
    const scopes = new Map<DataScope, ScopeDecision>(DATA_SCOPES.map((scope) => [scope, { scope, allowed: true, justification: JUSTIFICATION }]));
    return new Map(childIds.map((childId) => [childId, { childId, visible: true, relationship: JUSTIFICATION.relationship, scopes }]));
  }

  private factsOf(id: string): ChildAccessFacts {
    return {
      id, consortiumId: this.principal.consortium.id, homeYjsAgencyId: this.principal.agency.id, homeLocalAuthorityCode: '',
      currentEstablishmentId: null, inCustody: true, lastReleasedOn: null, formerEstablishments: [], probationTransfers: [],
      housingReferrals: [], involvements: [], teamCover: [], consents: [], withoutConsent: [],
    };
  }
}
