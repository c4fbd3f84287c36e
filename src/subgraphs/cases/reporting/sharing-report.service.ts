import type { RequestContext } from '../../../shared/auth/request-context';
import { DATA_SCOPES } from '../../../shared/policy/data-scope';
import { buildReportTable, type CountRow } from './report-table.builder';
import type { MonthRange } from './report-period';
import type { ReportScope } from './report-scope';
import type { ReportTable } from './report.type';

/** The agency types a request for data may be addressed to (an agency of the child's case). */
export const DATA_REQUEST_ADDRESSEES = ['YOUTH_JUSTICE_SERVICE', 'CHILDRENS_SERVICES', 'SECURE_ESTABLISHMENT', 'CONSORTIUM_TEAM', 'PROBATION'] as const;
export const DATA_REQUEST_TIMELINESS = ['ON_TIME', 'LATE', 'OVERDUE', 'NOT_YET_DUE'] as const;

/**
 * Consent and sharing without consent, per data scope. GIVEN / WITHDRAWN count consent records given or
 * withdrawn in the period; MISSING counts children in custody at some point in the period with no
 * consent for the scope in force at the period's end (a scope may not need consent under the
 * agreements: MISSING is a prompt, not a breach). Sharing without consent counts decisions by the
 * month they started. Requests for data due in the period are answered (or declined) on time, late,
 * still open past their due date (OVERDUE), or open and not yet due; withdrawn ones are not counted.
 */
export class SharingReportService {
  async tables(ctx: RequestContext, scope: ReportScope, period: MonthRange): Promise<ReportTable[]> {
    const db = await ctx.tx.manager();
    const params = [scope.param, period.start, period.endExclusive];
    const consents: CountRow[] = await db.query(
      `SELECT k.scope AS label, 'GIVEN' AS col, count(*) AS n
         FROM consent k JOIN child c ON c.id = k.child_id
        WHERE ${scope.condition} AND k.given_at >= $2::date AND k.given_at < $3::date
        GROUP BY 1, 2
       UNION ALL
       SELECT k.scope, 'WITHDRAWN', count(*)
         FROM consent k JOIN child c ON c.id = k.child_id
        WHERE ${scope.condition} AND k.withdrawn_at >= $2::date AND k.withdrawn_at < $3::date
        GROUP BY 1, 2
       UNION ALL
       SELECT s.scope, 'MISSING', count(DISTINCT c.id)
         FROM child c
         JOIN custody_episode e ON e.child_id = c.id AND e.entry_date < $3::date
                               AND coalesce(e.actual_release_date, 'infinity'::date) >= $2::date
        CROSS JOIN unnest($4::text[]) AS s(scope)
        WHERE ${scope.condition}
          AND NOT EXISTS (SELECT 1 FROM consent k
                           WHERE k.child_id = c.id AND k.scope = s.scope AND k.given_at < $3::date
                             AND (k.withdrawn_at IS NULL OR k.withdrawn_at >= $3::date)
                             AND (k.expires_at IS NULL OR k.expires_at >= $3::date))
        GROUP BY 1, 2`,
      [...params, [...DATA_SCOPES]],
    );
    const withoutConsent: CountRow[] = await db.query(
      `SELECT w.scope AS label, to_char(w.starts_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS col, count(*) AS n
         FROM sharing_without_consent w JOIN child c ON c.id = w.child_id
        WHERE ${scope.condition}
          AND (w.starts_at AT TIME ZONE 'Europe/London')::date >= $2::date AND (w.starts_at AT TIME ZONE 'Europe/London')::date < $3::date
        GROUP BY 1, 2`,
      params,
    );
    const dataRequests: CountRow[] = await db.query(
      `SELECT a.type AS label,
              CASE WHEN d.status = 'OPEN' AND d.due_on < $4::date THEN 'OVERDUE'
                   WHEN d.status = 'OPEN' THEN 'NOT_YET_DUE'
                   WHEN (d.responded_at AT TIME ZONE 'Europe/London')::date <= d.due_on THEN 'ON_TIME'
                   ELSE 'LATE' END AS col,
              count(*) AS n
         FROM data_request d JOIN child c ON c.id = d.child_id JOIN agency a ON a.id = d.addressed_agency_id
        WHERE ${scope.condition} AND d.status <> 'WITHDRAWN' AND d.due_on >= $2::date AND d.due_on < $3::date
        GROUP BY 1, 2`,
      [...params, ctx.access.clock.today],
    );
    return [
      // Given, withdrawn and missing overlap (a consent given and withdrawn in the period): no totals.
      buildReportTable(
        {
          name: 'CONSENTS_BY_SCOPE',
          title: 'Consents given and withdrawn in the period, and children in custody without consent at its end, by scope',
          dimension: 'SCOPE',
          rowLabels: DATA_SCOPES,
          columns: ['GIVEN', 'WITHDRAWN', 'MISSING'],
          rowTotals: false,
          columnTotals: false,
        },
        consents,
        scope.threshold,
      ),
      buildReportTable(
        {
          name: 'SHARING_WITHOUT_CONSENT_BY_MONTH',
          title: 'Decisions to share without consent, by scope and the month they started',
          dimension: 'SCOPE',
          rowLabels: DATA_SCOPES,
          columns: period.months,
          rowTotals: true,
          columnTotals: true,
        },
        withoutConsent,
        scope.threshold,
      ),
      buildReportTable(
        {
          name: 'DATA_REQUESTS_ANSWERED',
          title: 'Requests for data due in the period, by the type of agency asked and whether they were answered on time',
          dimension: 'AGENCY_TYPE',
          rowLabels: DATA_REQUEST_ADDRESSEES,
          columns: DATA_REQUEST_TIMELINESS,
          rowTotals: true,
          columnTotals: true,
        },
        dataRequests,
        scope.threshold,
      ),
    ];
  }
}
