import { ReferenceData1764140000000 } from './1764140000000-reference-data';
import { CaseRecords1764140001000 } from './1764140001000-case-records';
import { SharingPolicy1764140002000 } from './1764140002000-sharing-policy';
import { AuditLog1764140003000 } from './1764140003000-audit-log';
import { DeadlinesAndAlerts1764140004000 } from './1764140004000-deadlines-and-alerts';
import { CaseWrites1764140005000 } from './1764140005000-case-writes';
import { AccommodationRequests1764140006000 } from './1764140006000-accommodation-requests';
import { PartnerIntegrations1764140007000 } from './1764140007000-partner-integrations';
import { IntegrationHardening1764140008000 } from './1764140008000-integration-hardening';
import { DataRequests1764140009000 } from './1764140009000-data-requests';
import { AuditAppendFunction1764140011000 } from './1764140011000-audit-append-function';
import { WriteFunctions1764140012000 } from './1764140012000-write-functions';
import { PrincipalFunction1764140013000 } from './1764140013000-principal-function';
import { AuditChains1764140010000 } from './1764140010000-audit-chains';

/** Every migration in order. Listed explicitly so compiled and test builds load the same set. */
export const migrations = [
  ReferenceData1764140000000,
  CaseRecords1764140001000,
  SharingPolicy1764140002000,
  AuditLog1764140003000,
  DeadlinesAndAlerts1764140004000,
  CaseWrites1764140005000,
  AccommodationRequests1764140006000,
  PartnerIntegrations1764140007000,
  IntegrationHardening1764140008000,
  DataRequests1764140009000,
  AuditChains1764140010000,
  AuditAppendFunction1764140011000,
  WriteFunctions1764140012000,
  PrincipalFunction1764140013000,
];
