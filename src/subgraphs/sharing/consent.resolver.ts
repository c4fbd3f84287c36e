import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import { agencyLoader } from './agency.service';
import { Agency } from './agency.type';
import { RecordConsentInput, WithdrawConsentInput } from './consent.input';
import type { ConsentService } from './consent.service';
import { Consent } from './consent.type';

@Resolver(() => Consent)
export class ConsentResolver {
  constructor(private readonly consents: ConsentService) {}

  @Mutation(() => [Consent], { description: 'Records consent, one record per scope, for one recipient' })
  recordConsent(@Ctx() { request }: GraphQLContext, @Arg('input', () => RecordConsentInput) input: RecordConsentInput) {
    return this.consents.record(request, { ...input, childId: parseUuid('childId', input.childId) });
  }

  @Mutation(() => Consent, { description: 'Withdraws a consent; access stops from the next request' })
  withdrawConsent(@Ctx() { request }: GraphQLContext, @Arg('input', () => WithdrawConsentInput) input: WithdrawConsentInput) {
    return this.consents.withdraw(request, { ...input, consentId: parseUuid('consentId', input.consentId) });
  }

  @Query(() => [Consent], { description: 'Every consent recorded for a child, newest first, withdrawn ones included' })
  consentHistory(@Ctx() { request }: GraphQLContext, @Arg('childId', () => ID) childId: string) {
    return this.consents.history(request, parseUuid('childId', childId));
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The recipient agency, when consent names one' })
  recipientAgency(@Root() consent: Consent, @Ctx() { request }: GraphQLContext) {
    return consent.recipientAgencyId ? agencyLoader(request).load(consent.recipientAgencyId) : null;
  }

  @FieldResolver(() => Agency, { description: 'The agency that recorded the consent' })
  recordedByAgency(@Root() consent: Consent, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(consent.recordedByAgencyId);
  }
}
