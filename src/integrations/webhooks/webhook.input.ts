import { ArrayMaxSize, ArrayMinSize, IsString, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType('SubscribeWebhookInput')
export class SubscribeWebhookInput {
  @Field({ description: 'https:// URL to a public address (outside production, http:// and local addresses as configured)' })
  @Length(1, 2000)
  url: string;

  @Field(() => [String], { description: 'Event types, e.g. accommodation.offer.accepted' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  eventTypes: string[];
}
