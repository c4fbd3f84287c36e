import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { NotFoundError } from '../../shared/errors/domain.error';
import { AgencyType } from './agency.enums';
import type { AgencyService } from './agency.service';
import { Agency } from './agency.type';
import { parseUuid } from '../../shared/graphql/uuid';

@Resolver(() => Agency)
export class AgencyResolver {
  constructor(private readonly agencyService: AgencyService) {}

  @Query(() => [Agency], { description: 'Agencies of the caller’s consortium, by name' })
  agencies(
    @Ctx() { request }: GraphQLContext,
    @Arg('type', () => AgencyType, { nullable: true }) type?: AgencyType,
  ): Promise<Agency[]> {
    return this.agencyService.list(request, type);
  }

  @Query(() => Agency)
  async agency(@Ctx() { request }: GraphQLContext, @Arg('id', () => ID) id: string): Promise<Agency> {
    const agencyId = parseUuid('id', id);
    const found = (await this.agencyService.findByIds(request, [agencyId])).get(agencyId);
    if (!found) throw new NotFoundError('Agency');
    return found;
  }
}
