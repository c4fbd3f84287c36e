import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import { agencyLoader } from './agency.service';
import { Agency } from './agency.type';
import { ShareWithoutConsentInput } from './sharing-without-consent.input';
import type { SharingWithoutConsentService } from './sharing-without-consent.service';
import { SharingWithoutConsent } from './sharing-without-consent.type';
import { GrantTeamCoverInput } from './team-cover.input';
import type { TeamCoverService } from './team-cover.service';
import { TeamCoverGrant } from './team-cover.type';

/** Grants beyond consent: sharing without consent, and team cover. */
@Resolver()
export class SharingActionsResolver {
  constructor(
    private readonly withoutConsent: SharingWithoutConsentService,
    private readonly teamCover: TeamCoverService,
  ) {}

  @Mutation(() => [SharingWithoutConsent], { description: 'Shares scopes without consent where an agreement allows it; alerts the DPO' })
  shareWithoutConsent(@Ctx() { request }: GraphQLContext, @Arg('input', () => ShareWithoutConsentInput) input: ShareWithoutConsentInput) {
    return this.withoutConsent.share(request, {
      ...input,
      childId: parseUuid('childId', input.childId),
      recipientAgencyId: parseUuid('recipientAgencyId', input.recipientAgencyId),
    });
  }

  @Mutation(() => TeamCoverGrant)
  grantTeamCover(@Ctx() { request }: GraphQLContext, @Arg('input', () => GrantTeamCoverInput) input: GrantTeamCoverInput) {
    return this.teamCover.grant(request, {
      ...input,
      childId: parseUuid('childId', input.childId),
      granteeUserId: parseUuid('granteeUserId', input.granteeUserId),
    });
  }
}

@Resolver(() => SharingWithoutConsent)
export class SharingWithoutConsentResolver {
  @FieldResolver(() => Agency)
  recipientAgency(@Root() grant: SharingWithoutConsent, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(grant.recipientAgencyId);
  }

  @FieldResolver(() => Agency)
  authorisedByAgency(@Root() grant: SharingWithoutConsent, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(grant.authorisedByAgencyId);
  }
}
