import { registerEnumType } from 'type-graphql';

export enum DataRequestStatus {
  OPEN = 'OPEN',
  ANSWERED = 'ANSWERED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(DataRequestStatus, { name: 'DataRequestStatus' });

export enum DataRequestOutcome {
  /** The information is now in the child's records (or was already), shared under the agreements. */
  PROVIDED = 'PROVIDED',
  NOT_HELD = 'NOT_HELD',
  DECLINED = 'DECLINED',
}
registerEnumType(DataRequestOutcome, {
  name: 'DataRequestOutcome',
  description: 'PROVIDED: recorded in the child’s records, where the agreements share it; NOT_HELD; DECLINED with a reason',
});

export enum DataRequestDeclineReason {
  NO_AGREEMENT = 'NO_AGREEMENT',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  NOT_PROPORTIONATE = 'NOT_PROPORTIONATE',
  NOT_OUR_CASE = 'NOT_OUR_CASE',
}
registerEnumType(DataRequestDeclineReason, { name: 'DataRequestDeclineReason' });

export enum DataRequestDirection {
  /** Addressed to the caller's agency: its inbox. */
  INCOMING = 'INCOMING',
  /** Made by the caller's agency. */
  OUTGOING = 'OUTGOING',
}
registerEnumType(DataRequestDirection, { name: 'DataRequestDirection' });
