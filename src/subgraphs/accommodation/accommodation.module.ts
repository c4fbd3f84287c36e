import type { ResolverContainer } from '../../shared/graphql/resolver-container';
import { AccommodationMutationResolver } from './accommodation-mutation.resolver';
import { AccommodationOutcomeResolver } from './accommodation-outcome.resolver';
import { AccommodationQueryService } from './accommodation-query.service';
import { AccommodationRecipientResolver } from './accommodation-recipient.resolver';
import { AccommodationReferralService } from './accommodation-referral.service';
import { AccommodationRequestResolver } from './accommodation-request.resolver';
import { AddressConfirmationService } from './address-confirmation.service';
import { ProviderResponseService } from './provider-response.service';
import { RequesterDecisionService } from './requester-decision.service';

/** Registers the accommodation resolvers, each built with its services. */
export function registerAccommodationModule(container: ResolverContainer): ResolverContainer {
  const queries = new AccommodationQueryService();
  return container
    .register(new AccommodationOutcomeResolver())
    .register(new AccommodationRequestResolver(queries))
    .register(new AccommodationRecipientResolver(queries))
    .register(
      new AccommodationMutationResolver({
        queries,
        referrals: new AccommodationReferralService(),
        providers: new ProviderResponseService(),
        decisions: new RequesterDecisionService(),
        confirmations: new AddressConfirmationService(),
      }),
    );
}
