import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { parseUuid } from '../../../shared/graphql/uuid';
import { ReferToProbationInput, UpdateProbationTransferInput } from './probation-transfer.input';
import type { ProbationTransferService } from './probation-transfer.service';
import { ProbationTransfer } from './probation-transfer.type';

@Resolver(() => ProbationTransfer)
export class ProbationTransferResolver {
  constructor(private readonly transfers: ProbationTransferService) {}

  @Mutation(() => ProbationTransfer, { description: 'The home youth justice service refers the child to probation; probation joins the case' })
  referToProbation(@Ctx() { request }: GraphQLContext, @Arg('input', () => ReferToProbationInput) input: ReferToProbationInput) {
    return this.transfers.refer(request, {
      ...input, childId: parseUuid('childId', input.childId), probationAgencyId: parseUuid('probationAgencyId', input.probationAgencyId),
    });
  }

  @Mutation(() => ProbationTransfer, {
    description: 'REFERRED → JOINT_WORKING → HANDED_OVER (the YJS keeps the case open two more months), or CANCELLED; anything else is INVALID_TRANSITION',
  })
  updateProbationTransfer(
    @Ctx() { request }: GraphQLContext,
    @Arg('input', () => UpdateProbationTransferInput) input: UpdateProbationTransferInput,
  ) {
    return this.transfers.update(request, { ...input, probationTransferId: parseUuid('probationTransferId', input.probationTransferId) });
  }
}
