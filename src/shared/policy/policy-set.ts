import type { AgencyType } from '../../subgraphs/sharing/agency.enums';
import type { DataScope } from './data-scope';

/** Actions a role may be granted on a subject type. */
export type PolicyAction = 'read' | 'create' | 'update' | 'delete';

/**
 * Subject types the roles file may name. `Child` reads are further limited per scope by the
 * agreements and consent; the others are plain permissions.
 */
export type PolicySubject =
  | 'Child'
  | 'CustodyEpisode'
  | 'PathwayUpdate'
  | 'Meeting'
  | 'Consent'
  | 'SharingWithoutConsent'
  | 'TeamCoverGrant'
  | 'AccessExplanation'
  | 'AuditLog'
  | 'AccommodationRequest'
  | 'AccommodationOffer'
  | 'Alert'
  | 'DataRequest'
  | 'Report';

export interface RoleDefinition {
  /** e.g. CASE_MANAGER */
  name: string;
  description: string;
  /** The agency types whose staff may hold this role; a user whose agency is of another type gets nothing from it. */
  agencyTypes: AgencyType[];
  permissions: Partial<Record<PolicySubject, PolicyAction[]>>;
  /** Upper bound on the child data scopes this role may read; absent means every scope the agreements allow. */
  scopes?: DataScope[];
}

/** A machine client's OAuth-style scope (e.g. `cases:read`) maps to permissions as a role does. */
export interface ClientScopeDefinition {
  name: string;
  description: string;
  permissions: Partial<Record<PolicySubject, PolicyAction[]>>;
  scopes?: DataScope[];
}

export interface RolesFile {
  version: number;
  roles: RoleDefinition[];
  clientScopes: ClientScopeDefinition[];
}

export type AgreementStatus = 'draft' | 'active' | 'suspended' | 'expired';

export interface ScopeGrant {
  scope: DataScope;
  /** Whether the child's (or carer's) consent is needed before this scope reaches this recipient. */
  consentRequired: boolean;
  /** Whether a named professional may share this scope without consent, time-limited, where the law allows. */
  withoutConsentAllowed: boolean;
}

export interface AgreementRecipient {
  agencyType: AgencyType;
  scopes: ScopeGrant[];
}

export interface AgreementPurpose {
  code: string;
  description: string;
  /** e.g. UK_GDPR_ART6_1E_PUBLIC_TASK, CRIME_AND_DISORDER_ACT_1998_S115 */
  lawfulBasis: string[];
}

/** An information-sharing agreement (ISA), one version of it. */
export interface Agreement {
  id: string;
  version: number;
  title: string;
  description: string;
  /** Consortium code the agreement belongs to, e.g. SWY */
  consortium: string;
  status: AgreementStatus;
  parties: { agencyTypes: AgencyType[]; agencyCodes: string[] };
  purposes: AgreementPurpose[];
  recipients: AgreementRecipient[];
  validFrom: string; // ISO date
  validUntil: string; // ISO date
  reviewDate: string; // ISO date
  /** ISO 8601 duration, e.g. P7Y */
  retention: string;
  contacts: { role: string; email: string }[];
  /** Where it was loaded from, for error messages and explanations. */
  sourceFile: string;
}

/** Everything under policies/, validated; `version` is a content hash so caches follow edits. */
export interface PolicySet {
  version: string;
  roles: RolesFile;
  agreements: Agreement[];
}
