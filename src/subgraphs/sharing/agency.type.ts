import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AgencyType, EstablishmentType } from './agency.enums';

@ObjectType('LocalAuthority', { description: 'A local authority of the consortium' })
export class LocalAuthority {
  @Field() code: string;
  @Field() name: string;
}

@ObjectType('Agency', { description: 'An organisation that takes part in the consortium' })
@Directive('@key(fields: "id")')
export class Agency {
  @Field(() => ID) id: string;
  @Field({ description: 'Stable short code, e.g. LEEDS_YJS' }) code: string;
  @Field() name: string;
  @Field(() => AgencyType) type: AgencyType;
  @Field(() => EstablishmentType, { nullable: true }) establishmentType: EstablishmentType | null;
  @Field(() => LocalAuthority, { nullable: true }) localAuthority: LocalAuthority | null;
}
