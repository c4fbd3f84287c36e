import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { DataScope } from '../../../shared/policy/data-scope';
import { CHILD_ACCESS, Scoped } from '../../../shared/policy/scoped-field';
import { agencyRef } from '../agency-reference.type';
import { caseRecordLoaders } from '../case-record.loaders';
import { daysBetween } from '../child.mapper';
import type { ChildView } from '../child.service';
import { Child } from '../child.type';
import { CaseloadFilter } from './caseload.input';
import { latestAccommodationRequestStatus } from './caseload.loaders';
import type { CaseloadService } from './caseload.service';
import { caseloadDeadlines } from './caseload-deadlines';
import { AccommodationProgress, CaseloadConnection, CaseloadCustody, CaseloadDeadlines, CaseloadEntry, PathwayReadiness } from './caseload.type';

@Resolver(() => CaseloadEntry)
export class CaseloadResolver {
  constructor(private readonly caseloads: CaseloadService) {}

  @Query(() => CaseloadConnection, { description: 'Children you may see, soonest release first, with readiness and deadlines' })
  caseload(
    @Ctx() { request }: GraphQLContext,
    @Arg('filter', () => CaseloadFilter, { nullable: true }) filter?: CaseloadFilter,
    @Arg('first', () => Int, { defaultValue: 25 }) first = 25,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return this.caseloads.caseload(request, filter ?? {}, first, after ?? undefined);
  }

  @FieldResolver(() => Child)
  child(@Root() entry: ChildView): ChildView {
    return entry;
  }

  @FieldResolver(() => CaseloadCustody, { nullable: true })
  @Scoped(DataScope.CUSTODY)
  async custody(@Root() entry: ChildView, @Ctx() { request }: GraphQLContext): Promise<CaseloadCustody> {
    const episode = await caseRecordLoaders.custody(request).load(entry.id);
    const today = request.access.clock.today;
    return {
      establishment: episode ? agencyRef(episode.establishmentAgencyId) : null,
      legalStatus: episode?.legalStatus ?? null,
      releaseDate: episode?.releaseDate ?? null,
      releaseType: episode?.releaseType ?? null,
      daysToRelease: episode?.releaseDate && episode.status === 'IN_CUSTODY' ? daysBetween(today, episode.releaseDate) : null,
      releasedOn: episode?.actualReleaseDate ?? null,
    };
  }

  @FieldResolver(() => CaseloadDeadlines, { nullable: true, description: 'Next deadline and how many are overdue' })
  @Scoped(DataScope.CUSTODY)
  deadlines(@Root() entry: ChildView, @Ctx() { request }: GraphQLContext): Promise<CaseloadDeadlines> {
    return caseloadDeadlines(request, entry[CHILD_ACCESS]);
  }

  @FieldResolver(() => PathwayReadiness, { description: 'Each pathway: not started, in progress, ready or at risk' })
  readiness(@Root() entry: ChildView): ChildView {
    return entry;
  }

  @FieldResolver(() => AccommodationProgress, { nullable: true })
  @Scoped(DataScope.ACCOMMODATION)
  async accommodationStatus(@Root() entry: ChildView, @Ctx() { request }: GraphQLContext): Promise<AccommodationProgress> {
    const status = await latestAccommodationRequestStatus(request).load(entry.id);
    if (!status) return AccommodationProgress.NOT_REQUESTED;
    return (Object.values(AccommodationProgress) as string[]).includes(status) ? (status as AccommodationProgress) : AccommodationProgress.REQUESTED;
  }
}
