import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { parseUuid } from '../../../shared/graphql/uuid';
import { PathwayUpdateRecord } from '../pathway-state.type';
import { RecordPathwayUpdateInput } from './pathway-write.input';
import type { PathwayWriteService } from './pathway-write.service';

@Resolver(() => PathwayUpdateRecord)
export class PathwayWriteResolver {
  constructor(private readonly pathways: PathwayWriteService) {}

  @Mutation(() => PathwayUpdateRecord, {
    description: 'Appends an update to one of the child’s pathways; your agency is recorded as responsible and must own that pathway',
  })
  recordPathwayUpdate(@Ctx() { request }: GraphQLContext, @Arg('input', () => RecordPathwayUpdateInput) input: RecordPathwayUpdateInput) {
    const expectedLatestId = input.expectedLatestId ? parseUuid('expectedLatestId', input.expectedLatestId) : undefined;
    return this.pathways.record(request, { ...input, childId: parseUuid('childId', input.childId), expectedLatestId });
  }
}
