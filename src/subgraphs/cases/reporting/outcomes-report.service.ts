import type { RequestContext } from '../../../shared/auth/request-context';
import { RELEASE_ARRANGEMENTS, type ReleaseArrangement } from '../case-writes/pathway-details';
import { buildReportTable, type CountRow } from './report-table.builder';
import type { MonthRange } from './report-period';
import type { ReportScope } from './report-scope';
import type { ReportTable } from './report.type';

export const ACCOMMODATION_OUTCOMES = ['SETTLED', 'TEMPORARY', 'HOMELESS', 'NOT_RECORDED'] as const;
export const PATHWAYS = ['CASE_MANAGEMENT', 'ACCOMMODATION', 'ETE', 'HEALTH', 'SUBSTANCE_MISUSE', 'FAMILIES', 'FINANCE'] as const;
export const PATHWAY_STATES = ['NOT_STARTED', 'IN_PROGRESS', 'READY', 'AT_RISK', 'NO_UPDATE'] as const;

/** Releases in the period, each once: a released custody episode with its actual date in the period. */
const IN_PERIOD = `e.status = 'RELEASED' AND e.actual_release_date >= $2::date AND e.actual_release_date < $3::date`;

/**
 * Outcomes at release. Accommodation from accommodation_outcome; ETE for day one and GP registration
 * from the latest ETE / HEALTH pathway update on or before release that states them
 * (`recordPathwayUpdate`'s dayOneArranged / gpRegistered; none → NOT_RECORDED); each pathway's state
 * is its latest update on or before the release day.
 */
export class OutcomesReportService {
  async tables(ctx: RequestContext, scope: ReportScope, period: MonthRange): Promise<ReportTable[]> {
    const db = await ctx.tx.manager();
    const params = [scope.param, period.start, period.endExclusive];
    const accommodation: CountRow[] = await db.query(
      `SELECT coalesce(o.outcome, 'NOT_RECORDED') AS label, 'RELEASES' AS col, count(*) AS n
         FROM custody_episode e JOIN child c ON c.id = e.child_id
         LEFT JOIN LATERAL (SELECT ao.outcome FROM accommodation_outcome ao
                             WHERE ao.child_id = e.child_id AND ao.released_on >= e.entry_date
                             ORDER BY ao.released_on DESC, ao.recorded_at DESC LIMIT 1) o ON true
        WHERE ${scope.condition} AND ${IN_PERIOD}
        GROUP BY 1, 2`,
      params,
    );
    const latestSaying = (key: ReleaseArrangement) => `(SELECT pu.details->>'${key}' FROM pathway_update pu
        WHERE pu.child_id = e.child_id AND pu.pathway = '${RELEASE_ARRANGEMENTS[key]}' AND pu.details ? '${key}'
          AND (pu.recorded_at AT TIME ZONE 'Europe/London')::date <= e.actual_release_date
        ORDER BY pu.recorded_at DESC, pu.id DESC LIMIT 1)`;
    const flag = (key: ReleaseArrangement) => `CASE ${latestSaying(key)} WHEN 'true' THEN 'YES' WHEN 'false' THEN 'NO' ELSE 'NOT_RECORDED' END`;
    const dayOne: CountRow[] = await db.query(
      `SELECT x.label, x.col, count(*) AS n
         FROM custody_episode e JOIN child c ON c.id = e.child_id
        CROSS JOIN LATERAL (VALUES ('ETE_ARRANGED_FOR_DAY_ONE', ${flag('dayOneArranged')}),
                                   ('GP_REGISTERED', ${flag('gpRegistered')})) AS x(label, col)
        WHERE ${scope.condition} AND ${IN_PERIOD}
        GROUP BY 1, 2`,
      params,
    );
    const pathways: CountRow[] = await db.query(
      `SELECT p.pathway AS label, coalesce(s.status, 'NO_UPDATE') AS col, count(*) AS n
         FROM custody_episode e JOIN child c ON c.id = e.child_id
         CROSS JOIN unnest($4::text[]) AS p(pathway)
         LEFT JOIN LATERAL (SELECT pu.status FROM pathway_update pu
                             WHERE pu.child_id = e.child_id AND pu.pathway = p.pathway
                               AND (pu.recorded_at AT TIME ZONE 'Europe/London')::date <= e.actual_release_date
                             ORDER BY pu.recorded_at DESC, pu.id DESC LIMIT 1) s ON true
        WHERE ${scope.condition} AND ${IN_PERIOD}
        GROUP BY 1, 2`,
      [...params, [...PATHWAYS]],
    );
    return [
      buildReportTable(
        {
          name: 'ACCOMMODATION_AT_RELEASE',
          title: 'Releases in the period by accommodation outcome',
          dimension: 'ACCOMMODATION_OUTCOME',
          rowLabels: ACCOMMODATION_OUTCOMES,
          columns: ['RELEASES'],
          rowTotals: false,
          columnTotals: true,
        },
        accommodation,
        scope.threshold,
      ),
      buildReportTable(
        {
          name: 'DAY_ONE_ARRANGEMENTS',
          title: 'Releases in the period: education, training or employment for day one, and GP registration',
          dimension: 'ARRANGEMENT',
          rowLabels: ['ETE_ARRANGED_FOR_DAY_ONE', 'GP_REGISTERED'],
          columns: ['YES', 'NO', 'NOT_RECORDED'],
          rowTotals: true,
          columnTotals: false,
        },
        dayOne,
        scope.threshold,
      ),
      buildReportTable(
        {
          name: 'PATHWAYS_AT_RELEASE',
          title: 'Releases in the period by the state of each pathway on the day of release',
          dimension: 'PATHWAY',
          rowLabels: PATHWAYS,
          columns: [...PATHWAY_STATES],
          rowTotals: true,
          columnTotals: false,
        },
        pathways,
        scope.threshold,
      ),
    ];
  }
}
