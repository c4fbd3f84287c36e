import { registerEnumType } from 'type-graphql';

export enum MeetingActionStatus { OPEN = 'OPEN', IN_PROGRESS = 'IN_PROGRESS', DONE = 'DONE', CANCELLED = 'CANCELLED' }

/** Release on temporary licence: what the child goes out for. */
export enum RotlPurpose { EDUCATION = 'EDUCATION', WORK = 'WORK', FAMILY = 'FAMILY', RESETTLEMENT = 'RESETTLEMENT', OTHER = 'OTHER' }

export enum RotlStatus { REQUESTED = 'REQUESTED', APPROVED = 'APPROVED', REFUSED = 'REFUSED', CLOSED = 'CLOSED' }

export enum RotlDecision { APPROVED = 'APPROVED', REFUSED = 'REFUSED' }

export enum RotlOutcome {
  COMPLETED = 'COMPLETED',
  RETURNED_LATE = 'RETURNED_LATE',
  FAILED_TO_RETURN = 'FAILED_TO_RETURN',
  NOT_TAKEN = 'NOT_TAKEN',
}

/** Who met the child at the gate on release; NOBODY is recorded too, because it should not happen. */
export enum MetAtGateBy {
  YJS_WORKER = 'YJS_WORKER',
  PARENT_OR_CARER = 'PARENT_OR_CARER',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  ACCOMMODATION_PROVIDER = 'ACCOMMODATION_PROVIDER',
  MENTOR = 'MENTOR',
  OTHER_PROFESSIONAL = 'OTHER_PROFESSIONAL',
  NOBODY = 'NOBODY',
}

export enum ProbationTransferStatus {
  REFERRED = 'REFERRED',
  JOINT_WORKING = 'JOINT_WORKING',
  HANDED_OVER = 'HANDED_OVER',
  CANCELLED = 'CANCELLED',
}

const enums = { MeetingActionStatus, RotlPurpose, RotlStatus, RotlDecision, RotlOutcome, MetAtGateBy, ProbationTransferStatus };
for (const [name, values] of Object.entries(enums)) registerEnumType(values, { name });
