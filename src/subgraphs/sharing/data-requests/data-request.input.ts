import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DataScope } from '../../../shared/policy/data-scope';
import { DataRequestDeclineReason, DataRequestOutcome } from './data-request.enums';

@InputType('RequestDataInput', { description: 'Ask another agency of the child’s case for information it holds' })
export class RequestDataInput {
  @Field(() => ID) @IsUUID() childId: string;
  @Field(() => ID, { description: 'An agency of the child’s case: home YJS or children’s services, current establishment, consortium team or probation' })
  @IsUUID()
  addressedAgencyId: string;
  @Field(() => [DataScope]) @ArrayMinSize(1) @ArrayMaxSize(11) scopes: DataScope[];
  @Field(() => String, { nullable: true, description: 'A purpose code of the agreements; defaults to the request’s declared purpose' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/)
  purpose?: string;
}

@InputType('AnswerDataRequestInput', { description: 'The addressed agency’s answer; a decline needs a reason' })
export class AnswerDataRequestInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @Min(1) @Max(2_147_483_647) expectedVersion: number;
  @Field(() => DataRequestOutcome) outcome: DataRequestOutcome;
  @Field(() => DataRequestDeclineReason, { nullable: true }) @IsOptional() declineReason?: DataRequestDeclineReason;
}

@InputType('WithdrawDataRequestInput')
export class WithdrawDataRequestInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @Min(1) @Max(2_147_483_647) expectedVersion: number;
}
