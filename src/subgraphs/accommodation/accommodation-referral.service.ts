import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { DomainError, ValidationError } from '../../shared/errors/domain.error';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import type { ChildAccessFacts } from '../../shared/policy/child-access-fields';
import { authoriseRequester } from './accommodation-authorisation';
import { WriteRecord } from './accommodation-effects';
import { runMutation } from './accommodation-mutation';
import { ACTIVE_REQUEST_STATUSES, accommodationRequestStates } from './accommodation-request.state';
import { AccommodationRequestEntity, type PlacementRisks } from './accommodation-request.entity';
import type { CreateAccommodationRequestInput } from './accommodation-request.input';
import { AccommodationRequestStatus, OfferStatus, RecipientClosedReason } from './accommodation.enums';
import type { AccommodationStore } from './accommodation.store';
import { assertVersion } from './accommodation.store';
import { accommodationOfferStates } from './accommodation-offer.state';
import { ProviderParts } from './provider-parts';
import { checkProviders } from './provider-selection';
import type { ReopenRequestInput } from './requester-decision.input';
import { supersedeReleaseAddress } from './release-address.writer';

/** Sending a referral to housing providers: a new request, or a request re-opened. */
export class AccommodationReferralService {
  create(ctx: RequestContext, input: CreateAccommodationRequestInput, idempotencyKey?: string | null): Promise<{ requestId: string }> {
    const operation = 'createAccommodationRequest';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const facts = await authoriseForChild(ctx, input.childId, 'create', 'AccommodationRequest', {
        resource, operation: 'ALTER', scopes: ['accommodation'],
      });
      const child = await this.childFacts(store, input.childId);
      const releaseDate = input.releaseDate ?? child.release_date;
      if (!releaseDate) throw new ValidationError('releaseDate', 'is required: the child has no planned release date');
      if (releaseDate < ctx.access.clock.today) throw new ValidationError('releaseDate', 'is in the past');
      const justifications = await checkProviders(ctx, store.db, facts, input.providerAgencyIds);
      await this.assertNoActiveRequest(store, input.childId);

      const now = store.now;
      const request = store.db.getRepository(AccommodationRequestEntity).create({
        id: randomUUID(),
        childId: input.childId,
        requestedByAgencyId: ctx.principal.agency.id,
        requestedByUserId: ctx.principal.kind === 'user' ? ctx.principal.id : null,
        status: AccommodationRequestStatus.OPEN,
        statusReason: null,
        releaseDate,
        releaseArea: input.releaseArea?.trim() || child.home_local_authority_code,
        preferredAreas: input.preferredAreas.map((a) => a.trim()),
        childWishes: input.childWishes?.trim() || null,
        supportLevel: input.supportLevel,
        supportNeeds: input.supportNeeds.map((n) => n.trim()),
        placementRisks: placementRisksOf(input),
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await store.db.getRepository(AccommodationRequestEntity).insert(request);
      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      await new ProviderParts(ctx, store, record, request.id).send(input.providerAgencyIds, justifications);
      await record.altered();
      await record.timeline('ACCOMMODATION_REQUESTED', { requestId: request.id });
      await record.pathway('IN_PROGRESS', `Accommodation request sent to ${input.providerAgencyIds.length} housing provider(s)`, {});
      ctx.access.invalidate(request.childId);
      return { requestId: request.id };
    });
  }

  /**
   * Re-opens a request (the accepted address fell through, or a withdrawn search resumes) and
   * sends it to the providers named: earlier ones or new ones. Any release address it had is
   * superseded, and the pathway is at risk again.
   */
  reopen(ctx: RequestContext, input: ReopenRequestInput, idempotencyKey?: string | null): Promise<{ requestId: string }> {
    const operation = 'reopenRequest';
    const resource = `mutation:${operation}`;
    return runMutation(ctx, { operation, input, idempotencyKey }, async (store) => {
      const request = await store.lockRequest(input.requestId, resource);
      await authoriseRequester(ctx, request, 'update', 'AccommodationRequest', resource);
      assertVersion('The accommodation request', request.version, input.expectedVersion);
      const from = request.status;
      accommodationRequestStates.assertMove(from, AccommodationRequestStatus.OPEN);
      const facts = (await ctx.access.factsFor(store.db, [request.childId])).get(request.childId) as ChildAccessFacts;
      const justifications = await checkProviders(ctx, store.db, facts, input.providerAgencyIds);
      if (from === AccommodationRequestStatus.WITHDRAWN) await this.assertNoActiveRequest(store, request.childId);

      const record = new WriteRecord(ctx, store.db, operation, request.id, request.childId);
      const parts = new ProviderParts(ctx, store, record, request.id);
      const accepted = (await store.offers(request.id)).filter((o) => o.status === OfferStatus.ACCEPTED || o.status === OfferStatus.CONFIRMED);
      for (const offer of accepted) {
        accommodationOfferStates.assertMove(offer.status, OfferStatus.FELL_THROUGH);
        await store.updateOffer(offer, { status: OfferStatus.FELL_THROUGH, decidedAt: store.now });
      }
      await parts.endLiveParts(RecipientClosedReason.OFFER_FELL_THROUGH);
      await supersedeReleaseAddress(store, request.id, 'REQUEST_REOPENED');
      await store.updateRequest(request, { status: AccommodationRequestStatus.OPEN, statusReason: input.reasonCode });
      await parts.send(input.providerAgencyIds, justifications);

      await record.altered();
      await record.event('accommodation.request.reopened', { fromStatus: from, reasonCode: input.reasonCode });
      await record.timeline('ACCOMMODATION_REQUEST_REOPENED', { requestId: request.id, reasonCode: input.reasonCode });
      if (from === AccommodationRequestStatus.CONFIRMED) {
        await record.pathway('AT_RISK', 'The confirmed release address fell through; the accommodation search is open again', {
          reasonCode: input.reasonCode,
        });
      }
      ctx.access.invalidate(request.childId);
      return { requestId: request.id };
    });
  }

  private async childFacts(store: AccommodationStore, childId: string) {
    const [row]: { home_local_authority_code: string; release_date: string | null }[] = await store.db.query(
      `SELECT c.home_local_authority_code, to_char(e.release_date, 'YYYY-MM-DD') AS release_date
         FROM child c LEFT JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY' WHERE c.id = $1`,
      [childId],
    );
    return row;
  }

  /** One search at a time per child: a second would send the same child to providers twice. */
  private async assertNoActiveRequest(store: AccommodationStore, childId: string): Promise<void> {
    // Serialises concurrent creates for one child without touching the child's row.
    await store.db.query(`SELECT pg_advisory_xact_lock(6006, hashtext($1::text))`, [childId]);
    const active = await store.db.getRepository(AccommodationRequestEntity).findOne({
      where: { childId, status: In([...ACTIVE_REQUEST_STATUSES]) },
    });
    if (active) {
      throw new DomainError('CONFLICT', `The child already has an accommodation request in progress (${active.id})`, { field: 'childId' });
    }
  }
}

function placementRisksOf(input: CreateAccommodationRequestInput): PlacementRisks {
  const risks = input.placementRisks;
  return {
    exclusionZones: (risks?.exclusionZones ?? []).map((z) => z.trim()),
    licenceConditions: (risks?.licenceConditions ?? []).map((c) => ({ kind: c.kind, detail: c.detail?.trim() || null })),
    restrictions: risks?.restrictions ?? [],
  };
}
