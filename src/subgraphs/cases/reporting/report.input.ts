import { Field, InputType } from 'type-graphql';

@InputType('ReportPeriodInput', { description: 'Whole months, inclusive; at most 24. Defaults to the last 6 months to date.' })
export class ReportPeriodInput {
  @Field(() => String, { description: 'YYYY-MM' }) fromMonth: string;
  @Field(() => String, { description: 'YYYY-MM' }) toMonth: string;
}
