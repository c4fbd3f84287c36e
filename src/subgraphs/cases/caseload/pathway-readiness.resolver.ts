import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { DataScope } from '../../../shared/policy/data-scope';
import { Scoped } from '../../../shared/policy/scoped-field';
import { Pathway, PathwayStatus } from '../case.enums';
import type { ChildView } from '../child.service';
import { latestPathwayStatuses } from './caseload.loaders';
import { PathwayReadiness } from './caseload.type';

/** One field per pathway, each guarded by that pathway's data scope. */
@Resolver(() => PathwayReadiness)
export class PathwayReadinessResolver {
  @FieldResolver(() => PathwayStatus, { nullable: true })
  @Scoped(DataScope.CUSTODY)
  caseManagement(@Root() child: ChildView, @Ctx() ctx: GraphQLContext) {
    return status(child, ctx, Pathway.CASE_MANAGEMENT);
  }

  @FieldResolver(() => PathwayStatus, { nullable: true })
  @Scoped(DataScope.ACCOMMODATION)
  accommodation(@Root() child: ChildView, @Ctx() ctx: GraphQLContext) {
    return status(child, ctx, Pathway.ACCOMMODATION);
  }

  @FieldResolver(() => PathwayStatus, { nullable: true })
  @Scoped(DataScope.ETE)
  ete(@Root() child: ChildView, @Ctx() ctx: GraphQLContext) {
    return status(child, ctx, Pathway.ETE);
  }

  @FieldResolver(() => PathwayStatus, { nullable: true })
  @Scoped(DataScope.HEALTH)
  health(@Root() child: ChildView, @Ctx() ctx: GraphQLContext) {
    return status(child, ctx, Pathway.HEALTH);
  }

  @FieldResolver(() => PathwayStatus, { nullable: true })
  @Scoped(DataScope.SUBSTANCE_MISUSE)
  substanceMisuse(@Root() child: ChildView, @Ctx() ctx: GraphQLContext) {
    return status(child, ctx, Pathway.SUBSTANCE_MISUSE);
  }

  @FieldResolver(() => PathwayStatus, { nullable: true })
  @Scoped(DataScope.FAMILY)
  families(@Root() child: ChildView, @Ctx() ctx: GraphQLContext) {
    return status(child, ctx, Pathway.FAMILIES);
  }

  @FieldResolver(() => PathwayStatus, { nullable: true })
  @Scoped(DataScope.FINANCE)
  finance(@Root() child: ChildView, @Ctx() ctx: GraphQLContext) {
    return status(child, ctx, Pathway.FINANCE);
  }
}

async function status(child: ChildView, { request }: GraphQLContext, pathway: Pathway): Promise<PathwayStatus> {
  const statuses = await latestPathwayStatuses(request).load(child.id);
  return statuses?.get(pathway) ?? PathwayStatus.NOT_STARTED;
}
