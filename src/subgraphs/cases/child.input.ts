import { Field, ID, InputType, Int } from 'type-graphql';
import { Max, Min, Matches, IsUUID, IsOptional } from 'class-validator';

@InputType('ChildFilter', { description: 'Filters on custody facts need the custody scope without consent' })
export class ChildFilter {
  @Field(() => String, { nullable: true, description: 'Home local authority code, e.g. LEEDS' })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{2,32}$/)
  homeLocalAuthority?: string;

  @Field(() => ID, { nullable: true, description: 'The establishment holding the child now' })
  @IsOptional()
  @IsUUID()
  establishmentId?: string;

  @Field(() => Boolean, { nullable: true }) inCustody?: boolean;

  @Field(() => Int, { nullable: true, description: 'In custody with a planned release within this many days' })
  @IsOptional()
  @Min(0)
  @Max(366)
  releaseWithinDays?: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
