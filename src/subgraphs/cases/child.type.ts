import { GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AccessReason, DataScope } from '../../shared/policy/policy-graphql-enums';
import { AgencyReference } from './agency-reference.type';
import { Sex } from './case.enums';

@ObjectType('ChildIdentity')
export class ChildIdentity {
  @Field() givenName: string;
  @Field() familyName: string;
  @Field(() => String, { nullable: true }) preferredName: string | null;
  @Field(() => GraphQLLocalDate) dateOfBirth: string;
  @Field(() => Int, { description: 'Age in whole years today' }) age: number;
  @Field(() => Sex) sex: Sex;
  @Field(() => String, { nullable: true, description: 'Ethnicity code (ONS 2021 categories)' }) ethnicity: string | null;
  @Field({ description: 'Code of the home local authority, e.g. LEEDS' }) homeLocalAuthorityCode: string;
  @Field(() => AgencyReference) homeYouthJusticeService: AgencyReference;
}

@ObjectType('ScopeAccess', { description: 'Whether one scope of this child’s data is shared with you, and why' })
export class ScopeAccess {
  @Field(() => DataScope) scope: DataScope;
  @Field() shared: boolean;
  @Field(() => AccessReason, { nullable: true }) reason: AccessReason | null;
}

@ObjectType('Child', { description: 'A child known to the consortium. Each field group is one data scope.' })
@Directive('@key(fields: "id")')
export class Child {
  @Field(() => ID) id: string;
}
