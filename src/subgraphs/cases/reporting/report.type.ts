import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What a report's rows are broken down by; labels are codes of that category, never ids or free text. */
export enum ReportDimension {
  HOME_AUTHORITY = 'HOME_AUTHORITY',
  ESTABLISHMENT_TYPE = 'ESTABLISHMENT_TYPE',
  AGE_BAND = 'AGE_BAND',
  SEX = 'SEX',
  ETHNICITY = 'ETHNICITY',
  LOOKED_AFTER_STATUS = 'LOOKED_AFTER_STATUS',
}
registerEnumType(ReportDimension, { name: 'ReportDimension' });

export enum ReportScopeKind {
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  CONSORTIUM = 'CONSORTIUM',
}
registerEnumType(ReportScopeKind, { name: 'ReportScopeKind', description: 'Whose children a report counts' });

@ObjectType('ReportCell', { description: 'One published count; null (suppressed) when it could identify a child' })
export class ReportCell {
  @Field(() => String) column: string;
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field(() => Boolean) suppressed: boolean;
}

@ObjectType('ReportRow')
export class ReportRow {
  @Field(() => String, { description: 'A category code (e.g. LEEDS, YOI, 15, NOT_LOOKED_AFTER) or TOTAL' }) label: string;
  @Field(() => [ReportCell]) values: ReportCell[];
  @Field(() => ReportCell, { nullable: true, description: 'The sum of the row, when the row adds up to something meaningful' })
  total: ReportCell | null;
}

@ObjectType('ReportTable', { description: 'Aggregate counts only, after small-cell and secondary suppression' })
export class ReportTable {
  @Field(() => String, { description: 'Stable code of the table, e.g. RELEASES_BY_MONTH' }) name: string;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'What the rows are broken down by (a ReportDimension or a measure code)' }) dimension: string;
  @Field(() => [String]) columns: string[];
  @Field(() => [ReportRow]) rows: ReportRow[];
  @Field(() => ReportRow, { nullable: true, description: 'Column totals, when the columns add up to something meaningful' })
  totals: ReportRow | null;
  @Field(() => ReportTable, { nullable: true, description: 'The same table for the period just before' })
  previousPeriod: ReportTable | null;
  @Field(() => String, { description: 'The table as CSV; suppressed cells are [c]' }) csv: string;
}

@ObjectType('ReportPeriod', { description: 'Whole calendar months, inclusive' })
export class ReportPeriod {
  @Field(() => String, { description: 'YYYY-MM' }) fromMonth: string;
  @Field(() => String, { description: 'YYYY-MM' }) toMonth: string;
}

@ObjectType('Report')
export class Report {
  @Field(() => ReportScopeKind) scope: ReportScopeKind;
  @Field(() => String, { description: 'The local authority or consortium code counted' }) scopeCode: string;
  @Field(() => ReportPeriod) period: ReportPeriod;
  @Field(() => ReportPeriod) previousPeriod: ReportPeriod;
  @Field(() => Int, { description: 'Counts from 1 to this minus one are suppressed' }) suppressionThreshold: number;
  @Field(() => [ReportTable]) tables: ReportTable[];
}
