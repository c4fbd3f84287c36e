import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { parseUuid } from '../../../shared/graphql/uuid';
import { agencyLoader } from '../agency.service';
import { Agency } from '../agency.type';
import { DataRequestDirection, DataRequestStatus } from './data-request.enums';
import { AnswerDataRequestInput, RequestDataInput, WithdrawDataRequestInput } from './data-request.input';
import type { DataRequestQueryService } from './data-request-query.service';
import type { DataRequestService } from './data-request.service';
import { DataRequest, DataRequestConnection } from './data-request.type';

@Resolver(() => DataRequest)
export class DataRequestResolver {
  constructor(
    private readonly requests: DataRequestService,
    private readonly queries: DataRequestQueryService,
  ) {}

  @Query(() => DataRequestConnection, { description: 'Requests for data addressed to your agency (INCOMING) or made by it (OUTGOING)' })
  dataRequests(
    @Ctx() { request }: GraphQLContext,
    @Arg('direction', () => DataRequestDirection) direction: DataRequestDirection,
    @Arg('status', () => DataRequestStatus, { nullable: true }) status: DataRequestStatus | undefined,
    @Arg('first', () => Int, { defaultValue: 25 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ) {
    return this.queries.list(request, direction, status ?? undefined, first, after ?? undefined);
  }

  @Mutation(() => DataRequest, { description: 'Asks another agency of the child’s case for information, due in the consortium’s working days' })
  requestData(@Ctx() { request }: GraphQLContext, @Arg('input', () => RequestDataInput) input: RequestDataInput) {
    return this.requests.request(request, {
      ...input,
      childId: parseUuid('childId', input.childId),
      addressedAgencyId: parseUuid('addressedAgencyId', input.addressedAgencyId),
    });
  }

  @Mutation(() => DataRequest)
  answerDataRequest(@Ctx() { request }: GraphQLContext, @Arg('input', () => AnswerDataRequestInput) input: AnswerDataRequestInput) {
    return this.requests.answer(request, { ...input, id: parseUuid('id', input.id) });
  }

  @Mutation(() => DataRequest)
  withdrawDataRequest(@Ctx() { request }: GraphQLContext, @Arg('input', () => WithdrawDataRequestInput) input: WithdrawDataRequestInput) {
    return this.requests.withdraw(request, { ...input, id: parseUuid('id', input.id) });
  }

  @FieldResolver(() => Agency)
  requestingAgency(@Root() row: DataRequest, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(row.requestingAgencyId);
  }

  @FieldResolver(() => Agency)
  addressedAgency(@Root() row: DataRequest, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(row.addressedAgencyId);
  }
}
