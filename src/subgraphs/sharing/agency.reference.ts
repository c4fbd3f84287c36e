import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { isUuid } from '../../shared/graphql/uuid';
import type { AgencyService } from './agency.service';

/** Resolves Agency references from other subgraphs under the same consortium rule as `agency(id)`. */
export function agencyReferenceResolver(agencies: AgencyService): GraphQLResolverMap<GraphQLContext> {
  return {
    Agency: {
      async __resolveReference(reference: { id: string }, { request }: GraphQLContext) {
        if (!isUuid(reference.id)) return null;
        return (await agencies.findByIds(request, [reference.id])).get(reference.id.toLowerCase()) ?? null;
      },
    },
  };
}
