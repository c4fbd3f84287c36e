import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import { DataScope } from '../../shared/policy/data-scope';
import { CHILD_ACCESS, Scoped } from '../../shared/policy/scoped-field';
import type { AccommodationQueryService } from './accommodation-query.service';
import { AccommodationOffer } from './accommodation-offer.type';
import { AccommodationOutcomeRecord, AddressVisit, ReleaseAddress } from './accommodation-progress.type';
import { AccommodationRecipient, type AccommodationRecipientView } from './accommodation-recipient.type';
import { AccommodationReferral, type AccommodationReferralView } from './accommodation-referral.type';
import { AccommodationRequest, AccommodationRequestConnection, type AccommodationRequestView } from './accommodation-request.type';
import { AccommodationRequestStatus } from './accommodation.enums';
import { accommodationLoaders } from './accommodation.loaders';
import { toOffer, toOutcome, toRecipientView, toReferral, toReleaseAddress, toVisit } from './accommodation.mapper';

const DEFAULT_PAGE_SIZE = 20;

/**
 * Reads of accommodation requests. The request's workflow fields are plain; everything below it
 * is the child's data, guarded by its scope. A housing provider sees its own part alone, and
 * none of the requesting side's own records (visits, release address, outcome).
 */
@Resolver(() => AccommodationRequest)
export class AccommodationRequestResolver {
  constructor(private readonly queries: AccommodationQueryService) {}

  @Query(() => AccommodationRequestConnection, {
    description: 'Requests you may see: a housing provider sees only those addressed to it, while its part lasts',
  })
  accommodationRequests(
    @Ctx() { request }: GraphQLContext,
    @Arg('status', () => AccommodationRequestStatus, { nullable: true }) status?: AccommodationRequestStatus,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first = DEFAULT_PAGE_SIZE,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return this.queries.list(request, status ?? undefined, first, after ?? undefined);
  }

  @Query(() => AccommodationRequest, { description: 'One request. NOT_FOUND if you may not see it.' })
  accommodationRequest(@Ctx() { request }: GraphQLContext, @Arg('id', () => ID) id: string): Promise<AccommodationRequestView> {
    return this.queries.get(request, parseUuid('id', id));
  }

  @Query(() => [AccommodationOffer], {
    description: 'Offers your agency made, newest first, including those of requests you no longer see (for the retention period)',
  })
  accommodationOffersMade(@Ctx() { request }: GraphQLContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number) {
    return this.queries.offersMade(request, first);
  }

  @Query(() => ReleaseAddress, { nullable: true, description: 'The child’s confirmed release address, if there is one' })
  childReleaseAddress(@Ctx() { request }: GraphQLContext, @Arg('childId', () => ID) childId: string) {
    return this.queries.releaseAddress(request, parseUuid('childId', childId));
  }

  @FieldResolver(() => AccommodationReferral, { description: 'What a safe placement needs to know: each field guarded by its scope' })
  async referral(@Root() view: AccommodationRequestView, @Ctx() { request }: GraphQLContext): Promise<AccommodationReferralView> {
    const child = await accommodationLoaders.referralChild(request).load(view.entity.childId);
    return toReferral(view.entity, child, view[CHILD_ACCESS]);
  }

  @FieldResolver(() => [AccommodationRecipient], { nullable: true, description: 'The providers addressed; a provider sees only itself' })
  @Scoped(DataScope.ACCOMMODATION)
  async recipients(@Root() view: AccommodationRequestView, @Ctx() { request }: GraphQLContext): Promise<AccommodationRecipientView[]> {
    const rows = (await accommodationLoaders.recipients(request).load(view.id)) ?? [];
    return rows
      .filter((r) => !view.viewer.providerAgencyId || r.providerAgencyId === view.viewer.providerAgencyId)
      .map((r) => toRecipientView(r, view.entity.childId, view[CHILD_ACCESS]));
  }

  @FieldResolver(() => [AccommodationOffer], { nullable: true, description: 'Offers made; a provider sees only its own' })
  @Scoped(DataScope.ACCOMMODATION)
  async offers(@Root() view: AccommodationRequestView, @Ctx() { request }: GraphQLContext): Promise<AccommodationOffer[]> {
    const rows = (await accommodationLoaders.offers(request).load(view.id)) ?? [];
    return rows.filter((o) => !view.viewer.providerAgencyId || o.providerAgencyId === view.viewer.providerAgencyId).map(toOffer);
  }

  @FieldResolver(() => [AddressVisit], { nullable: true, description: 'Visits to offered addresses (requesting side only)' })
  @Scoped(DataScope.ACCOMMODATION)
  async addressVisits(@Root() view: AccommodationRequestView, @Ctx() { request }: GraphQLContext): Promise<AddressVisit[]> {
    if (view.viewer.providerAgencyId) return [];
    return ((await accommodationLoaders.visits(request).load(view.id)) ?? []).map(toVisit);
  }

  @FieldResolver(() => ReleaseAddress, { nullable: true, description: 'The release address this request confirmed (requesting side only)' })
  @Scoped(DataScope.ACCOMMODATION)
  async releaseAddress(@Root() view: AccommodationRequestView, @Ctx() { request }: GraphQLContext): Promise<ReleaseAddress | null> {
    if (view.viewer.providerAgencyId) return null;
    const row = await accommodationLoaders.currentReleaseAddress(request).load(view.id);
    return row ? toReleaseAddress(row) : null;
  }

  @FieldResolver(() => AccommodationOutcomeRecord, { nullable: true, description: 'The outcome at release (requesting side only)' })
  @Scoped(DataScope.ACCOMMODATION)
  async outcome(@Root() view: AccommodationRequestView, @Ctx() { request }: GraphQLContext): Promise<AccommodationOutcomeRecord | null> {
    if (view.viewer.providerAgencyId) return null;
    const row = await accommodationLoaders.outcome(request).load(view.id);
    return row ? toOutcome(row) : null;
  }
}
