import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import { agencyLoader } from './agency.service';
import { Agency } from './agency.type';
import { DisclosureFilter } from './disclosure.input';
import type { DisclosureService } from './disclosure.service';
import { AuditActor, AuditLogConnection } from './disclosure.type';

const DEFAULT_PAGE_SIZE = 50;

@Resolver(() => AuditLogConnection)
export class DisclosureResolver {
  constructor(private readonly disclosureService: DisclosureService) {}

  @Query(() => AuditLogConnection, {
    description: 'The disclosure log for the data protection officer, newest first. Each read is itself logged.',
  })
  disclosures(
    @Ctx() { request }: GraphQLContext,
    @Arg('filter', () => DisclosureFilter) filter: DisclosureFilter,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    const id = (field: string, value?: string | null) => (value ? parseUuid(field, value) : undefined);
    return this.disclosureService.list(
      request,
      { ...filter, childId: id('childId', filter.childId), agencyId: id('agencyId', filter.agencyId), userId: id('userId', filter.userId) },
      first,
      after ?? undefined,
    );
  }
}

@Resolver(() => AuditActor)
export class AuditActorResolver {
  @FieldResolver(() => Agency, { nullable: true, description: 'Null once the agency has left the consortium or closed' })
  agency(@Root() actor: AuditActor, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(actor.agencyId);
  }
}
