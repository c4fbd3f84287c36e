import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, IsUUID, Length } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { DataScope } from '../../shared/policy/policy-graphql-enums';
import { AgencyType } from './agency.enums';
import { ConsentGiver } from './consent.type';

@InputType('RecordConsentInput')
export class RecordConsentInput {
  @Field(() => ID) @IsUUID() childId: string;

  @Field(() => [DataScope], { description: 'One consent is recorded per scope' })
  @ArrayMinSize(1)
  @ArrayMaxSize(11)
  @ArrayUnique()
  scopes: DataScope[];

  @Field(() => ID, { nullable: true, description: 'Exactly one of recipientAgencyId and recipientAgencyType' })
  @IsOptional()
  @IsUUID()
  recipientAgencyId?: string;

  @Field(() => AgencyType, { nullable: true }) recipientAgencyType?: AgencyType;

  @Field(() => ConsentGiver) givenBy: ConsentGiver;
  @Field(() => GraphQLDateTime) givenAt: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) expiresAt?: Date;

  @Field({ description: 'What the child was told, in the words used' })
  @Length(10, 4000)
  explanation: string;

  @Field(() => String, { nullable: true, description: 'Where the signed form or note is kept' })
  @IsOptional()
  @Length(1, 500)
  evidenceReference?: string;
}

@InputType('WithdrawConsentInput')
export class WithdrawConsentInput {
  @Field(() => ID) @IsUUID() consentId: string;
  @Field() @Length(3, 2000) reason: string;
}
