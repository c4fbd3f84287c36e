import type { RequestContext } from '../../../shared/auth/request-context';
import { buildReportTable, type CountRow } from './report-table.builder';
import { dimensionSql, fixedLabels } from './report-dimensions';
import type { MonthRange } from './report-period';
import type { ReportScope } from './report-scope';
import { ReportDimension, ReportScopeKind, type ReportTable } from './report.type';

/**
 * Children in custody and releases per month, from the case records themselves (child and
 * custody_episode): no separate return. An episode counts in every month it overlaps; a release in the
 * month of its actual release date. A child is counted once per category and month.
 */
export class CustodyReportService {
  async tables(ctx: RequestContext, scope: ReportScope, dimension: ReportDimension, period: MonthRange): Promise<ReportTable[]> {
    const db = await ctx.tx.manager();
    const rowLabels =
      dimension === ReportDimension.ETHNICITY ? await this.ethnicities(ctx) : fixedLabels(dimension, await this.authorities(ctx, scope));
    const months = `generate_series($2::date, $3::date - 1, interval '1 month') AS m(start)`;
    const inCustody: CountRow[] = await db.query(
      `SELECT ${dimensionSql(dimension, `greatest(e.entry_date, m.start::date)`)} AS label, to_char(m.start, 'YYYY-MM') AS col,
              count(DISTINCT c.id) AS n
         FROM ${months}
         JOIN custody_episode e ON e.entry_date < (m.start + interval '1 month')::date
                               AND coalesce(e.actual_release_date, 'infinity'::date) >= m.start::date
         JOIN child c ON c.id = e.child_id
         LEFT JOIN agency est ON est.id = e.establishment_agency_id
        WHERE ${scope.condition}
        GROUP BY 1, 2`,
      [scope.param, period.start, period.endExclusive],
    );
    const releases: CountRow[] = await db.query(
      `SELECT ${dimensionSql(dimension, 'e.actual_release_date')} AS label, to_char(e.actual_release_date, 'YYYY-MM') AS col,
              count(DISTINCT c.id) AS n
         FROM custody_episode e
         JOIN child c ON c.id = e.child_id
         LEFT JOIN agency est ON est.id = e.establishment_agency_id
        WHERE ${scope.condition} AND e.status = 'RELEASED'
          AND e.actual_release_date >= $2::date AND e.actual_release_date < $3::date
        GROUP BY 1, 2`,
      [scope.param, period.start, period.endExclusive],
    );
    const spec = { dimension, rowLabels, columns: period.months };
    return [
      // A child in custody across several months counts in each: the months do not add up to children.
      buildReportTable(
        { ...spec, name: 'CHILDREN_IN_CUSTODY_BY_MONTH', title: 'Children in custody at any time in the month', rowTotals: false, columnTotals: true },
        inCustody,
        scope.threshold,
      ),
      buildReportTable(
        { ...spec, name: 'RELEASES_BY_MONTH', title: 'Children released from custody in the month', rowTotals: true, columnTotals: true },
        releases,
        scope.threshold,
      ),
    ];
  }

  private async authorities(ctx: RequestContext, scope: ReportScope): Promise<string[]> {
    const db = await ctx.tx.manager();
    const rows: { code: string }[] = await db.query(
      scope.kind === ReportScopeKind.CONSORTIUM
        ? 'SELECT code FROM local_authority WHERE consortium_id = $1 ORDER BY code'
        : 'SELECT code FROM local_authority WHERE code = $1',
        [scope.param],
      );
    return rows.map((r) => r.code);
  }

  /**
   * Every ethnicity code recorded anywhere in the consortium, so that a row's presence never shows that
   * an authority has a child of a rare ethnicity (the cells alone are suppressed, the labels are not).
   */
  private async ethnicities(ctx: RequestContext): Promise<string[]> {
    const db = await ctx.tx.manager();
    const rows: { code: string }[] = await db.query(
      `SELECT DISTINCT coalesce(ethnicity, 'NOT_RECORDED') AS code FROM child WHERE consortium_id = $1 ORDER BY 1`,
      [ctx.principal.consortium.id],
    );
    return rows.map((r) => r.code);
  }
}
