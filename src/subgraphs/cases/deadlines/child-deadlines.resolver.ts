import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { DataScope } from '../../../shared/policy/data-scope';
import { CHILD_ACCESS, Scoped } from '../../../shared/policy/scoped-field';
import type { ChildView } from '../child.service';
import { Child } from '../child.type';
import type { DeadlineService } from './deadline.service';
import { Deadline } from './deadline.type';

/** Child.deadlines: custody-scoped; deadlines of other pathways only where their scope is shared too. */
@Resolver(() => Child)
export class ChildDeadlinesResolver {
  constructor(private readonly service: DeadlineService) {}

  @FieldResolver(() => [Deadline], {
    nullable: true,
    description: 'Deadlines of the current custody episode, soonest first; those of a pathway you may not see are left out',
  })
  @Scoped(DataScope.CUSTODY)
  deadlines(
    @Root() child: ChildView,
    @Ctx() { request }: GraphQLContext,
    @Arg('includeCancelled', { defaultValue: false }) includeCancelled: boolean,
  ): Promise<Deadline[]> {
    return this.service.forChild(request, child[CHILD_ACCESS], includeCancelled);
  }
}
