import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DataScope } from '../../shared/policy/policy-graphql-enums';
import { AgencyType } from './agency.enums';
import { ChildReference } from './child-reference.type';

export enum ConsentGiver { CHILD = 'CHILD', PARENT = 'PARENT', CARER = 'CARER', LOCAL_AUTHORITY = 'LOCAL_AUTHORITY' }
registerEnumType(ConsentGiver, {
  name: 'ConsentGiver',
  description: 'The child if competent; otherwise a parent, carer, or the local authority with parental responsibility',
});

export enum ConsentStatus { ACTIVE = 'ACTIVE', NOT_YET_ACTIVE = 'NOT_YET_ACTIVE', EXPIRED = 'EXPIRED', WITHDRAWN = 'WITHDRAWN' }
registerEnumType(ConsentStatus, { name: 'ConsentStatus' });

@ObjectType('Consent', { description: 'Consent for one scope of a child’s data to reach one recipient. Never erased.' })
export class Consent {
  @Field(() => ID) id: string;
  @Field(() => ChildReference) child: ChildReference;
  @Field(() => DataScope) scope: DataScope;
  /** Resolved as `recipientAgency` by ConsentResolver. */
  recipientAgencyId: string | null;
  @Field(() => AgencyType, { nullable: true, description: 'The recipient type, when consent covers every agency of a type' })
  recipientAgencyType: AgencyType | null;
  @Field(() => ConsentGiver) givenBy: ConsentGiver;
  @Field(() => GraphQLDateTime) givenAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) expiresAt: Date | null;
  @Field({ description: 'The plain-language explanation the child was given' }) explanation: string;
  @Field(() => String, { nullable: true }) evidenceReference: string | null;
  /** Resolved as `recordedByAgency` by ConsentResolver. */
  recordedByAgencyId: string;
  @Field(() => GraphQLDateTime) recordedAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) withdrawnAt: Date | null;
  @Field(() => String, { nullable: true }) withdrawalReason: string | null;
  @Field(() => ConsentStatus) status: ConsentStatus;
}
