import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DataScope } from '../../shared/policy/policy-graphql-enums';

@InputType('ShareWithoutConsentInput', {
  description: 'Where the law allows (e.g. to protect a child from significant harm): named, reasoned, time-limited',
})
export class ShareWithoutConsentInput {
  @Field(() => ID) @IsUUID() childId: string;
  @Field(() => [DataScope]) @ArrayMinSize(1) @ArrayMaxSize(11) @ArrayUnique() scopes: DataScope[];
  @Field(() => ID) @IsUUID() recipientAgencyId: string;
  @Field({ description: 'Why consent is not sought or is overridden' }) @Length(20, 4000) reason: string;
  @Field({ description: 'e.g. Children Act 1989 s.47; DPA 2018 Sch 8 para 4' }) @Length(3, 500) legalBasis: string;
  @Field(() => Int, { description: 'Hours from now; at most the consortium limit (72 by default)' })
  @Min(1)
  @Max(24 * 14)
  durationHours: number;
}
