import { Query, Resolver } from 'type-graphql';
import { PATHWAYS } from './pathway.catalogue';
import { PathwayDefinition } from './pathway.type';

@Resolver(() => PathwayDefinition)
export class PathwayResolver {
  @Query(() => [PathwayDefinition], { description: 'The seven resettlement pathways, in plan order' })
  pathways(): readonly PathwayDefinition[] {
    return PATHWAYS;
  }
}
