import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { parseUuid } from '../../../shared/graphql/uuid';
import { RecordRotlDecisionInput, RecordRotlOutcomeInput, RequestRotlInput } from './rotl.input';
import type { RotlService } from './rotl.service';
import { RotlRequest } from './rotl.type';

@Resolver(() => RotlRequest)
export class RotlResolver {
  constructor(private readonly rotl: RotlService) {}

  @Mutation(() => RotlRequest, { description: 'Asks for release on temporary licence (education, work, family, resettlement)' })
  requestRotl(@Ctx() { request }: GraphQLContext, @Arg('input', () => RequestRotlInput) input: RequestRotlInput) {
    return this.rotl.request(request, { ...input, custodyEpisodeId: parseUuid('custodyEpisodeId', input.custodyEpisodeId) });
  }

  @Mutation(() => RotlRequest, { description: 'The establishment holding the child approves or refuses a ROTL request' })
  recordRotlDecision(@Ctx() { request }: GraphQLContext, @Arg('input', () => RecordRotlDecisionInput) input: RecordRotlDecisionInput) {
    return this.rotl.decide(request, { ...input, rotlRequestId: parseUuid('rotlRequestId', input.rotlRequestId) });
  }

  @Mutation(() => RotlRequest, { description: 'The establishment records how approved leave went' })
  recordRotlOutcome(@Ctx() { request }: GraphQLContext, @Arg('input', () => RecordRotlOutcomeInput) input: RecordRotlOutcomeInput) {
    return this.rotl.recordOutcome(request, { ...input, rotlRequestId: parseUuid('rotlRequestId', input.rotlRequestId) });
  }
}
