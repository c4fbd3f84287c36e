import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext, RequestContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import type { AccommodationQueryService } from './accommodation-query.service';
import type { AccommodationReferralService } from './accommodation-referral.service';
import { AccommodationRecipient, type AccommodationRecipientView } from './accommodation-recipient.type';
import { CreateAccommodationRequestInput } from './accommodation-request.input';
import { AccommodationRequest, type AccommodationRequestView } from './accommodation-request.type';
import type { AddressConfirmationService } from './address-confirmation.service';
import { AskClarificationInput, DeclineRequestInput, MakeOfferInput, ProviderAnswerInput } from './provider-response.input';
import type { ProviderAnswer, ProviderResponseService } from './provider-response.service';
import {
  AcceptOfferInput, RecordAccommodationOutcomeInput, RecordAddressVisitInput, ReopenRequestInput, ReplyToClarificationInput,
  RequestChangeInput, WithdrawRequestInput,
} from './requester-decision.input';
import type { RequesterDecisionService } from './requester-decision.service';

export interface AccommodationServices {
  queries: AccommodationQueryService;
  referrals: AccommodationReferralService;
  providers: ProviderResponseService;
  decisions: RequesterDecisionService;
  confirmations: AddressConfirmationService;
}

const KEY_DESCRIPTION = 'Send the same key when retrying: the first answer is returned and nothing is done twice';
const key = () => Arg('idempotencyKey', () => String, { nullable: true, description: KEY_DESCRIPTION });

/**
 * Thin: parse ids, call the use case, read the answer back through the authorised read path. The
 * requesting side's mutations answer with the request; a provider's with its own part of it.
 */
@Resolver()
export class AccommodationMutationResolver {
  constructor(private readonly s: AccommodationServices) {}

  @Mutation(() => AccommodationRequest, { description: 'Sends a referral for a child to one or more housing providers' })
  async createAccommodationRequest(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => CreateAccommodationRequestInput) input: CreateAccommodationRequestInput,
    @key() idempotencyKey?: string,
  ) {
    const parsed = {
      ...input, childId: parseUuid('childId', input.childId), providerAgencyIds: ids('providerAgencyIds', input.providerAgencyIds),
    };
    return this.request(request, 'createAccommodationRequest', await this.s.referrals.create(request, parsed, idempotencyKey));
  }

  @Mutation(() => AccommodationRecipient, { description: 'A provider acknowledges a referral addressed to it' })
  async acknowledgeRequest(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => ProviderAnswerInput) input: ProviderAnswerInput,
    @key() idempotencyKey?: string,
  ) {
    return this.part(request, await this.s.providers.acknowledge(request, withRequestId(input), idempotencyKey));
  }

  @Mutation(() => AccommodationRecipient, { description: 'A provider asks the requesting side a question (its own thread)' })
  async askClarification(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => AskClarificationInput) input: AskClarificationInput,
    @key() idempotencyKey?: string,
  ) {
    return this.part(request, await this.s.providers.askClarification(request, withRequestId(input), idempotencyKey));
  }

  @Mutation(() => AccommodationRecipient, { description: 'A provider offers an address' })
  async makeOffer(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => MakeOfferInput) input: MakeOfferInput,
    @key() idempotencyKey?: string,
  ) {
    return this.part(request, await this.s.providers.makeOffer(request, withRequestId(input), idempotencyKey));
  }

  @Mutation(() => AccommodationRecipient, { description: 'A provider declines; its access to the child ends at once' })
  async declineRequest(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => DeclineRequestInput) input: DeclineRequestInput,
    @key() idempotencyKey?: string,
  ) {
    return this.part(request, await this.s.providers.decline(request, withRequestId(input), idempotencyKey));
  }

  @Mutation(() => AccommodationRequest, { description: 'Answers a provider’s question' })
  async replyToClarification(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => ReplyToClarificationInput) input: ReplyToClarificationInput,
    @key() idempotencyKey?: string,
  ) {
    const parsed = { ...input, recipientId: parseUuid('recipientId', input.recipientId) };
    const answer = await this.s.decisions.replyToClarification(request, parsed, idempotencyKey);
    return this.request(request, 'replyToClarification', answer);
  }

  @Mutation(() => AccommodationRequest, { description: 'Accepts an offer; every other provider’s part (and access) ends' })
  async acceptOffer(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => AcceptOfferInput) input: AcceptOfferInput,
    @key() idempotencyKey?: string,
  ) {
    const parsed = { ...input, offerId: parseUuid('offerId', input.offerId) };
    return this.request(request, 'acceptOffer', await this.s.decisions.acceptOffer(request, parsed, idempotencyKey));
  }

  @Mutation(() => AccommodationRequest, { description: 'Records a visit to an offered address and its suitability' })
  async recordAddressVisit(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => RecordAddressVisitInput) input: RecordAddressVisitInput,
    @key() idempotencyKey?: string,
  ) {
    const parsed = { ...input, offerId: parseUuid('offerId', input.offerId) };
    const answer = await this.s.confirmations.recordAddressVisit(request, parsed, idempotencyKey);
    return this.request(request, 'recordAddressVisit', answer);
  }

  @Mutation(() => AccommodationRequest, { description: 'Confirms the accepted address as the child’s release address' })
  async confirmAddress(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => RequestChangeInput) input: RequestChangeInput,
    @key() idempotencyKey?: string,
  ) {
    const answer = await this.s.confirmations.confirmAddress(request, withRequestId(input), idempotencyKey);
    return this.request(request, 'confirmAddress', answer);
  }

  @Mutation(() => AccommodationRequest, { description: 'Withdraws the request; every provider’s part (and access) ends' })
  async withdrawRequest(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => WithdrawRequestInput) input: WithdrawRequestInput,
    @key() idempotencyKey?: string,
  ) {
    return this.request(request, 'withdrawRequest', await this.s.decisions.withdraw(request, withRequestId(input), idempotencyKey));
  }

  @Mutation(() => AccommodationRequest, { description: 'Re-opens the search and sends it to the providers named' })
  async reopenRequest(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => ReopenRequestInput) input: ReopenRequestInput,
    @key() idempotencyKey?: string,
  ) {
    const parsed = { ...withRequestId(input), providerAgencyIds: ids('providerAgencyIds', input.providerAgencyIds) };
    return this.request(request, 'reopenRequest', await this.s.referrals.reopen(request, parsed, idempotencyKey));
  }

  @Mutation(() => AccommodationRequest, { description: 'Records where the child lived on release; closes the request' })
  async recordAccommodationOutcome(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => RecordAccommodationOutcomeInput) input: RecordAccommodationOutcomeInput,
    @key() idempotencyKey?: string,
  ) {
    const answer = await this.s.confirmations.recordOutcome(request, withRequestId(input), idempotencyKey);
    return this.request(request, 'recordAccommodationOutcome', answer);
  }

  private request(ctx: RequestContext, operation: string, answer: { requestId: string }): Promise<AccommodationRequestView> {
    return this.s.queries.get(ctx, answer.requestId, `mutation:${operation}`);
  }

  private part(ctx: RequestContext, answer: ProviderAnswer): Promise<AccommodationRecipientView> {
    return this.s.queries.recipient(ctx, answer.recipientId);
  }
}

function withRequestId<T extends { requestId: string }>(input: T): T {
  return { ...input, requestId: parseUuid('requestId', input.requestId) };
}

function ids(field: string, values: string[]): string[] {
  return values.map((v) => parseUuid(field, v));
}
