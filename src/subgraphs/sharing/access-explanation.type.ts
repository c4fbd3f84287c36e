import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccessReason, DataScope } from '../../shared/policy/policy-graphql-enums';
import { Relationship } from '../../shared/policy/relationships';

registerEnumType(Relationship, { name: 'CaseRelationship', description: 'How an agency comes to be in a child’s case' });

export enum SharingBasis { AGREEMENT = 'AGREEMENT', CONSENT = 'CONSENT', WITHOUT_CONSENT = 'WITHOUT_CONSENT' }
registerEnumType(SharingBasis, { name: 'SharingBasis', description: 'What makes a scope shared: the agreement alone, consent, or a sharing-without-consent grant' });

@ObjectType('ScopeExplanation')
export class ScopeExplanation {
  @Field(() => DataScope) scope: DataScope;
  @Field() shared: boolean;
  @Field(() => AccessReason, { nullable: true }) reason: AccessReason | null;
  @Field(() => SharingBasis, { nullable: true }) basis: SharingBasis | null;
  @Field(() => String, { nullable: true }) agreementId: string | null;
  @Field(() => Int, { nullable: true }) agreementVersion: number | null;
  @Field(() => ID, { nullable: true }) consentId: string | null;
  @Field(() => ID, { nullable: true, description: 'The sharing-without-consent grant' }) grantId: string | null;
}

@ObjectType('AgencyAccess')
export class AgencyAccess {
  /** Resolved as `agency` by AgencyAccessResolver. */
  agencyId: string;
  @Field(() => Relationship) relationship: Relationship;
  @Field(() => [ScopeExplanation]) scopes: ScopeExplanation[];
}

@ObjectType('AccessExplanation', { description: 'Who may see which scopes of a child’s data now, and why' })
export class AccessExplanation {
  @Field(() => ID) childId: string;
  @Field(() => GraphQLDateTime) generatedAt: Date;
  @Field(() => [AgencyAccess], { description: 'Every agency with a relationship to the child' }) agencies: AgencyAccess[];
}
