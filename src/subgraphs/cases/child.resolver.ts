import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import { DataScope } from '../../shared/policy/data-scope';
import { CHILD_ACCESS, Scoped } from '../../shared/policy/scoped-field';
import { caseRecordLoaders, updatesFor } from './case-record.loaders';
import { Pathway } from './case.enums';
import { ChildFilter, DEFAULT_PAGE_SIZE } from './child.input';
import { toCustodyEpisode, toIdentity, toPathwayState, toReleaseDateChange } from './child.mapper';
import type { ChildService, ChildView } from './child.service';
import { AccessReason } from '../../shared/policy/policy-graphql-enums';
import { Child, ChildIdentity, ScopeAccess } from './child.type';
import { ChildConnection } from './child-page.type';
import { CaseManagement } from './custody.type';
import { Families, PathwayState } from './pathway-state.type';

/** Thin: parse, call the service, map. Every field of child data is @Scoped. */
@Resolver(() => Child)
export class ChildResolver {
  constructor(private readonly childService: ChildService) {}

  @Query(() => Child, { description: 'One child, by id. NOT_FOUND if it is outside all your relationships.' })
  child(@Ctx() { request }: GraphQLContext, @Arg('id', () => ID) id: string): Promise<ChildView> {
    return this.childService.get(request, parseUuid('id', id));
  }

  @Query(() => ChildConnection)
  children(
    @Ctx() { request }: GraphQLContext,
    @Arg('filter', () => ChildFilter, { nullable: true }) filter?: ChildFilter,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first = DEFAULT_PAGE_SIZE,
    @Arg('after', { nullable: true }) after?: string,
  ) {
    return this.childService.list(request, filter ?? {}, first, after ?? undefined);
  }

  @FieldResolver(() => ChildIdentity, { nullable: true })
  @Scoped(DataScope.IDENTITY)
  async identity(@Root() child: ChildView, @Ctx() { request }: GraphQLContext): Promise<ChildIdentity | null> {
    const row = await caseRecordLoaders.child(request).load(child.id);
    return row ? toIdentity(row, request.access.clock.today) : null;
  }

  @FieldResolver(() => CaseManagement, { nullable: true, description: 'Custody, sentence and release' })
  @Scoped(DataScope.CUSTODY)
  async caseManagement(@Root() child: ChildView, @Ctx() { request }: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<CaseManagement> {
    const episode = await caseRecordLoaders.custody(request).load(child.id);
    const history = episode && selects(info, 'releaseDateHistory') ? ((await caseRecordLoaders.releaseHistory(request).load(episode.id)) ?? []) : [];
    return {
      custody: episode ? toCustodyEpisode(episode, request.access.clock.today) : null,
      releaseDateHistory: history.map(toReleaseDateChange),
    };
  }

  @FieldResolver(() => PathwayState, { nullable: true })
  @Scoped(DataScope.ACCOMMODATION)
  accommodation(@Root() child: ChildView, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.pathway(child, ctx, Pathway.ACCOMMODATION, info);
  }

  @FieldResolver(() => PathwayState, { nullable: true, description: 'Education, training and employment' })
  @Scoped(DataScope.ETE)
  ete(@Root() child: ChildView, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.pathway(child, ctx, Pathway.ETE, info);
  }

  @FieldResolver(() => PathwayState, { nullable: true })
  @Scoped(DataScope.HEALTH)
  health(@Root() child: ChildView, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.pathway(child, ctx, Pathway.HEALTH, info);
  }

  @FieldResolver(() => PathwayState, { nullable: true })
  @Scoped(DataScope.SUBSTANCE_MISUSE)
  substanceMisuse(@Root() child: ChildView, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.pathway(child, ctx, Pathway.SUBSTANCE_MISUSE, info);
  }

  @FieldResolver(() => Families, { nullable: true })
  @Scoped(DataScope.FAMILY)
  async families(@Root() child: ChildView, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Families | null> {
    const row = await caseRecordLoaders.child(ctx.request).load(child.id);
    if (!row) return null;
    return { lookedAfterStatus: row.lookedAfterStatus, pathway: await this.pathway(child, ctx, Pathway.FAMILIES, info) };
  }

  @FieldResolver(() => PathwayState, { nullable: true, description: 'Finance, benefits and debt' })
  @Scoped(DataScope.FINANCE)
  finance(@Root() child: ChildView, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.pathway(child, ctx, Pathway.FINANCE, info);
  }

  @FieldResolver(() => [ScopeAccess], { description: 'Which scopes of this child’s data are shared with you, and why not' })
  access(@Root() child: ChildView): ScopeAccess[] {
    return [...child[CHILD_ACCESS].scopes.values()].map((d) => ({
      scope: d.scope,
      shared: d.allowed,
      reason: d.allowed ? null : (d.reason as AccessReason),
    }));
  }

  /** A pathway's history is every update ever recorded; without it, only the latest of each pathway is read. */
  private async pathway(child: ChildView, { request }: GraphQLContext, pathway: Pathway, info: GraphQLResolveInfo): Promise<PathwayState> {
    const loader = selectsAnywhere(info, 'history') ? caseRecordLoaders.pathwayUpdates : caseRecordLoaders.latestPathwayUpdates;
    const updates = await loader(request).load(child.id);
    return toPathwayState(pathway, updatesFor(updates, pathway));
  }
}

/** Whether the query asks for this field anywhere below; through a fragment, assume it does. */
function selectsAnywhere(info: GraphQLResolveInfo, field: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => s.kind !== Kind.FIELD || s.name.value === field || within(s.selectionSet));
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/** Whether the query asks for this subfield; through a fragment, assume it does. */
function selects(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some((s) => s.kind !== Kind.FIELD || s.name.value === field),
  );
}
