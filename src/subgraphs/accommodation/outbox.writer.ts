import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';

type PayloadValue = string | number | boolean | null | readonly string[];

/** A domain event, written in the transaction of the change it records. */
export interface OutboxEvent {
  /** Dotted, lower case, e.g. `accommodation.offer.accepted`. */
  eventType: string;
  eventVersion?: number;
  aggregateType: string;
  aggregateId: string;
  childId: string | null;
  /** Ids, codes and dates only: a consumer fetches what it may see through the API. */
  payload: Record<string, PayloadValue>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** Appends an event to outbox_event; refuses a payload holding anything but ids, codes and dates. */
export async function appendOutboxEvent(db: EntityManager, ctx: RequestContext, event: OutboxEvent): Promise<void> {
  for (const [field, value] of Object.entries(event.payload)) assertIdsOnly(event.eventType, field, value);
  await db.query(
    `INSERT INTO outbox_event (id, occurred_at, consortium_id, event_type, event_version, aggregate_type, aggregate_id, child_id,
                               actor_agency_id, correlation_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      randomUUID(), ctx.access.clock.now, ctx.principal.consortium.id, event.eventType, event.eventVersion ?? 1, event.aggregateType,
      event.aggregateId, event.childId, ctx.principal.agency.id, ctx.correlationId.slice(0, 200), JSON.stringify(event.payload),
    ],
  );
}

function assertIdsOnly(eventType: string, field: string, value: PayloadValue): void {
  const ok = (v: unknown) =>
    v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && (UUID.test(v) || CODE.test(v) || DATE.test(v)));
  if (Array.isArray(value) ? value.every(ok) : ok(value)) return;
  throw new Error(`outbox event ${eventType}: payload.${field} must hold ids, codes or dates only`);
}
