import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { parseUuid } from '../../../shared/graphql/uuid';
import { optionalAgencyRef } from '../agency-reference.type';
import { CustodyEpisode } from '../custody.type';
import { optionalUuid } from './case-write.checks';
import { caseWritesLoaders } from './case-writes.loaders';
import { ChangeReleaseDateInput, RecordReleaseInput, TransferEstablishmentInput } from './custody-write.input';
import type { CustodyWriteService } from './custody-write.service';
import { ReleaseDetails } from './release-details.type';

/** Thin: ids are validated on the input types; the service authorises, checks versions and writes. */
@Resolver(() => CustodyEpisode)
export class CustodyWriteResolver {
  constructor(private readonly custody: CustodyWriteService) {}

  @Mutation(() => CustodyEpisode, { description: 'Moves the planned release date; the reason joins the history and deadlines follow' })
  changeReleaseDate(@Ctx() { request }: GraphQLContext, @Arg('input', () => ChangeReleaseDateInput) input: ChangeReleaseDateInput) {
    return this.custody.changeReleaseDate(request, { ...input, custodyEpisodeId: parseUuid('custodyEpisodeId', input.custodyEpisodeId) });
  }

  @Mutation(() => CustodyEpisode, { description: 'Records a move to another secure establishment; the former one keeps read-only access for a while' })
  transferEstablishment(@Ctx() { request }: GraphQLContext, @Arg('input', () => TransferEstablishmentInput) input: TransferEstablishmentInput) {
    return this.custody.transferEstablishment(request, {
      ...input,
      custodyEpisodeId: parseUuid('custodyEpisodeId', input.custodyEpisodeId),
      toEstablishmentId: parseUuid('toEstablishmentId', input.toEstablishmentId),
    });
  }

  @Mutation(() => CustodyEpisode, { description: 'Records the release: actual date, who met the child, and the accommodation it went to' })
  recordRelease(@Ctx() { request }: GraphQLContext, @Arg('input', () => RecordReleaseInput) input: RecordReleaseInput) {
    return this.custody.recordRelease(request, {
      ...input,
      custodyEpisodeId: parseUuid('custodyEpisodeId', input.custodyEpisodeId),
      metAtGateByAgencyId: optionalUuid('metAtGateByAgencyId', input.metAtGateByAgencyId),
      accommodationRequestId: optionalUuid('accommodationRequestId', input.accommodationRequestId),
    });
  }

  @FieldResolver(() => ReleaseDetails, { nullable: true, description: 'How the release went; null until released' })
  async release(@Root() episode: CustodyEpisode, @Ctx() { request }: GraphQLContext): Promise<ReleaseDetails | null> {
    const row = await caseWritesLoaders.releaseDetails(request).load(episode.id);
    if (!row) return null;
    return {
      metAtGateBy: row.met_at_gate_by,
      metAtGateByAgency: optionalAgencyRef(row.met_at_gate_by_agency_id),
      accommodationRequestId: row.release_accommodation_request_id,
    };
  }
}
