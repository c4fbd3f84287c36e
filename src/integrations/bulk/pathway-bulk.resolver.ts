import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { UpsertPathwayUpdatesInput } from './pathway-bulk.input';
import type { PathwayBulkService } from './pathway-bulk.service';
import { UpsertPathwayUpdatesResult } from './pathway-bulk.type';

@Resolver(() => UpsertPathwayUpdatesResult)
export class PathwayBulkResolver {
  constructor(private readonly bulk: PathwayBulkService) {}

  @Mutation(() => UpsertPathwayUpdatesResult, {
    description:
      'For partner systems: up to 500 pathway updates under your own references, each succeeding or failing alone. ' +
      'A retry with the same idempotencyKey returns the first answer and writes nothing.',
  })
  upsertPathwayUpdates(@Ctx() { request }: GraphQLContext, @Arg('input', () => UpsertPathwayUpdatesInput) input: UpsertPathwayUpdatesInput) {
    return this.bulk.upsert(request, input);
  }
}
