import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Agency } from './agency.type';

export enum PrincipalKind { USER = 'USER', CLIENT = 'CLIENT' }
registerEnumType(PrincipalKind, { name: 'PrincipalKind', description: 'A staff user or a partner system' });

@ObjectType('Me', { description: 'The caller, as the hub knows it' })
export class Me {
  @Field(() => PrincipalKind) kind: PrincipalKind;
  @Field({ description: 'Username or client id' }) handle: string;
  @Field() displayName: string;
  @Field(() => [String]) roles: string[];
  @Field(() => [String], { description: 'Scopes granted to a partner system; empty for staff users' })
  scopes: string[];
  @Field(() => Agency) agency: Agency;
}
