import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import type { AccessExplanationService } from './access-explanation.service';
import { AccessExplanation, AgencyAccess } from './access-explanation.type';
import { agencyLoader } from './agency.service';
import { Agency } from './agency.type';

@Resolver(() => AccessExplanation)
export class AccessExplanationResolver {
  constructor(private readonly explanations: AccessExplanationService) {}

  @Query(() => AccessExplanation, { description: 'Per agency and scope: is this child’s data shared, and why' })
  explainAccess(@Ctx() { request }: GraphQLContext, @Arg('childId', () => ID) childId: string) {
    return this.explanations.explain(request, parseUuid('childId', childId));
  }
}

@Resolver(() => AgencyAccess)
export class AgencyAccessResolver {
  @FieldResolver(() => Agency)
  agency(@Root() access: AgencyAccess, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(access.agencyId);
  }
}
