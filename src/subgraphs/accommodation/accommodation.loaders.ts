import { In, IsNull, type EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { AccommodationMessageEntity } from './accommodation-message.entity';
import { AccommodationOfferEntity } from './accommodation-offer.entity';
import { AccommodationOutcomeEntity } from './accommodation-outcome.entity';
import { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import type { ReferralChild } from './accommodation.mapper';
import { AddressVisitEntity } from './address-visit.entity';
import { ReleaseAddressEntity } from './release-address.entity';
import { groupBy } from '../../shared/collections/group-by';


function loader<V>(ctx: RequestContext, name: string, load: (db: EntityManager, keys: string[]) => Promise<Map<string, V>>) {
  return ctx.loaders.get<V>(`accommodation.${name}`, async (keys) => load(await ctx.tx.manager(), [...keys]));
}

/**
 * Per-request batch loaders of the records under a request. They load rows only: who may see
 * which of them is decided by the resolvers (a provider sees its own part alone).
 */
export const accommodationLoaders = {
  recipients: (ctx: RequestContext) =>
    loader(ctx, 'recipients', async (db, ids) =>
      groupBy(
        await db.getRepository(AccommodationRequestRecipientEntity).find({ where: { requestId: In(ids) }, order: { sentAt: 'ASC', id: 'ASC' } }),
        (r) => r.requestId,
      ),
    ),
  offers: (ctx: RequestContext) =>
    loader(ctx, 'offers', async (db, ids) =>
      groupBy(
        await db.getRepository(AccommodationOfferEntity).find({ where: { requestId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
        (o) => o.requestId,
      ),
    ),
  threads: (ctx: RequestContext) =>
    loader(ctx, 'threads', async (db, ids) =>
      groupBy(
        await db.getRepository(AccommodationMessageEntity).find({ where: { recipientId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
        (m) => m.recipientId,
      ),
    ),
  visits: (ctx: RequestContext) =>
    loader(ctx, 'visits', async (db, ids) =>
      groupBy(
        await db.getRepository(AddressVisitEntity).find({ where: { requestId: In(ids) }, order: { visitedOn: 'ASC', recordedAt: 'ASC' } }),
        (v) => v.requestId,
      ),
    ),
  currentReleaseAddress: (ctx: RequestContext) =>
    loader(ctx, 'releaseAddress', async (db, ids) => {
      const rows = await db.getRepository(ReleaseAddressEntity).find({ where: { requestId: In(ids), supersededAt: IsNull() } });
      return new Map(rows.map((r) => [r.requestId, r]));
    }),
  outcome: (ctx: RequestContext) =>
    loader(ctx, 'outcome', async (db, ids) => {
      const rows = await db.getRepository(AccommodationOutcomeEntity).find({ where: { requestId: In(ids) } });
      return new Map(rows.map((r) => [r.requestId, r]));
    }),
  /** Only the child facts a referral carries: date of birth (for the age) and sex. */
  referralChild: (ctx: RequestContext) =>
    loader(ctx, 'referralChild', async (db, ids) => {
      const rows: { id: string; date_of_birth: string; sex: ReferralChild['sex'] }[] = await db.query(
        `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, sex FROM child WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return new Map(rows.map((r) => [r.id, { dateOfBirth: r.date_of_birth, sex: r.sex }]));
    }),
};
