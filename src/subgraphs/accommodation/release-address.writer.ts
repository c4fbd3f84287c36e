import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { actorColumns } from './accommodation-effects';
import type { AccommodationOfferEntity } from './accommodation-offer.entity';
import type { AccommodationStore } from './accommodation.store';
import { ReleaseAddressEntity } from './release-address.entity';

/** The confirmed offer becomes the child's release address; any earlier one is superseded. */
export async function writeReleaseAddress(
  ctx: RequestContext,
  store: AccommodationStore,
  childId: string,
  offer: AccommodationOfferEntity,
): Promise<ReleaseAddressEntity> {
  const repository = store.db.getRepository(ReleaseAddressEntity);
  await repository.update({ childId, supersededAt: IsNull() }, { supersededAt: store.now, supersededReason: 'NEW_ADDRESS_CONFIRMED' });
  const { userId, clientId } = actorColumns(ctx);
  const row = repository.create({
    id: randomUUID(),
    childId,
    requestId: offer.requestId,
    offerId: offer.id,
    addressLine1: offer.addressLine1,
    addressLine2: offer.addressLine2,
    town: offer.town,
    postcode: offer.postcode,
    accommodationType: offer.accommodationType,
    availableFrom: offer.availableFrom,
    confirmedByAgencyId: ctx.principal.agency.id,
    confirmedByUserId: userId,
    confirmedByClientId: clientId,
    confirmedAt: store.now,
    supersededAt: null,
    supersededReason: null,
  });
  await repository.insert(row);
  return row;
}

/** The request's address is no longer the child's release address (re-opened or withdrawn). */
export async function supersedeReleaseAddress(store: AccommodationStore, requestId: string, reason: string): Promise<void> {
  await store.db
    .getRepository(ReleaseAddressEntity)
    .update({ requestId, supersededAt: IsNull() }, { supersededAt: store.now, supersededReason: reason });
}
