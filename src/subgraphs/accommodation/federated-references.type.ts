import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Children belong to the cases subgraph, which authorises every field of them again. */
@ObjectType('Child')
@Directive('@key(fields: "id", resolvable: false)')
export class ChildReference {
  @Field(() => ID) id: string;
}

/** Agencies belong to the sharing subgraph; the gateway resolves their fields there. */
@ObjectType('Agency')
@Directive('@key(fields: "id", resolvable: false)')
export class AgencyReference {
  @Field(() => ID) id: string;
}

export const childRef = (id: string): ChildReference => ({ id });
export const agencyRef = (id: string): AgencyReference => ({ id });
