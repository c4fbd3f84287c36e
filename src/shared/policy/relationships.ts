import { AgencyType } from '../../subgraphs/sharing/agency.enums';
import type { Principal } from '../auth/principal';
import { IN_FORCE } from './child-access-fields';
import type { PolicySubject } from './policy-set';

/** How an agency (or one user) comes to be in a child's case. */
export enum Relationship {
  HOME_YOUTH_JUSTICE_SERVICE = 'HOME_YOUTH_JUSTICE_SERVICE',
  HOME_CHILDRENS_SERVICES = 'HOME_CHILDRENS_SERVICES',
  CURRENT_ESTABLISHMENT = 'CURRENT_ESTABLISHMENT',
  FORMER_ESTABLISHMENT = 'FORMER_ESTABLISHMENT',
  CONSORTIUM_TEAM = 'CONSORTIUM_TEAM',
  PROBATION_TRANSFER = 'PROBATION_TRANSFER',
  ACCOMMODATION_REFERRAL = 'ACCOMMODATION_REFERRAL',
  CASE_INVOLVEMENT = 'CASE_INVOLVEMENT',
  TEAM_COVER = 'TEAM_COVER',
}

export interface RelationshipRule {
  relationship: Relationship;
  /** Read-only relationships never carry create/update permissions on the child's case records. */
  canWrite: boolean;
  /**
   * What a read-only relationship may still write: its own part of the case only (a housing
   * provider's answer to a referral and its offer), never the child's records.
   */
  ownPart?: PolicySubject[];
  conditions: Record<string, unknown>;
}

export interface Clock {
  now: string; // ISO instant
  today: string; // ISO date
}

const DAY_MS = 86_400_000;
const INVOLVED_AGENCY_TYPES: AgencyType[] = [AgencyType.EDUCATION, AgencyType.HEALTH, AgencyType.POLICE];

/**
 * The relationships open to the caller's agency on this day, as CASL conditions over the child
 * access facts. Every one is bound to the caller's consortium. Periods are read through IN_FORCE,
 * never against the clock, so the rules hold for every instant of the day.
 */
export function relationshipRulesFor(principal: Principal, today: string): RelationshipRule[] {
  const { agency, consortium } = principal;
  const bound = (conditions: Record<string, unknown>) => ({ consortiumId: consortium.id, ...conditions });
  const daysAgo = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
  const rules: RelationshipRule[] = [];
  const add = (relationship: Relationship, canWrite: boolean, conditions: Record<string, unknown>, ownPart?: PolicySubject[]) =>
    rules.push({ relationship, canWrite, conditions: bound(conditions), ...(ownPart ? { ownPart } : {}) });

  switch (agency.type) {
    case AgencyType.YOUTH_JUSTICE_SERVICE:
      add(Relationship.HOME_YOUTH_JUSTICE_SERVICE, true, { homeYjsAgencyId: agency.id });
      break;
    case AgencyType.CHILDRENS_SERVICES:
      if (agency.localAuthorityCode) add(Relationship.HOME_CHILDRENS_SERVICES, true, { homeLocalAuthorityCode: agency.localAuthorityCode });
      break;
    case AgencyType.SECURE_ESTABLISHMENT:
      add(Relationship.CURRENT_ESTABLISHMENT, true, { currentEstablishmentId: agency.id });
      add(Relationship.FORMER_ESTABLISHMENT, false, {
        formerEstablishments: {
          $elemMatch: { agencyId: agency.id, until: { $gte: daysAgo(consortium.settings.formerEstablishmentAccessDays) } },
        },
      });
      break;
    case AgencyType.CONSORTIUM_TEAM:
      add(Relationship.CONSORTIUM_TEAM, true, { inCustody: true });
      add(Relationship.CONSORTIUM_TEAM, true, {
        lastReleasedOn: { $gte: daysAgo(consortium.settings.consortiumTeamAccessAfterReleaseDays) },
      });
      break;
    case AgencyType.PROBATION:
      add(Relationship.PROBATION_TRANSFER, true, { probationTransfers: { $elemMatch: { agencyId: agency.id, open: true } } });
      break;
    case AgencyType.HOUSING_PROVIDER:
      add(
        Relationship.ACCOMMODATION_REFERRAL,
        false,
        { housingReferrals: { $elemMatch: { agencyId: agency.id, [IN_FORCE]: true } } },
        ['AccommodationRequest', 'AccommodationOffer'],
      );
      break;
    default:
      break;
  }
  // Agencies with no statutory part in the case (a college, a health or police team) come in only
  // when brought in; the others have narrower relationships of their own that this must not widen.
  if (INVOLVED_AGENCY_TYPES.includes(agency.type)) {
    add(Relationship.CASE_INVOLVEMENT, false, {
      involvements: { $elemMatch: { agencyId: agency.id, [IN_FORCE]: true } },
    });
  }
  if (principal.kind === 'user') {
    add(Relationship.TEAM_COVER, true, {
      teamCover: { $elemMatch: { userId: principal.id, [IN_FORCE]: true } },
    });
  }
  return rules;
}
