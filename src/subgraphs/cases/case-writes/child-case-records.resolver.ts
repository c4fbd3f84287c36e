import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { DataScope } from '../../../shared/policy/data-scope';
import { Scoped } from '../../../shared/policy/scoped-field';
import type { ChildView } from '../child.service';
import { Child } from '../child.type';
import { caseWritesLoaders } from './case-writes.loaders';
import { toMeeting, toProbationTransfer, toRotlRequest } from './case-writes.mapper';
import { Meeting } from './meeting.type';
import { ProbationTransfer } from './probation-transfer.type';
import { RotlRequest } from './rotl.type';

/** Reads of what this module writes, as scoped fields of Child: custody scope, like the rest of case management. */
@Resolver(() => Child)
export class ChildCaseRecordsResolver {
  @FieldResolver(() => [Meeting], { nullable: true, description: 'Meetings about the child, newest first, with their actions' })
  @Scoped(DataScope.CUSTODY)
  async meetings(@Root() child: ChildView, @Ctx() { request }: GraphQLContext): Promise<Meeting[]> {
    const meetings = (await caseWritesLoaders.meetings(request).load(child.id)) ?? [];
    const actions = await caseWritesLoaders.meetingActions(request).loadMany(meetings.map((m) => m.id));
    return meetings.map((m, i) => {
      const found = actions[i];
      if (found instanceof Error) throw found;
      return toMeeting(m, found ?? []);
    });
  }

  @FieldResolver(() => [RotlRequest], { nullable: true, description: 'Requests for release on temporary licence, newest first' })
  @Scoped(DataScope.CUSTODY)
  async rotlRequests(@Root() child: ChildView, @Ctx() { request }: GraphQLContext): Promise<RotlRequest[]> {
    return ((await caseWritesLoaders.rotlRequests(request).load(child.id)) ?? []).map(toRotlRequest);
  }

  @FieldResolver(() => [ProbationTransfer], { nullable: true, description: 'Transfers to adult probation, newest first' })
  @Scoped(DataScope.CUSTODY)
  async probationTransfers(@Root() child: ChildView, @Ctx() { request }: GraphQLContext): Promise<ProbationTransfer[]> {
    return ((await caseWritesLoaders.probationTransfers(request).load(child.id)) ?? []).map(toProbationTransfer);
  }
}
