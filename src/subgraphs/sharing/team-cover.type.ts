import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { ChildReference } from './child-reference.type';

@ObjectType('TeamCoverGrant', { description: 'A colleague’s time-limited access to one case; it expires by itself' })
export class TeamCoverGrant {
  @Field(() => ID) id: string;
  @Field(() => ChildReference) child: ChildReference;
  @Field(() => ID) granteeUserId: string;
  @Field() reason: string;
  @Field(() => GraphQLDateTime) startsAt: Date;
  @Field(() => GraphQLDateTime) expiresAt: Date;
}
