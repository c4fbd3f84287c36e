import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { isUuid } from '../../shared/graphql/uuid';
import type { ChildService } from './child.service';

/** `_entities` lookups of Child go through the same access decision (and audit) as `child(id)`. */
export function childReferenceResolver(children: ChildService): GraphQLResolverMap<GraphQLContext> {
  return {
    Child: {
      async __resolveReference(reference: { id: string }, { request }: GraphQLContext) {
        if (!isUuid(reference.id)) return null;
        return children.find(request, reference.id.toLowerCase(), 'reference:Child');
      },
    },
  };
}
