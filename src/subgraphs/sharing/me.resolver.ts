import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import type { AgencyService } from './agency.service';
import { Me, PrincipalKind } from './me.type';

@Resolver(() => Me)
export class MeResolver {
  constructor(private readonly agencies: AgencyService) {}

  @Query(() => Me, { description: 'Who the bearer token belongs to, with their agency and roles' })
  async me(@Ctx() { request }: GraphQLContext): Promise<Me> {
    const { principal } = request;
    const agency = (await this.agencies.findByIds(request, [principal.agency.id])).get(principal.agency.id);
    if (!agency) throw new Error('principal agency missing from its own consortium');
    return {
      kind: principal.kind === 'user' ? PrincipalKind.USER : PrincipalKind.CLIENT,
      handle: principal.handle,
      displayName: principal.displayName,
      roles: principal.roles,
      scopes: principal.scopes,
      agency,
    };
  }
}
