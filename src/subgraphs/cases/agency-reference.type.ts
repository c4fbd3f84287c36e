import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Agencies belong to the sharing subgraph; here they are references the gateway resolves there. */
@ObjectType('Agency')
@Directive('@key(fields: "id", resolvable: false)')
export class AgencyReference {
  @Field(() => ID) id: string;
}

export const agencyRef = (id: string): AgencyReference => ({ id });
export const optionalAgencyRef = (id: string | null): AgencyReference | null => (id ? { id } : null);
