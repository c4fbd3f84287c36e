import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { ReportPeriodInput } from './report.input';
import { Report, ReportDimension } from './report.type';
import type { ReportingService } from './reporting.service';

const PERIOD = { nullable: true, description: 'Whole months; defaults to the last 6 months to date' } as const;

/** Consortium performance reports (Report:read): aggregate counts only, small cells suppressed. */
@Resolver(() => Report)
export class ReportingResolver {
  constructor(private readonly reports: ReportingService) {}

  @Query(() => Report, { description: 'Children in custody and releases per month, by a dimension' })
  custodyReport(
    @Ctx() { request }: GraphQLContext,
    @Arg('dimension', () => ReportDimension) dimension: ReportDimension,
    @Arg('period', () => ReportPeriodInput, PERIOD) period?: ReportPeriodInput,
  ): Promise<Report> {
    return this.reports.custodyReport(request, dimension, period ?? undefined);
  }

  @Query(() => Report, { description: 'Planning meetings, accommodation, pre-release meetings and post-release reviews on time' })
  timelinessReport(@Ctx() { request }: GraphQLContext, @Arg('period', () => ReportPeriodInput, PERIOD) period?: ReportPeriodInput): Promise<Report> {
    return this.reports.timelinessReport(request, period ?? undefined);
  }

  @Query(() => Report, { description: 'Accommodation, day-one ETE, GP registration and pathways at release' })
  releaseOutcomesReport(@Ctx() { request }: GraphQLContext, @Arg('period', () => ReportPeriodInput, PERIOD) period?: ReportPeriodInput): Promise<Report> {
    return this.reports.outcomesReport(request, period ?? undefined);
  }

  @Query(() => Report, { description: 'Consents given, withdrawn and missing per scope; sharing without consent per month' })
  sharingReport(@Ctx() { request }: GraphQLContext, @Arg('period', () => ReportPeriodInput, PERIOD) period?: ReportPeriodInput): Promise<Report> {
    return this.reports.sharingReport(request, period ?? undefined);
  }
}
