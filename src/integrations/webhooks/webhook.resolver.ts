import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import { SubscribeWebhookInput } from './webhook.input';
import type { WebhookService } from './webhook.service';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookSubscription, WebhookSubscriptionCreated } from './webhook.type';

@Resolver(() => WebhookSubscription)
export class WebhookResolver {
  constructor(private readonly webhooks: WebhookService) {}

  @Query(() => [WebhookSubscription], { description: 'For partner systems: your webhook subscriptions' })
  webhookSubscriptions(@Ctx() { request }: GraphQLContext) {
    return this.webhooks.subscriptions(request);
  }

  @Query(() => [WebhookDelivery], { description: 'For partner systems: your deliveries, newest first' })
  webhookDeliveries(
    @Ctx() { request }: GraphQLContext,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ) {
    return this.webhooks.deliveries(request, status ?? null, first);
  }

  @Mutation(() => WebhookSubscriptionCreated, {
    description: 'Events of these types about children you may see are POSTed to the URL, signed; the secret is shown once',
  })
  subscribeWebhook(@Ctx() { request }: GraphQLContext, @Arg('input', () => SubscribeWebhookInput) input: SubscribeWebhookInput) {
    return this.webhooks.subscribe(request, input);
  }

  @Mutation(() => WebhookSubscription)
  unsubscribeWebhook(@Ctx() { request }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.webhooks.unsubscribe(request, parseUuid('id', id));
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a delivery again from its first attempt, within a minute' })
  replayWebhookDelivery(@Ctx() { request }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.webhooks.replay(request, parseUuid('id', id));
  }
}
