import type { ChildAccessDecision } from '../../shared/policy/child-access-decision';
import { withChildAccess } from '../../shared/policy/scoped-field';
import type { Sex } from '../cases/case.enums';
import type { AccommodationMessageEntity } from './accommodation-message.entity';
import type { AccommodationOfferEntity } from './accommodation-offer.entity';
import type { AccommodationOutcomeEntity } from './accommodation-outcome.entity';
import type { AccommodationOffer } from './accommodation-offer.type';
import type { AccommodationOutcomeRecord, AddressVisit, ReleaseAddress } from './accommodation-progress.type';
import type { AccommodationRecipientView, AccommodationMessage } from './accommodation-recipient.type';
import type { AccommodationReferralView } from './accommodation-referral.type';
import type { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import type { AccommodationRequestEntity } from './accommodation-request.entity';
import type { AccommodationRequestView, RequestViewer } from './accommodation-request.type';
import type { AddressVisitEntity } from './address-visit.entity';
import { toAddress } from './address.type';
import { agencyRef, childRef } from './federated-references.type';
import type { ReleaseAddressEntity } from './release-address.entity';

/** Entities to GraphQL types: the storage shape never reaches the API. */
export function toRequestView(
  row: AccommodationRequestEntity,
  decision: ChildAccessDecision,
  viewer: RequestViewer,
): AccommodationRequestView {
  return withChildAccess(
    {
      id: row.id,
      child: childRef(row.childId),
      requestedBy: agencyRef(row.requestedByAgencyId),
      status: row.status,
      statusReason: row.statusReason,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      entity: row,
      viewer,
    },
    decision,
  );
}

export interface ReferralChild {
  dateOfBirth: string;
  sex: Sex;
}

export function toReferral(
  row: AccommodationRequestEntity,
  child: ReferralChild | undefined,
  decision: ChildAccessDecision,
): AccommodationReferralView {
  return withChildAccess(
    {
      ageAtRelease: child && row.releaseDate ? ageOn(child.dateOfBirth, row.releaseDate) : null,
      sex: child?.sex ?? null,
      releaseDate: row.releaseDate,
      releaseArea: row.releaseArea,
      preferredAreas: row.preferredAreas,
      childWishes: row.childWishes,
      supportLevel: row.supportLevel,
      supportNeeds: row.supportNeeds,
      placementRisks: {
        exclusionZones: row.placementRisks.exclusionZones ?? [],
        licenceConditions: (row.placementRisks.licenceConditions ?? []).map((c) => ({ kind: c.kind, detail: c.detail ?? null })),
        restrictions: row.placementRisks.restrictions ?? [],
      },
    },
    decision,
  );
}

export function toRecipientView(
  row: AccommodationRequestRecipientEntity,
  childId: string,
  decision: ChildAccessDecision,
): AccommodationRecipientView {
  return withChildAccess(
    {
      id: row.id,
      requestId: row.requestId,
      childId,
      provider: agencyRef(row.providerAgencyId),
      status: row.status,
      declineReason: row.declineReason,
      closedReason: row.closedReason,
      sentAt: row.sentAt,
      respondedAt: row.respondedAt,
      accessEndsAt: row.accessEndsAt,
      version: row.version,
    },
    decision,
  );
}

export function toOffer(row: AccommodationOfferEntity): AccommodationOffer {
  return {
    id: row.id,
    requestId: row.requestId,
    provider: agencyRef(row.providerAgencyId),
    status: row.status,
    address: toAddress(row),
    accommodationType: row.accommodationType,
    availableFrom: row.availableFrom,
    conditions: row.conditions,
    holdUntil: row.holdUntil,
    decidedAt: row.decidedAt,
    providerVisibleUntil: row.providerVisibleUntil,
    createdAt: row.createdAt,
    version: row.version,
  };
}

export function toMessage(row: AccommodationMessageEntity): AccommodationMessage {
  return { id: row.id, kind: row.kind, body: row.body, author: agencyRef(row.authorAgencyId), createdAt: row.createdAt };
}

export function toVisit(row: AddressVisitEntity): AddressVisit {
  return {
    id: row.id,
    offerId: row.offerId,
    visitedOn: row.visitedOn,
    suitability: row.suitability,
    notes: row.notes,
    visitedBy: agencyRef(row.visitedByAgencyId),
    recordedAt: row.recordedAt,
  };
}

export function toReleaseAddress(row: ReleaseAddressEntity): ReleaseAddress {
  return {
    id: row.id,
    requestId: row.requestId,
    offerId: row.offerId,
    address: toAddress(row),
    accommodationType: row.accommodationType,
    availableFrom: row.availableFrom,
    confirmedBy: agencyRef(row.confirmedByAgencyId),
    confirmedAt: row.confirmedAt,
    supersededAt: row.supersededAt,
  };
}

export function toOutcome(row: AccommodationOutcomeEntity): AccommodationOutcomeRecord {
  return { outcome: row.outcome, releasedOn: row.releasedOn, recordedBy: agencyRef(row.recordedByAgencyId), recordedAt: row.recordedAt };
}

export function ageOn(dateOfBirth: string, day: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = day.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
