import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../shared/auth/request-context';
import { ValidationError } from '../../shared/errors/domain.error';
import type { PolicyAction, PolicySubject } from '../../shared/policy/policy-set';
import { AccommodationMessageEntity } from './accommodation-message.entity';
import { AccommodationOfferEntity } from './accommodation-offer.entity';
import { authoriseProvider } from './accommodation-authorisation';
import { actorColumns, WriteRecord } from './accommodation-effects';
import { runMutation } from './accommodation-mutation';
import { recipientStates } from './accommodation-recipient.state';
import type { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import type { AccommodationRequestEntity } from './accommodation-request.entity';
import { MessageKind, OfferStatus, RecipientStatus } from './accommodation.enums';
import { assertVersion, type AccommodationStore } from './accommodation.store';
import type { AskClarificationInput, DeclineRequestInput, MakeOfferInput, ProviderAnswerInput } from './provider-response.input';

export interface ProviderAnswer extends Record<string, string> {
  requestId: string;
  recipientId: string;
}

interface ProviderStep {
  request: AccommodationRequestEntity;
  part: AccommodationRequestRecipientEntity;
  record: WriteRecord;
}

/** A housing provider answering a referral addressed to it: each acts on its own part only. */
export class ProviderResponseService {
  acknowledge(ctx: RequestContext, input: ProviderAnswerInput, idempotencyKey?: string | null): Promise<ProviderAnswer> {
    return this.answer(ctx, 'acknowledgeRequest', input, idempotencyKey, 'update', 'AccommodationRequest', async (store, { part, record }) => {
      recipientStates.assertMove(part.status, RecipientStatus.ACKNOWLEDGED);
      await store.updateRecipient(part, { status: RecipientStatus.ACKNOWLEDGED, respondedAt: part.respondedAt ?? store.now });
      await record.event('accommodation.request.acknowledged', { providerAgencyId: part.providerAgencyId, recipientId: part.id });
    });
  }

  askClarification(ctx: RequestContext, input: AskClarificationInput, idempotencyKey?: string | null): Promise<ProviderAnswer> {
    return this.answer(ctx, 'askClarification', input, idempotencyKey, 'update', 'AccommodationRequest', async (store, { request, part, record }) => {
      recipientStates.assertMove(part.status, RecipientStatus.CLARIFICATION_REQUESTED);
      await store.updateRecipient(part, { status: RecipientStatus.CLARIFICATION_REQUESTED, respondedAt: part.respondedAt ?? store.now });
      const messageId = await writeMessage(ctx, store, request.id, part.id, MessageKind.QUESTION, input.question);
      await record.event('accommodation.clarification.requested', { providerAgencyId: part.providerAgencyId, recipientId: part.id, messageId });
    });
  }

  makeOffer(ctx: RequestContext, input: MakeOfferInput, idempotencyKey?: string | null): Promise<ProviderAnswer> {
    return this.answer(ctx, 'makeOffer', input, idempotencyKey, 'create', 'AccommodationOffer', async (store, { request, part, record }) => {
      if (input.holdUntil && input.holdUntil < ctx.access.clock.today) throw new ValidationError('holdUntil', 'is in the past');
      recipientStates.assertMove(part.status, RecipientStatus.OFFERED);
      const { userId, clientId } = actorColumns(ctx);
      const now = store.now;
      const offer = store.db.getRepository(AccommodationOfferEntity).create({
        id: randomUUID(),
        requestId: request.id,
        recipientId: part.id,
        providerAgencyId: part.providerAgencyId,
        madeByUserId: userId,
        madeByClientId: clientId,
        addressLine1: input.address.line1.trim(),
        addressLine2: input.address.line2?.trim() || null,
        town: input.address.town.trim(),
        postcode: normalisePostcode(input.address.postcode),
        accommodationType: input.accommodationType,
        availableFrom: input.availableFrom,
        conditions: input.conditions?.trim() || null,
        holdUntil: input.holdUntil ?? null,
        status: OfferStatus.MADE,
        decidedAt: null,
        providerVisibleUntil: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await store.db.getRepository(AccommodationOfferEntity).insert(offer);
      await store.updateRecipient(part, { status: RecipientStatus.OFFERED, respondedAt: part.respondedAt ?? now });
      await record.event('accommodation.offer.made', { providerAgencyId: part.providerAgencyId, recipientId: part.id, offerId: offer.id });
      await record.timeline('ACCOMMODATION_OFFERED', { requestId: request.id, offerId: offer.id });
    });
  }

  /** Declining ends the provider's part, and with it its access to the child, at once. */
  decline(ctx: RequestContext, input: DeclineRequestInput, idempotencyKey?: string | null): Promise<ProviderAnswer> {
    return this.answer(ctx, 'declineRequest', input, idempotencyKey, 'update', 'AccommodationRequest', async (store, { part, record }) => {
      recipientStates.assertMove(part.status, RecipientStatus.DECLINED);
      await store.updateRecipient(part, {
        status: RecipientStatus.DECLINED, declineReason: input.reasonCode, respondedAt: part.respondedAt ?? store.now, accessEndsAt: store.now,
      });
      await record.event('accommodation.request.declined', {
        providerAgencyId: part.providerAgencyId, recipientId: part.id, reasonCode: input.reasonCode,
      });
    });
  }

  private answer(
    ctx: RequestContext,
    operation: string,
    input: ProviderAnswerInput,
    idempotencyKey: string | null | undefined,
    action: PolicyAction,
    subject: PolicySubject,
    step: (store: AccommodationStore, found: ProviderStep) => Promise<void>,
  ): Promise<ProviderAnswer> {
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(input.requestId, resource);
      const part = await authoriseProvider(ctx, store, request, action, subject, resource);
      assertVersion('Your part of the accommodation request', part.version, input.expectedVersion);
      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      await step(store, { request, part, record });
      await record.altered();
      ctx.access.invalidate(request.childId);
      return { requestId: request.id, recipientId: part.id };
    });
  }
}

export async function writeMessage(
  ctx: RequestContext,
  store: AccommodationStore,
  requestId: string,
  recipientId: string,
  kind: MessageKind,
  body: string,
): Promise<string> {
  const { userId, clientId } = actorColumns(ctx);
  const id = randomUUID();
  await store.db.getRepository(AccommodationMessageEntity).insert({
    id, requestId, recipientId, kind, body: body.trim(), authorAgencyId: ctx.principal.agency.id, authorUserId: userId,
    authorClientId: clientId, createdAt: store.now,
  });
  return id;
}

function normalisePostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
