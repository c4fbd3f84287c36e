import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import type { ChildView } from '../child.service';
import { Child } from '../child.type';
import type { TimelineService } from './timeline.service';
import { TimelineConnection } from './timeline.type';

@Resolver(() => Child)
export class TimelineResolver {
  constructor(private readonly timelines: TimelineService) {}

  @FieldResolver(() => TimelineConnection, { description: 'Events from every agency, newest first, in scopes shared with you' })
  timeline(
    @Root() child: ChildView,
    @Ctx() { request }: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return this.timelines.timeline(request, child, first, after ?? undefined);
  }
}
