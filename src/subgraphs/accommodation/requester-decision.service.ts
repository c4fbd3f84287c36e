import type { RequestContext } from '../../shared/auth/request-context';
import { authoriseRequester } from './accommodation-authorisation';
import { WriteRecord } from './accommodation-effects';
import { runMutation } from './accommodation-mutation';
import { AccommodationOfferEntity } from './accommodation-offer.entity';
import { accommodationOfferStates } from './accommodation-offer.state';
import { recipientStates } from './accommodation-recipient.state';
import { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import { accommodationRequestStates } from './accommodation-request.state';
import { AccommodationRequestStatus, MessageKind, OfferStatus, RecipientClosedReason, RecipientStatus } from './accommodation.enums';
import { assertVersion } from './accommodation.store';
import { ProviderParts } from './provider-parts';
import { writeMessage } from './provider-response.service';
import { supersedeReleaseAddress } from './release-address.writer';
import type { AcceptOfferInput, ReplyToClarificationInput, WithdrawRequestInput } from './requester-decision.input';

type Answer = { requestId: string };

/** The requesting side's decisions on the search: answering providers, accepting an offer, withdrawing. */
export class RequesterDecisionService {
  replyToClarification(ctx: RequestContext, input: ReplyToClarificationInput, idempotencyKey?: string | null): Promise<Answer> {
    const operation = 'replyToClarification';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(await store.requestIdOf('accommodation_request_recipient', input.recipientId, resource), resource);
      await authoriseRequester(ctx, request, 'update', 'AccommodationRequest', resource);
      const part = await store.db.getRepository(AccommodationRequestRecipientEntity).findOneByOrFail({ id: input.recipientId });
      assertVersion('The provider’s part of the accommodation request', part.version, input.expectedVersion);
      if (part.status !== RecipientStatus.CLARIFICATION_REQUESTED) {
        recipientStates.refuse(part.status, RecipientStatus.ACKNOWLEDGED, 'the provider has no open question');
      }
      await store.updateRecipient(part, { status: RecipientStatus.ACKNOWLEDGED });
      const messageId = await writeMessage(ctx, store, request.id, part.id, MessageKind.ANSWER, input.answer);
      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      await record.event('accommodation.clarification.answered', { providerAgencyId: part.providerAgencyId, recipientId: part.id, messageId });
      await record.altered();
      return { requestId: request.id };
    });
  }

  /**
   * Accepts one offer. Every other provider's part ends at once (and with it its access to the
   * child); each is told the request is closed and keeps only its own offer for a while.
   */
  acceptOffer(ctx: RequestContext, input: AcceptOfferInput, idempotencyKey?: string | null): Promise<Answer> {
    const operation = 'acceptOffer';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(await store.requestIdOf('accommodation_offer', input.offerId, resource), resource);
      await authoriseRequester(ctx, request, 'update', 'AccommodationOffer', resource);
      assertVersion('The accommodation request', request.version, input.expectedVersion);
      const offer = await store.db.getRepository(AccommodationOfferEntity).findOneByOrFail({ id: input.offerId });
      accommodationRequestStates.assertMove(request.status, AccommodationRequestStatus.OFFER_ACCEPTED);
      accommodationOfferStates.assertMove(offer.status, OfferStatus.ACCEPTED);
      if (offer.holdUntil && offer.holdUntil < ctx.access.clock.today) {
        accommodationOfferStates.refuse(offer.status, OfferStatus.ACCEPTED, `the provider held it only until ${offer.holdUntil}`);
      }
      const part = await store.db.getRepository(AccommodationRequestRecipientEntity).findOneByOrFail({ id: offer.recipientId });
      recipientStates.assertMove(part.status, RecipientStatus.ACCEPTED);

      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      await store.updateOffer(offer, { status: OfferStatus.ACCEPTED, decidedAt: store.now });
      await store.updateRecipient(part, { status: RecipientStatus.ACCEPTED });
      await new ProviderParts(ctx, store, record, request.id).endLiveParts(RecipientClosedReason.OTHER_OFFER_ACCEPTED, part.id);
      await store.updateRequest(request, { status: AccommodationRequestStatus.OFFER_ACCEPTED });
      await record.event('accommodation.offer.accepted', { providerAgencyId: offer.providerAgencyId, offerId: offer.id }, {
        type: 'accommodation_offer', id: offer.id,
      });
      await record.timeline('ACCOMMODATION_OFFER_ACCEPTED', { requestId: request.id, offerId: offer.id });
      await record.altered();
      ctx.access.invalidate(request.childId);
      return { requestId: request.id };
    });
  }

  /** Withdraws the request: every provider's part ends, and a confirmed address is no longer the release address. */
  withdraw(ctx: RequestContext, input: WithdrawRequestInput, idempotencyKey?: string | null): Promise<Answer> {
    const operation = 'withdrawRequest';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(input.requestId, resource);
      await authoriseRequester(ctx, request, 'update', 'AccommodationRequest', resource);
      assertVersion('The accommodation request', request.version, input.expectedVersion);
      const from = request.status;
      accommodationRequestStates.assertMove(from, AccommodationRequestStatus.WITHDRAWN);

      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      const accepted = (await store.offers(request.id)).filter((o) => o.status === OfferStatus.ACCEPTED || o.status === OfferStatus.CONFIRMED);
      for (const offer of accepted) await store.updateOffer(offer, { status: OfferStatus.FELL_THROUGH, decidedAt: store.now });
      await new ProviderParts(ctx, store, record, request.id).endLiveParts(RecipientClosedReason.REQUEST_WITHDRAWN);
      await supersedeReleaseAddress(store, request.id, 'REQUEST_WITHDRAWN');
      await store.updateRequest(request, { status: AccommodationRequestStatus.WITHDRAWN, statusReason: input.reasonCode });
      await record.event('accommodation.request.withdrawn', { fromStatus: from, reasonCode: input.reasonCode });
      await record.timeline('ACCOMMODATION_REQUEST_WITHDRAWN', { requestId: request.id, reasonCode: input.reasonCode });
      if (from === AccommodationRequestStatus.CONFIRMED) {
        await record.pathway('AT_RISK', 'The confirmed release address was withdrawn', { reasonCode: input.reasonCode });
      }
      await record.altered();
      ctx.access.invalidate(request.childId);
      return { requestId: request.id };
    });
  }
}
