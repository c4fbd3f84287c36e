import type { RequestContext } from '../../../shared/auth/request-context';
import type { CustodyReportService } from './custody-report.service';
import type { OutcomesReportService } from './outcomes-report.service';
import { reportPeriods, type MonthRange } from './report-period';
import { authoriseReport, type ReportScope } from './report-scope';
import type { ReportPeriodInput } from './report.input';
import type { Report, ReportDimension, ReportTable } from './report.type';
import type { SharingReportService } from './sharing-report.service';
import type { TimelinessReportService } from './timeliness-report.service';

type TableSource = (ctx: RequestContext, scope: ReportScope, period: MonthRange) => Promise<ReportTable[]>;

/** The consortium's performance reports: aggregates only, for the caller's authority or consortium. */
export class ReportingService {
  constructor(
    private readonly custody: CustodyReportService,
    private readonly timeliness: TimelinessReportService,
    private readonly outcomes: OutcomesReportService,
    private readonly sharing: SharingReportService,
  ) {}

  custodyReport(ctx: RequestContext, dimension: ReportDimension, period?: ReportPeriodInput): Promise<Report> {
    return this.report(ctx, 'custody', period, (c, s, p) => this.custody.tables(c, s, dimension, p));
  }

  timelinessReport(ctx: RequestContext, period?: ReportPeriodInput): Promise<Report> {
    return this.report(ctx, 'timeliness', period, (c, s, p) => this.timeliness.tables(c, s, p));
  }

  outcomesReport(ctx: RequestContext, period?: ReportPeriodInput): Promise<Report> {
    return this.report(ctx, 'outcomes', period, (c, s, p) => this.outcomes.tables(c, s, p));
  }

  sharingReport(ctx: RequestContext, period?: ReportPeriodInput): Promise<Report> {
    return this.report(ctx, 'sharing', period, (c, s, p) => this.sharing.tables(c, s, p));
  }

  private async report(ctx: RequestContext, name: string, input: ReportPeriodInput | undefined, source: TableSource): Promise<Report> {
    const scope = authoriseReport(ctx, name);
    const { current, previous } = reportPeriods(input, ctx.access.clock.today);
    const tables = await source(ctx, scope, current);
    const before = await source(ctx, scope, previous);
    return {
      scope: scope.kind,
      scopeCode: scope.code,
      period: period(current),
      previousPeriod: period(previous),
      suppressionThreshold: scope.threshold,
      tables: tables.map((t, i) => ({ ...t, previousPeriod: before[i] ?? null })),
    };
  }
}

function period(range: MonthRange) {
  return { fromMonth: range.months[0], toMonth: range.months[range.months.length - 1] };
}
