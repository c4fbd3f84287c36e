import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { Pathway, PathwayStatus } from '../case.enums';

@InputType('PathwayDetailInput', { description: 'A dated fact on the pathway that a deadline looks for, e.g. addressSharedWithChildOn' })
export class PathwayDetailInput {
  @Field({ description: 'A key the deadline rules name for this pathway' }) @Matches(/^[a-zA-Z][a-zA-Z0-9]{1,63}$/) key: string;
  @Field(() => GraphQLLocalDate, { description: 'When it happened; not in the future' }) on: string;
}

@InputType('RecordPathwayUpdateInput', { description: 'An append-only update to one pathway, by the agency that owns it' })
export class RecordPathwayUpdateInput {
  @Field(() => ID) @IsUUID() childId: string;
  @Field(() => Pathway) pathway: Pathway;
  @Field(() => PathwayStatus) status: PathwayStatus;
  @Field() @Length(1, 4000) summary: string;

  @Field(() => [PathwayDetailInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  details?: PathwayDetailInput[];

  @Field(() => Boolean, { nullable: true, description: 'ETE only: education, training or employment is arranged from the first day after release' })
  @IsOptional()
  @IsBoolean()
  dayOneArranged?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'HEALTH only: the child is registered with a GP for release' })
  @IsOptional()
  @IsBoolean()
  gpRegistered?: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The id of the latest update you read; if another has been recorded since, CONFLICT with the current latest id',
  })
  @IsOptional()
  @IsUUID()
  expectedLatestId?: string;
}
