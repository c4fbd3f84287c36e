import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { DataScope } from '../../shared/policy/policy-graphql-enums';
import { ChildReference } from './child-reference.type';

@ObjectType('SharingWithoutConsent', { description: 'A time-limited disclosure without consent, flagged to the DPO' })
export class SharingWithoutConsent {
  @Field(() => ID) id: string;
  @Field(() => ChildReference) child: ChildReference;
  @Field(() => DataScope) scope: DataScope;
  /** Resolved as `recipientAgency` by SharingWithoutConsentResolver. */
  recipientAgencyId: string;
  @Field() reason: string;
  @Field() legalBasis: string;
  /** Resolved as `authorisedByAgency` by SharingWithoutConsentResolver. */
  authorisedByAgencyId: string;
  @Field(() => GraphQLDateTime) startsAt: Date;
  @Field(() => GraphQLDateTime) expiresAt: Date;
}
