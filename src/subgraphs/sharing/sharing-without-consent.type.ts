import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { DataScope } from '../../shared/policy/policy-graphql-enums';
import { Agency } from './agency.type';
import { ChildReference } from './child-reference.type';

@ObjectType('SharingWithoutConsent', { description: 'A time-limited disclosure without consent, flagged to the DPO' })
export class SharingWithoutConsent {
  @Field(() => ID) id: string;
  @Field(() => ChildReference) child: ChildReference;
  @Field(() => DataScope) scope: DataScope;
  @Field(() => Agency) recipientAgency: { id: string };
  @Field() reason: string;
  @Field() legalBasis: string;
  @Field(() => Agency) authorisedByAgency: { id: string };
  @Field(() => GraphQLDateTime) startsAt: Date;
  @Field(() => GraphQLDateTime) expiresAt: Date;
}
