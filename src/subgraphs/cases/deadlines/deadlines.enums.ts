import { registerEnumType } from 'type-graphql';

export enum DeadlineStatus {
  OPEN = 'OPEN',
  MET = 'MET',
  MISSED = 'MISSED',
  CANCELLED = 'CANCELLED',
}

export enum DeadlineAnchor {
  SENTENCE_DATE = 'SENTENCE_DATE',
  ENTRY_DATE = 'ENTRY_DATE',
  RELEASE_DATE = 'RELEASE_DATE',
  ACTUAL_RELEASE_DATE = 'ACTUAL_RELEASE_DATE',
}

export enum DeadlineChangeKind {
  MOVED = 'MOVED',
  MET = 'MET',
  MISSED = 'MISSED',
  REOPENED = 'REOPENED',
  CANCELLED = 'CANCELLED',
}

export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  /** No longer needs anyone: its deadline was met, cancelled, moved or escalated before it was acknowledged. */
  RESOLVED = 'RESOLVED',
}

export enum AlertStatusFilter {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
  ALL = 'ALL',
}

registerEnumType(DeadlineStatus, { name: 'DeadlineStatus', description: 'OPEN until met; MISSED once the due date has passed unmet' });
registerEnumType(DeadlineAnchor, { name: 'DeadlineAnchor', description: 'The custody date a deadline counts from' });
registerEnumType(DeadlineChangeKind, { name: 'DeadlineChangeKind' });
registerEnumType(AlertStatus, { name: 'AlertStatus' });
registerEnumType(AlertStatusFilter, { name: 'AlertStatusFilter' });
