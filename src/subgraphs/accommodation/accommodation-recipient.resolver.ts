import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { DataScope } from '../../shared/policy/data-scope';
import { CHILD_ACCESS, Scoped } from '../../shared/policy/scoped-field';
import { viewerOf, type AccommodationQueryService } from './accommodation-query.service';
import { AccommodationOffer } from './accommodation-offer.type';
import { AccommodationMessage, AccommodationRecipient, type AccommodationRecipientView } from './accommodation-recipient.type';
import { AccommodationRequest, type AccommodationRequestView } from './accommodation-request.type';
import { accommodationLoaders } from './accommodation.loaders';
import { toMessage, toOffer } from './accommodation.mapper';

/** A provider's part: its clarification thread and its offer are the child's accommodation data. */
@Resolver(() => AccommodationRecipient)
export class AccommodationRecipientResolver {
  constructor(private readonly queries: AccommodationQueryService) {}

  @FieldResolver(() => [AccommodationMessage], { nullable: true, description: 'Questions and answers between this provider and the requesting side' })
  @Scoped(DataScope.ACCOMMODATION)
  async thread(@Root() part: AccommodationRecipientView, @Ctx() { request }: GraphQLContext): Promise<AccommodationMessage[]> {
    return ((await accommodationLoaders.threads(request).load(part.id)) ?? []).map(toMessage);
  }

  /**
   * Not scope-guarded: the provider's own offer stays visible to it after its part (and its access
   * to the child) ends, as in accommodationOffersMade. Reached from a request it is already inside
   * the guarded `recipients`. Every offer returned is audited as a consultation.
   */
  @FieldResolver(() => AccommodationOffer, { nullable: true, description: 'This provider’s latest offer on the request' })
  async offer(@Root() part: AccommodationRecipientView, @Ctx() { request }: GraphQLContext): Promise<AccommodationOffer | null> {
    const offers = ((await accommodationLoaders.offers(request).load(part.requestId)) ?? []).filter((o) => o.recipientId === part.id);
    const latest = offers.at(-1);
    if (!latest) return null;
    request.audit.consulted(part[CHILD_ACCESS], DataScope.ACCOMMODATION, 'AccommodationRecipient.offer');
    return toOffer(latest);
  }

  @FieldResolver(() => AccommodationRequest, { nullable: true, description: 'The request, while you may see it (null once your part has ended)' })
  async request(@Root() part: AccommodationRecipientView, @Ctx() { request }: GraphQLContext): Promise<AccommodationRequestView | null> {
    const ended = !!part.accessEndsAt && part.accessEndsAt.toISOString() <= request.access.clock.now;
    if (ended && viewerOf(request).providerAgencyId) return null;
    return this.queries.get(request, part.requestId, 'AccommodationRecipient.request');
  }
}
