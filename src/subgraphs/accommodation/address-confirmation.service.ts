import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { ValidationError } from '../../shared/errors/domain.error';
import { authoriseRequester } from './accommodation-authorisation';
import { actorColumns, WriteRecord } from './accommodation-effects';
import { runMutation } from './accommodation-mutation';
import { AccommodationOfferEntity } from './accommodation-offer.entity';
import { accommodationOfferStates } from './accommodation-offer.state';
import { AccommodationOutcomeEntity } from './accommodation-outcome.entity';
import { accommodationRequestStates } from './accommodation-request.state';
import { AccommodationRequestStatus, AddressSuitability, OfferStatus, RecipientClosedReason } from './accommodation.enums';
import { accommodationSettings } from './accommodation.settings';
import { assertVersion } from './accommodation.store';
import { AddressVisitEntity } from './address-visit.entity';
import { ProviderParts } from './provider-parts';
import { ReleaseAddressEntity } from './release-address.entity';
import { writeReleaseAddress } from './release-address.writer';
import type { RecordAccommodationOutcomeInput, RecordAddressVisitInput, RequestChangeInput } from './requester-decision.input';

type Answer = { requestId: string };

const VISITABLE_OFFERS: readonly OfferStatus[] = [OfferStatus.MADE, OfferStatus.ACCEPTED];
const VISITABLE_REQUESTS: readonly AccommodationRequestStatus[] = [AccommodationRequestStatus.OPEN, AccommodationRequestStatus.OFFER_ACCEPTED];

/** From an accepted offer to the child's release address, and the outcome on the day of release. */
export class AddressConfirmationService {
  /** A visit is a record, not a change of state: it takes no version, and never rewrites an earlier visit. */
  recordAddressVisit(ctx: RequestContext, input: RecordAddressVisitInput, idempotencyKey?: string | null): Promise<Answer> {
    const operation = 'recordAddressVisit';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(await store.requestIdOf('accommodation_offer', input.offerId, resource), resource);
      await authoriseRequester(ctx, request, 'update', 'AccommodationRequest', resource);
      if (input.visitedOn > ctx.access.clock.today) throw new ValidationError('visitedOn', 'cannot be in the future');
      const offer = await store.db.getRepository(AccommodationOfferEntity).findOneByOrFail({ id: input.offerId });
      if (!VISITABLE_REQUESTS.includes(request.status) || !VISITABLE_OFFERS.includes(offer.status)) {
        accommodationOfferStates.refuse(offer.status, offer.status, 'only an offer still in play can be visited');
      }
      const { userId, clientId } = actorColumns(ctx);
      const visitId = randomUUID();
      await store.db.getRepository(AddressVisitEntity).insert({
        id: visitId, requestId: request.id, offerId: offer.id, visitedOn: input.visitedOn, suitability: input.suitability,
        notes: input.notes?.trim() || null, visitedByAgencyId: ctx.principal.agency.id, recordedByUserId: userId, recordedByClientId: clientId,
        recordedAt: store.now,
      });
      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      await record.event('accommodation.address.visited', { offerId: offer.id, visitId, suitability: input.suitability });
      await record.timeline('ACCOMMODATION_ADDRESS_VISITED', { requestId: request.id, offerId: offer.id, suitability: input.suitability });
      await record.altered();
      return { requestId: request.id };
    });
  }

  /**
   * Confirms the accepted offer as the child's release address. Marks the accommodation pathway
   * READY (read by the deadlines engine) and, by consortium setting, needs a suitable visit first.
   */
  confirmAddress(ctx: RequestContext, input: RequestChangeInput, idempotencyKey?: string | null): Promise<Answer> {
    const operation = 'confirmAddress';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(input.requestId, resource);
      await authoriseRequester(ctx, request, 'update', 'AccommodationRequest', resource);
      assertVersion('The accommodation request', request.version, input.expectedVersion);
      const to = AccommodationRequestStatus.CONFIRMED;
      accommodationRequestStates.assertMove(request.status, to);
      const offer = await store.db
        .getRepository(AccommodationOfferEntity)
        .findOneByOrFail({ requestId: request.id, status: OfferStatus.ACCEPTED });
      accommodationOfferStates.assertMove(offer.status, OfferStatus.CONFIRMED);
      if (accommodationSettings(ctx.principal).addressVisitRequiredBeforeConfirmation) {
        const [latest] = await store.db.getRepository(AddressVisitEntity).find({
          where: { offerId: offer.id }, order: { visitedOn: 'DESC', recordedAt: 'DESC' }, take: 1,
        });
        if (!latest) accommodationRequestStates.refuse(request.status, to, 'ADDRESS_NOT_VISITED');
        if (latest.suitability === AddressSuitability.UNSUITABLE) {
          accommodationRequestStates.refuse(request.status, to, 'ADDRESS_UNSUITABLE');
        }
      }

      await store.updateOffer(offer, { status: OfferStatus.CONFIRMED });
      const address = await writeReleaseAddress(ctx, store, request.childId, offer);
      await store.updateRequest(request, { status: to });
      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      await record.pathway('READY', 'Release address confirmed', {
        offerId: offer.id, releaseAddressId: address.id, accommodationType: offer.accommodationType,
      });
      await record.timeline('ACCOMMODATION_CONFIRMED', { requestId: request.id, offerId: offer.id, releaseAddressId: address.id });
      await record.event('accommodation.address.confirmed', {
        offerId: offer.id, releaseAddressId: address.id, providerAgencyId: offer.providerAgencyId,
      });
      await record.altered();
      return { requestId: request.id };
    });
  }

  /** The outcome on the day of release, for the consortium board. Closes the request and every provider's part. */
  recordOutcome(ctx: RequestContext, input: RecordAccommodationOutcomeInput, idempotencyKey?: string | null): Promise<Answer> {
    const operation = 'recordAccommodationOutcome';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(input.requestId, resource);
      await authoriseRequester(ctx, request, 'update', 'AccommodationRequest', resource);
      assertVersion('The accommodation request', request.version, input.expectedVersion);
      accommodationRequestStates.assertMove(request.status, AccommodationRequestStatus.CLOSED);
      if (input.releasedOn > ctx.access.clock.today) throw new ValidationError('releasedOn', 'cannot be in the future');

      const address = await store.db.getRepository(ReleaseAddressEntity).findOneBy({ requestId: request.id, supersededAt: IsNull() });
      const { userId, clientId } = actorColumns(ctx);
      const outcomeId = randomUUID();
      await store.db.getRepository(AccommodationOutcomeEntity).insert({
        id: outcomeId, childId: request.childId, requestId: request.id, releaseAddressId: address?.id ?? null, outcome: input.outcome,
        releasedOn: input.releasedOn, recordedByAgencyId: ctx.principal.agency.id, recordedByUserId: userId, recordedByClientId: clientId,
        recordedAt: store.now,
      });
      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      await new ProviderParts(ctx, store, record, request.id).endLiveParts(RecipientClosedReason.REQUEST_CLOSED);
      await store.updateRequest(request, { status: AccommodationRequestStatus.CLOSED });
      await record.event('accommodation.outcome.recorded', { outcomeId, outcome: input.outcome, releasedOn: input.releasedOn });
      await record.timeline('ACCOMMODATION_OUTCOME_RECORDED', { requestId: request.id, outcome: input.outcome });
      await record.altered();
      ctx.access.invalidate(request.childId);
      return { requestId: request.id };
    });
  }
}
