import { registerEnumType } from 'type-graphql';

export enum Sex { FEMALE = 'FEMALE', MALE = 'MALE', NOT_KNOWN = 'NOT_KNOWN' }

export enum LookedAfterStatus {
  NOT_LOOKED_AFTER = 'NOT_LOOKED_AFTER',
  LOOKED_AFTER = 'LOOKED_AFTER',
  LOOKED_AFTER_ON_REMAND = 'LOOKED_AFTER_ON_REMAND',
  CARE_LEAVER = 'CARE_LEAVER',
}

export enum LegalStatus { REMAND = 'REMAND', SENTENCED = 'SENTENCED' }

/** Sentencing Act 2020: detention and training order, s.250, extended (s.254), HM pleasure (s.259). */
export enum SentenceType { DTO = 'DTO', S250 = 'S250', S254_EXTENDED = 'S254_EXTENDED', S259_HMP = 'S259_HMP' }

export enum ReleaseType {
  STANDARD = 'STANDARD',
  EARLY_RELEASE = 'EARLY_RELEASE',
  LATE_RELEASE = 'LATE_RELEASE',
  PAROLE_BOARD = 'PAROLE_BOARD',
  END_OF_REMAND = 'END_OF_REMAND',
  SENTENCE_EXPIRY = 'SENTENCE_EXPIRY',
}

export enum CustodyStatus { IN_CUSTODY = 'IN_CUSTODY', RELEASED = 'RELEASED' }

export enum ReleaseDateChangeReason {
  INITIAL_CALCULATION = 'INITIAL_CALCULATION',
  RECALCULATION = 'RECALCULATION',
  EARLY_RELEASE = 'EARLY_RELEASE',
  LATE_RELEASE = 'LATE_RELEASE',
  PAROLE_DECISION = 'PAROLE_DECISION',
  APPEAL = 'APPEAL',
  RECALL = 'RECALL',
  CORRECTION = 'CORRECTION',
  OTHER = 'OTHER',
}

/** The YJB's seven resettlement pathways. */
export enum Pathway {
  CASE_MANAGEMENT = 'CASE_MANAGEMENT',
  ACCOMMODATION = 'ACCOMMODATION',
  ETE = 'ETE',
  HEALTH = 'HEALTH',
  SUBSTANCE_MISUSE = 'SUBSTANCE_MISUSE',
  FAMILIES = 'FAMILIES',
  FINANCE = 'FINANCE',
}

export enum PathwayStatus { NOT_STARTED = 'NOT_STARTED', IN_PROGRESS = 'IN_PROGRESS', READY = 'READY', AT_RISK = 'AT_RISK' }

export enum MeetingKind {
  INITIAL_PLANNING = 'INITIAL_PLANNING',
  RESETTLEMENT_PANEL = 'RESETTLEMENT_PANEL',
  CASE_REVIEW = 'CASE_REVIEW',
  CUSTODY_VISIT = 'CUSTODY_VISIT',
  PRE_RELEASE = 'PRE_RELEASE',
  POST_RELEASE_REVIEW = 'POST_RELEASE_REVIEW',
  OTHER = 'OTHER',
}

export enum MeetingStatus { PLANNED = 'PLANNED', HELD = 'HELD', CANCELLED = 'CANCELLED' }

const enums = {
  Sex, LookedAfterStatus, LegalStatus, SentenceType, ReleaseType, CustodyStatus,
  ReleaseDateChangeReason, Pathway, PathwayStatus, MeetingKind, MeetingStatus,
};
for (const [name, values] of Object.entries(enums)) registerEnumType(values, { name });
