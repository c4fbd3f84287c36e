import type { DataScope } from '../../shared/policy/data-scope';
import type { AgencyType } from './agency.enums';
import type { ConsentEntity } from './consent.entity';
import { ConsentStatus, type Consent, type ConsentGiver } from './consent.type';

export function toConsent(row: ConsentEntity, nowIso: string): Consent {
  return {
    id: row.id,
    child: { id: row.childId },
    scope: row.scope as DataScope,
    recipientAgencyId: row.recipientAgencyId,
    recipientAgencyType: row.recipientAgencyType as AgencyType | null,
    givenBy: row.givenBy as ConsentGiver,
    givenAt: row.givenAt,
    expiresAt: row.expiresAt,
    explanation: row.explanation,
    evidenceReference: row.evidenceReference,
    recordedByAgencyId: row.recordedByAgencyId,
    recordedAt: row.recordedAt,
    withdrawnAt: row.withdrawnAt,
    withdrawalReason: row.withdrawalReason,
    status: statusOf(row, new Date(nowIso)),
  };
}

function statusOf(row: ConsentEntity, now: Date): ConsentStatus {
  if (row.withdrawnAt) return ConsentStatus.WITHDRAWN;
  if (row.givenAt > now) return ConsentStatus.NOT_YET_ACTIVE;
  if (row.expiresAt && row.expiresAt <= now) return ConsentStatus.EXPIRED;
  return ConsentStatus.ACTIVE;
}
