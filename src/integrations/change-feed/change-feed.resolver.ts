import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import type { ChangeFeedService } from './change-feed.service';
import { ChangePage } from './change.type';

@Resolver(() => ChangePage)
export class ChangeFeedResolver {
  constructor(private readonly feed: ChangeFeedService) {}

  @Query(() => ChangePage, {
    description:
      'For partner systems (changes:read): what changed in the records you may see, in commit order, after `since`. ' +
      'Store endCursor and pass it back; a change is never skipped or repeated.',
  })
  changes(
    @Ctx() { request }: GraphQLContext,
    @Arg('since', () => String, { nullable: true }) since: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
  ): Promise<ChangePage> {
    return this.feed.changes(request, since ?? undefined, first);
  }
}
