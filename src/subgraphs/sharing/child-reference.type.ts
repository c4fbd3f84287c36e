import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Children belong to the cases subgraph, which authorises every field of them again. */
@ObjectType('Child')
@Directive('@key(fields: "id", resolvable: false)')
export class ChildReference {
  @Field(() => ID) id: string;
}
