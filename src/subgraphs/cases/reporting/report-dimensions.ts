import { ReportDimension } from './report.type';

/**
 * SQL for a dimension's category code over `child c` and `agency est` (the episode's establishment),
 * with `at` the SQL date the child's age is taken on. Every label is a code, never free text.
 */
export function dimensionSql(dimension: ReportDimension, at: string): string {
  switch (dimension) {
    case ReportDimension.HOME_AUTHORITY:
      return 'c.home_local_authority_code';
    case ReportDimension.ESTABLISHMENT_TYPE:
      return `coalesce(est.establishment_type, 'NOT_KNOWN')`;
    case ReportDimension.AGE_BAND:
      return `(SELECT CASE WHEN a < 15 THEN '10-14' WHEN a >= 18 THEN '18+' ELSE a::text END
                 FROM (SELECT date_part('year', age(${at}, c.date_of_birth))::int AS a) x)`;
    case ReportDimension.SEX:
      return 'c.sex';
    case ReportDimension.ETHNICITY:
      return `coalesce(c.ethnicity, 'NOT_RECORDED')`;
    case ReportDimension.LOOKED_AFTER_STATUS:
      return 'c.looked_after_status';
  }
}

/** Categories always shown as rows (zero when absent), so periods and authorities compare line by line. */
export function fixedLabels(dimension: ReportDimension, authorities: string[]): string[] {
  switch (dimension) {
    case ReportDimension.HOME_AUTHORITY:
      return authorities;
    case ReportDimension.ESTABLISHMENT_TYPE:
      return ['YOI', 'STC', 'SCH', 'SECURE_SCHOOL'];
    case ReportDimension.AGE_BAND:
      return ['10-14', '15', '16', '17', '18+'];
    case ReportDimension.SEX:
      return ['FEMALE', 'MALE', 'NOT_KNOWN'];
    case ReportDimension.ETHNICITY:
      return [];
    case ReportDimension.LOOKED_AFTER_STATUS:
      return ['NOT_LOOKED_AFTER', 'LOOKED_AFTER', 'LOOKED_AFTER_ON_REMAND', 'CARE_LEAVER'];
  }
}
