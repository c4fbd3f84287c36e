import { IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('GrantTeamCoverInput', { description: 'Time-limited access to one case for a named colleague, with a reason' })
export class GrantTeamCoverInput {
  @Field(() => ID) @IsUUID() childId: string;
  @Field(() => ID, { description: 'The colleague (a staff user of the consortium)' }) @IsUUID() granteeUserId: string;
  @Field() @Length(5, 2000) reason: string;
  @Field(() => Int, { description: 'Days from now; at most the consortium limit (28 by default)' }) @Min(1) @Max(180) days: number;
}
