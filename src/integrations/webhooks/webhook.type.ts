import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: { DEAD: { description: 'Every attempt failed; replayWebhookDelivery sends it again' } },
});

@ObjectType('WebhookSubscription', { description: 'Where your system wants to hear about events' })
export class WebhookSubscription {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field(() => [String]) eventTypes: string[];
  @Field() active: boolean;
  @Field(() => GraphQLDateTime) createdAt: Date;
}

@ObjectType('WebhookSubscriptionCreated')
export class WebhookSubscriptionCreated {
  @Field(() => WebhookSubscription) subscription: WebhookSubscription;
  @Field({ description: 'Shown only now: verify x-hub-signature (HMAC-SHA256 of "<t>.<body>") with it' }) signingSecret: string;
}

@ObjectType('WebhookDelivery', { description: 'One event on its way to one subscription' })
export class WebhookDelivery {
  @Field(() => ID) id: string;
  @Field(() => ID) subscriptionId: string;
  @Field(() => ID) eventId: string;
  @Field() eventType: string;
  @Field(() => WebhookDeliveryStatus) status: WebhookDeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the next attempt is due, while PENDING' }) nextAttemptAt: Date | null;
  @Field(() => String, { nullable: true, description: 'e.g. HTTP_500, TIMEOUT, CONNECTION_FAILED' }) lastError: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) deliveredAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) deadLetteredAt: Date | null;
}
