import { AccommodationMessageEntity } from './accommodation-message.entity';
import { AccommodationOfferEntity } from './accommodation-offer.entity';
import { AccommodationOutcomeEntity } from './accommodation-outcome.entity';
import { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import { AccommodationRequestEntity } from './accommodation-request.entity';
import { AddressVisitEntity } from './address-visit.entity';
import { ReleaseAddressEntity } from './release-address.entity';

/**
 * TypeORM entities of the accommodation subgraph (listed in src/shared/db/entities.ts). The
 * idempotency_key and outbox_event tables are written with SQL (idempotency.ts, outbox.writer.ts),
 * so the partner-integration work can own the outbox's entity.
 */
export const accommodationEntities: Function[] = [
  AccommodationRequestEntity,
  AccommodationRequestRecipientEntity,
  AccommodationOfferEntity,
  AccommodationMessageEntity,
  AddressVisitEntity,
  ReleaseAddressEntity,
  AccommodationOutcomeEntity,
];
