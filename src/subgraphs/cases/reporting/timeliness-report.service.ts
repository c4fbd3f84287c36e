import type { RequestContext } from '../../../shared/auth/request-context';
import { buildReportTable, type CountRow } from './report-table.builder';
import type { MonthRange } from './report-period';
import type { ReportScope } from './report-scope';
import type { ReportTable } from './report.type';

export const TIMELINESS_RULES = ['INITIAL_PLANNING_MEETING', 'ACCOMMODATION_CONFIRMED', 'PRE_RELEASE_MEETING', 'POST_RELEASE_REVIEW'] as const;
export const CONFIRMATION_BANDS = ['28_OR_MORE_DAYS', '14_TO_27_DAYS', '7_TO_13_DAYS', '1_TO_6_DAYS', 'ON_OR_AFTER_RELEASE_DAY', 'NOT_CONFIRMED'] as const;

/**
 * Timeliness from the deadline engine's own records (policies/deadlines.yaml): each deadline due in the
 * period is on time (met by its due date), late (met after it), missed, or still open. Cancelled
 * deadlines (e.g. a release date that moved) are not counted.
 */
export class TimelinessReportService {
  async tables(ctx: RequestContext, scope: ReportScope, period: MonthRange): Promise<ReportTable[]> {
    const db = await ctx.tx.manager();
    const deadlines: CountRow[] = await db.query(
      `SELECT d.rule_code AS label,
              CASE WHEN d.status = 'MET' AND (d.met_at AT TIME ZONE 'Europe/London')::date <= d.due_on THEN 'ON_TIME'
                   WHEN d.status = 'MET' THEN 'LATE'
                   ELSE d.status END AS col,
              count(*) AS n
         FROM deadline d JOIN child c ON c.id = d.child_id
        WHERE ${scope.condition} AND d.rule_code = ANY($4) AND d.status <> 'CANCELLED'
          AND d.due_on >= $2::date AND d.due_on < $3::date
        GROUP BY 1, 2`,
      [scope.param, period.start, period.endExclusive, [...TIMELINESS_RULES]],
    );
    // Days between the first confirmed release address of the episode and the actual release.
    const confirmation: CountRow[] = await db.query(
      `SELECT CASE WHEN first_confirmed IS NULL THEN 'NOT_CONFIRMED'
                   WHEN e.actual_release_date - first_confirmed >= 28 THEN '28_OR_MORE_DAYS'
                   WHEN e.actual_release_date - first_confirmed >= 14 THEN '14_TO_27_DAYS'
                   WHEN e.actual_release_date - first_confirmed >= 7 THEN '7_TO_13_DAYS'
                   WHEN e.actual_release_date - first_confirmed >= 1 THEN '1_TO_6_DAYS'
                   ELSE 'ON_OR_AFTER_RELEASE_DAY' END AS label,
              'RELEASES' AS col, count(*) AS n
         FROM custody_episode e JOIN child c ON c.id = e.child_id
         LEFT JOIN LATERAL (
           SELECT min((ra.confirmed_at AT TIME ZONE 'Europe/London')::date) AS first_confirmed
             FROM release_address ra
            WHERE ra.child_id = e.child_id AND (ra.confirmed_at AT TIME ZONE 'Europe/London')::date >= e.entry_date
              AND (ra.confirmed_at AT TIME ZONE 'Europe/London')::date <= e.actual_release_date
         ) f ON true
        WHERE ${scope.condition} AND e.status = 'RELEASED'
          AND e.actual_release_date >= $2::date AND e.actual_release_date < $3::date
        GROUP BY 1, 2`,
      [scope.param, period.start, period.endExclusive],
    );
    return [
      buildReportTable(
        {
          name: 'DEADLINES_ON_TIME',
          title: 'Initial planning meetings, accommodation confirmed, pre-release meetings and post-release reviews due in the period',
          dimension: 'DEADLINE',
          rowLabels: TIMELINESS_RULES,
          columns: ['ON_TIME', 'LATE', 'MISSED', 'OPEN'],
          rowTotals: true,
          columnTotals: false,
        },
        deadlines,
        scope.threshold,
      ),
      buildReportTable(
        {
          name: 'ACCOMMODATION_CONFIRMED_BEFORE_RELEASE',
          title: 'Releases in the period by how long before release the address was confirmed',
          dimension: 'DAYS_BEFORE_RELEASE',
          rowLabels: CONFIRMATION_BANDS,
          columns: ['RELEASES'],
          rowTotals: false,
          columnTotals: true,
        },
        confirmation,
        scope.threshold,
      ),
    ];
  }
}
