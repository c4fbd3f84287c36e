import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { CarriesChildAccess } from '../../shared/policy/scoped-field';
import { DeclineReason, MessageKind, RecipientClosedReason, RecipientStatus } from './accommodation.enums';
import { AgencyReference } from './federated-references.type';

@ObjectType('AccommodationMessage', { description: 'One message of a provider’s clarification thread' })
export class AccommodationMessage {
  @Field(() => ID) id: string;
  @Field(() => MessageKind) kind: MessageKind;
  @Field() body: string;
  @Field(() => AgencyReference) author: AgencyReference;
  @Field(() => GraphQLDateTime) createdAt: Date;
}

/** A housing provider a request is addressed to, and where it stands. Thread and offer are resolved. */
@ObjectType('AccommodationRecipient', { description: 'A housing provider’s part in an accommodation request' })
export class AccommodationRecipient {
  @Field(() => ID) id: string;
  @Field(() => ID) requestId: string;
  @Field(() => AgencyReference) provider: AgencyReference;
  @Field(() => RecipientStatus) status: RecipientStatus;
  @Field(() => DeclineReason, { nullable: true }) declineReason: DeclineReason | null;
  @Field(() => RecipientClosedReason, { nullable: true }) closedReason: RecipientClosedReason | null;
  @Field(() => GraphQLDateTime) sentAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) respondedAt: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When this provider’s access to the child ended or ends' })
  accessEndsAt: Date | null;
  @Field(() => Int, { description: 'Send back with the provider’s next answer, to detect concurrent edits' }) version: number;
}

/** Carries the caller's access decision for the child, so the thread and offer can be guarded. */
export type AccommodationRecipientView = AccommodationRecipient & CarriesChildAccess & { childId: string };
