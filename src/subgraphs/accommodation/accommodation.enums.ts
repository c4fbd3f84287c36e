import { registerEnumType } from 'type-graphql';

/** Where a child lives at release, as counted for the consortium board. */
export enum AccommodationOutcome {
  SETTLED = 'SETTLED',
  TEMPORARY = 'TEMPORARY',
  HOMELESS = 'HOMELESS',
}

registerEnumType(AccommodationOutcome, {
  name: 'AccommodationOutcome',
  valuesConfig: {
    SETTLED: { description: 'Suitable, settled accommodation confirmed for release' },
    TEMPORARY: { description: 'Temporary accommodation, including placements for assessment' },
    HOMELESS: { description: 'No accommodation on the day of release' },
  },
});

export enum AccommodationRequestStatus {
  OPEN = 'OPEN',
  OFFER_ACCEPTED = 'OFFER_ACCEPTED',
  CONFIRMED = 'CONFIRMED',
  WITHDRAWN = 'WITHDRAWN',
  CLOSED = 'CLOSED',
}

/** Where one housing provider stands on a request. */
export enum RecipientStatus {
  SENT = 'SENT',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLARIFICATION_REQUESTED = 'CLARIFICATION_REQUESTED',
  OFFERED = 'OFFERED',
  DECLINED = 'DECLINED',
  ACCEPTED = 'ACCEPTED',
  CLOSED = 'CLOSED',
}

export enum OfferStatus {
  MADE = 'MADE',
  ACCEPTED = 'ACCEPTED',
  CONFIRMED = 'CONFIRMED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  FELL_THROUGH = 'FELL_THROUGH',
}

export enum SupportLevel {
  NO_SUPPORT_NEEDED = 'NO_SUPPORT_NEEDED',
  FLOATING_SUPPORT = 'FLOATING_SUPPORT',
  SUPPORTED_ACCOMMODATION = 'SUPPORTED_ACCOMMODATION',
  TWENTY_FOUR_HOUR_SUPPORT = 'TWENTY_FOUR_HOUR_SUPPORT',
}

export enum AccommodationType {
  SUPPORTED_ACCOMMODATION = 'SUPPORTED_ACCOMMODATION',
  SUPPORTED_LODGINGS = 'SUPPORTED_LODGINGS',
  FOYER_OR_HOSTEL = 'FOYER_OR_HOSTEL',
  SOCIAL_TENANCY = 'SOCIAL_TENANCY',
  PRIVATE_TENANCY = 'PRIVATE_TENANCY',
  FOSTER_PLACEMENT = 'FOSTER_PLACEMENT',
  CHILDRENS_HOME = 'CHILDRENS_HOME',
  FAMILY_HOME = 'FAMILY_HOME',
  EMERGENCY_TEMPORARY = 'EMERGENCY_TEMPORARY',
}

export enum DeclineReason {
  NO_VACANCY = 'NO_VACANCY',
  NEEDS_NOT_MET = 'NEEDS_NOT_MET',
  RISK_NOT_MANAGEABLE = 'RISK_NOT_MANAGEABLE',
  OUTSIDE_AREA = 'OUTSIDE_AREA',
  AGE_CRITERIA_NOT_MET = 'AGE_CRITERIA_NOT_MET',
  TIMESCALE_NOT_MET = 'TIMESCALE_NOT_MET',
  OTHER = 'OTHER',
}

/** Why a provider's part ended without it declining. */
export enum RecipientClosedReason {
  OTHER_OFFER_ACCEPTED = 'OTHER_OFFER_ACCEPTED',
  OFFER_FELL_THROUGH = 'OFFER_FELL_THROUGH',
  REQUEST_WITHDRAWN = 'REQUEST_WITHDRAWN',
  REQUEST_CLOSED = 'REQUEST_CLOSED',
}

export enum WithdrawalReason {
  ACCOMMODATION_FOUND_ELSEWHERE = 'ACCOMMODATION_FOUND_ELSEWHERE',
  RETURNING_TO_FAMILY = 'RETURNING_TO_FAMILY',
  RELEASE_DATE_CHANGED = 'RELEASE_DATE_CHANGED',
  RELEASE_CANCELLED = 'RELEASE_CANCELLED',
  REFERRAL_ERROR = 'REFERRAL_ERROR',
  OTHER = 'OTHER',
}

export enum ReopenReason {
  OFFER_FELL_THROUGH = 'OFFER_FELL_THROUGH',
  ADDRESS_UNSUITABLE = 'ADDRESS_UNSUITABLE',
  RELEASE_DATE_CHANGED = 'RELEASE_DATE_CHANGED',
  CIRCUMSTANCES_CHANGED = 'CIRCUMSTANCES_CHANGED',
  OTHER = 'OTHER',
}

export enum AddressSuitability {
  SUITABLE = 'SUITABLE',
  SUITABLE_WITH_CONDITIONS = 'SUITABLE_WITH_CONDITIONS',
  UNSUITABLE = 'UNSUITABLE',
}

/** Licence or notice-of-supervision conditions that decide where a child can live. */
export enum PlacementLicenceCondition {
  CURFEW = 'CURFEW',
  ELECTRONIC_MONITORING = 'ELECTRONIC_MONITORING',
  RESIDE_AS_APPROVED = 'RESIDE_AS_APPROVED',
  EXCLUSION_ZONE = 'EXCLUSION_ZONE',
  NON_CONTACT = 'NON_CONTACT',
  NON_ASSOCIATION = 'NON_ASSOCIATION',
}

/** What a placement must respect, stated without the reason behind it. */
export enum PlacementRestriction {
  NOT_WITH_YOUNGER_CHILDREN = 'NOT_WITH_YOUNGER_CHILDREN',
  NOT_WITH_ADULTS = 'NOT_WITH_ADULTS',
  SINGLE_OCCUPANCY = 'SINGLE_OCCUPANCY',
}

export enum MessageKind {
  QUESTION = 'QUESTION',
  ANSWER = 'ANSWER',
}

/** GraphQL names: prefixed where a bare name could clash with another subgraph's enum. */
const enums: [object, string][] = [
  [AccommodationRequestStatus, 'AccommodationRequestStatus'],
  [RecipientStatus, 'AccommodationRecipientStatus'],
  [OfferStatus, 'AccommodationOfferStatus'],
  [SupportLevel, 'AccommodationSupportLevel'],
  [AccommodationType, 'AccommodationType'],
  [DeclineReason, 'AccommodationDeclineReason'],
  [RecipientClosedReason, 'AccommodationRecipientClosedReason'],
  [WithdrawalReason, 'AccommodationWithdrawalReason'],
  [ReopenReason, 'AccommodationReopenReason'],
  [AddressSuitability, 'AddressSuitability'],
  [PlacementLicenceCondition, 'PlacementLicenceCondition'],
  [PlacementRestriction, 'PlacementRestriction'],
  [MessageKind, 'AccommodationMessageKind'],
];
for (const [values, name] of enums) registerEnumType(values, { name });
