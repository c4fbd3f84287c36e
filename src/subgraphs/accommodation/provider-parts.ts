import { randomUUID } from 'node:crypto';
import type { AuditJustification } from '../../shared/audit/audit-entry';
import type { RequestContext } from '../../shared/auth/request-context';
import { accommodationOfferStates } from './accommodation-offer.state';
import { LIVE_RECIPIENT_STATUSES, recipientStates } from './accommodation-recipient.state';
import { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import type { WriteRecord } from './accommodation-effects';
import { OfferStatus, RecipientClosedReason, RecipientStatus } from './accommodation.enums';
import { offerRetentionEnd } from './accommodation.settings';
import type { AccommodationStore } from './accommodation.store';

/**
 * Providers' parts of a request: sending the referral to them, and ending their parts. A part's
 * end is the end of that provider's access to the child (`access_ends_at`, read by the policy
 * layer); it keeps only its own offer, for the consortium's retention period.
 */
export class ProviderParts {
  constructor(
    private readonly ctx: RequestContext,
    private readonly store: AccommodationStore,
    private readonly record: WriteRecord,
    private readonly requestId: string,
  ) {}

  /** Sends (or sends again) the referral to each provider: a disclosure to each. */
  async send(providerAgencyIds: readonly string[], justifications: Map<string, AuditJustification>): Promise<void> {
    const existing = new Map((await this.store.recipients(this.requestId)).map((r) => [r.providerAgencyId, r]));
    const now = this.store.now;
    for (const providerAgencyId of providerAgencyIds) {
      let part = existing.get(providerAgencyId);
      if (part) {
        recipientStates.assertMove(part.status, RecipientStatus.SENT);
        part = await this.store.updateRecipient(part, {
          status: RecipientStatus.SENT, declineReason: null, closedReason: null, accessEndsAt: null, sentAt: now, respondedAt: null,
        });
      } else {
        part = this.store.db.getRepository(AccommodationRequestRecipientEntity).create({
          id: randomUUID(), requestId: this.requestId, providerAgencyId, status: RecipientStatus.SENT, declineReason: null, closedReason: null,
          accessEndsAt: null, sentAt: now, respondedAt: null, createdAt: now, updatedAt: now, version: 1,
        });
        await this.store.db.getRepository(AccommodationRequestRecipientEntity).insert(part);
      }
      this.record.disclosed(providerAgencyId, justifications.get(providerAgencyId) ?? {});
      await this.record.event('accommodation.request.sent', { providerAgencyId, recipientId: part.id });
    }
  }

  /**
   * Ends every provider's part that is still live, except `keepRecipientId`: access ends now,
   * offers still waiting are not accepted, and each provider keeps its own offers for the
   * retention period. Each provider is told (an outbox event addressed to it).
   */
  async endLiveParts(reason: RecipientClosedReason, keepRecipientId?: string): Promise<void> {
    const now = this.store.now;
    const ended = (await this.store.recipients(this.requestId)).filter(
      (r) => r.id !== keepRecipientId && LIVE_RECIPIENT_STATUSES.includes(r.status),
    );
    for (const part of ended) {
      recipientStates.assertMove(part.status, RecipientStatus.CLOSED);
      await this.store.updateRecipient(part, { status: RecipientStatus.CLOSED, closedReason: reason, accessEndsAt: now });
      await this.record.event('accommodation.request.closed', { providerAgencyId: part.providerAgencyId, recipientId: part.id, reasonCode: reason });
    }
    await this.keepOffersFor(ended.map((r) => r.id));
  }

  /** Offers of parts that have ended: still-waiting ones lapse; every one stays visible to its provider for a while. */
  async keepOffersFor(recipientIds: string[]): Promise<void> {
    const now = this.store.now;
    const visibleUntil = offerRetentionEnd(this.ctx.principal, this.ctx.access.clock.now);
    for (const offer of await this.store.offersOfRecipients(recipientIds)) {
      const changes: Parameters<AccommodationStore['updateOffer']>[1] = {};
      if (offer.status === OfferStatus.MADE) {
        accommodationOfferStates.assertMove(offer.status, OfferStatus.NOT_ACCEPTED);
        Object.assign(changes, { status: OfferStatus.NOT_ACCEPTED, decidedAt: now });
      }
      if (!offer.providerVisibleUntil) changes.providerVisibleUntil = visibleUntil;
      if (Object.keys(changes).length) await this.store.updateOffer(offer, changes);
    }
  }
}
