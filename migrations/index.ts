import { ReferenceData1764140000000 } from './1764140000000-reference-data';
import { CaseRecords1764140001000 } from './1764140001000-case-records';
import { SharingPolicy1764140002000 } from './1764140002000-sharing-policy';
import { AuditLog1764140003000 } from './1764140003000-audit-log';

/** Every migration in order. Listed explicitly so compiled and test builds load the same set. */
export const migrations = [
  ReferenceData1764140000000,
  CaseRecords1764140001000,
  SharingPolicy1764140002000,
  AuditLog1764140003000,
];
