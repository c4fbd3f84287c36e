import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

export const MONTH_CODE = /^\d{4}-(0[1-9]|1[0-2])$/;

@InputType('ReportPeriodInput', { description: 'Whole months, inclusive; at most 24. Defaults to the last 6 months to date.' })
export class ReportPeriodInput {
  @Field(() => String, { description: 'YYYY-MM' }) @Matches(MONTH_CODE, { message: 'must be YYYY-MM' }) fromMonth: string;
  @Field(() => String, { description: 'YYYY-MM' }) @Matches(MONTH_CODE, { message: 'must be YYYY-MM' }) toMonth: string;
}
