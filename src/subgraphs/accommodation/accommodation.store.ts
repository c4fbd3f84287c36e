import { In, type EntityManager, type ObjectLiteral, type EntityTarget } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { DomainError, NotFoundError } from '../../shared/errors/domain.error';
import { AccommodationOfferEntity } from './accommodation-offer.entity';
import { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import { AccommodationRequestEntity } from './accommodation-request.entity';

type Versioned = ObjectLiteral & { id: string; version: number; updatedAt: Date };

/**
 * Reads and versioned writes of requests, recipients and offers inside a mutation. Every
 * mutation locks its request first, so the actions on one request happen one at a time.
 */
export class AccommodationStore {
  constructor(
    private readonly ctx: RequestContext,
    readonly db: EntityManager,
  ) {}

  get now(): Date {
    return new Date(this.ctx.access.clock.now);
  }

  /** The request, locked for the rest of the transaction; NOT_FOUND (audited) if there is none. */
  async lockRequest(id: string, resource: string): Promise<AccommodationRequestEntity> {
    const found = await this.db.getRepository(AccommodationRequestEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!found) {
      this.ctx.audit.denied([], 'NOT_FOUND', resource, [], 'ALTER');
      throw new NotFoundError('Accommodation request');
    }
    return found;
  }

  async requestIdOf(table: 'accommodation_offer' | 'accommodation_request_recipient', id: string, resource: string): Promise<string> {
    const [row]: { request_id: string }[] = await this.db.query(`SELECT request_id FROM ${table} WHERE id = $1`, [id]);
    if (!row) {
      this.ctx.audit.denied([], 'NOT_FOUND', resource, [], 'ALTER');
      throw new NotFoundError(table === 'accommodation_offer' ? 'Accommodation offer' : 'Accommodation recipient');
    }
    return row.request_id;
  }

  recipients(requestId: string): Promise<AccommodationRequestRecipientEntity[]> {
    return this.db.getRepository(AccommodationRequestRecipientEntity).find({ where: { requestId }, order: { sentAt: 'ASC', id: 'ASC' } });
  }

  offers(requestId: string): Promise<AccommodationOfferEntity[]> {
    return this.db.getRepository(AccommodationOfferEntity).find({ where: { requestId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  offersOfRecipients(recipientIds: string[]): Promise<AccommodationOfferEntity[]> {
    if (recipientIds.length === 0) return Promise.resolve([]);
    return this.db.getRepository(AccommodationOfferEntity).find({ where: { recipientId: In(recipientIds) } });
  }

  updateRequest(row: AccommodationRequestEntity, changes: Partial<AccommodationRequestEntity>) {
    return this.update(AccommodationRequestEntity, row, changes);
  }

  updateRecipient(row: AccommodationRequestRecipientEntity, changes: Partial<AccommodationRequestRecipientEntity>) {
    return this.update(AccommodationRequestRecipientEntity, row, changes);
  }

  updateOffer(row: AccommodationOfferEntity, changes: Partial<AccommodationOfferEntity>) {
    return this.update(AccommodationOfferEntity, row, changes);
  }

  /** Writes `changes` at the row's version and bumps it; 0 rows means someone else got there first. */
  private async update<T extends Versioned>(entity: EntityTarget<T>, row: T, changes: Partial<T>): Promise<T> {
    const next = { ...changes, version: row.version + 1, updatedAt: this.now } as Partial<T>;
    const result = await this.db
      .createQueryBuilder()
      .update(entity)
      .set(next as never)
      .where('id = :id AND version = :version', { id: row.id, version: row.version })
      .execute();
    if (result.affected !== 1) throw new DomainError('CONFLICT', 'Someone else changed this just now; reload and try again');
    return Object.assign(row, next);
  }
}

/** A stale `expectedVersion` is a CONFLICT carrying the version to reload. */
export function assertVersion(what: string, current: number, expected: number): void {
  if (current !== expected) {
    throw new DomainError('CONFLICT', `${what} has changed since you loaded it (version ${current}, you sent ${expected})`, {
      currentVersion: current,
    });
  }
}
