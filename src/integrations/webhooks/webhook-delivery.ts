import type { DataSource } from 'typeorm';
import type { Logger } from '../../shared/logging/logger';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';
import { postWebhook, type PostOutcome } from './webhook-http';
import { STRICT_WEBHOOK_URL_POLICY, type Lookup, type WebhookUrlPolicy } from './webhook-url-policy';

export interface DeliverySettings {
  /** First retry after about this long; each further retry waits twice as long (with jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before the delivery is dead-lettered. */
  maxAttempts: number;
  timeoutMs: number;
  /** Checked again at every attempt, against the address actually connected to. */
  urlPolicy: WebhookUrlPolicy;
  /** Tests only: a stand-in for DNS. */
  lookup?: Lookup;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  baseDelayMs: 30_000,
  maxDelayMs: 6 * 3600_000,
  maxAttempts: 8,
  timeoutMs: 10_000,
  urlPolicy: STRICT_WEBHOOK_URL_POLICY,
};

interface DueRow {
  id: string;
  attempts: number;
  url: string;
  signing_secret: string;
  event_id: string;
  event_type: string;
  event_version: number;
  occurred_at: Date;
  aggregate_type: string;
  aggregate_id: string;
  child_id: string;
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out. */
export function retryDelayMs(attempt: number, settings: DeliverySettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The body a receiver gets: what happened and to which ids, and a query to fetch what it may see. */
export function thinPayload(row: Omit<DueRow, 'id' | 'attempts' | 'url' | 'signing_secret'>, deliveryId: string): Record<string, unknown> {
  return {
    deliveryId,
    eventId: row.event_id,
    eventType: row.event_type,
    eventVersion: row.event_version,
    occurredAt: row.occurred_at.toISOString(),
    aggregate: { type: row.aggregate_type, id: row.aggregate_id },
    childId: row.child_id,
    query:
      row.aggregate_type === 'accommodation_request'
        ? `{ accommodationRequest(id: "${row.aggregate_id}") { id status } }`
        : `{ changes(since: null, first: 100) { changes { entityType entityId operation } endCursor } }`,
  };
}

/**
 * Takes one due delivery (row-locked, skipping those other workers hold), posts it and records the
 * outcome: delivered on a 2xx, otherwise retried later or dead-lettered after the last attempt.
 * The row stays locked during the POST, so two workers never send the same attempt; a crash
 * before commit sends it again (at least once). Returns false when nothing was due.
 */
export async function deliverNextDue(db: DataSource, settings: DeliverySettings, logger: Logger): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [due]: DueRow[] = await tx.query(
      `SELECT d.id, d.attempts, s.url, s.signing_secret, e.id AS event_id, e.event_type, e.event_version, e.occurred_at,
              e.aggregate_type, e.aggregate_id, e.child_id
         FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id JOIN outbox_event e ON e.id = d.outbox_event_id
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND s.active
        ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE OF d SKIP LOCKED`,
    );
    if (!due) return false;
    const body = JSON.stringify(thinPayload(due, due.id));
    const outcome = await post(due, body, settings);
    const attempts = due.attempts + 1;
    if (outcome.ok) {
      await tx.query(
        `UPDATE webhook_delivery SET status = 'DELIVERED', attempts = $2, delivered_at = now(), last_attempt_at = now(), last_error = NULL
          WHERE id = $1`,
        [due.id, attempts],
      );
    } else if (attempts >= settings.maxAttempts) {
      await tx.query(
        `UPDATE webhook_delivery SET status = 'DEAD', attempts = $2, dead_lettered_at = now(), last_attempt_at = now(), last_error = $3
          WHERE id = $1`,
        [due.id, attempts, outcome.error],
      );
      logger.warn({ deliveryId: due.id, attempts, error: outcome.error }, 'webhook delivery dead-lettered');
    } else {
      await tx.query(
        `UPDATE webhook_delivery SET attempts = $2, last_attempt_at = now(), last_error = $3,
                next_attempt_at = now() + $4 * interval '1 millisecond' WHERE id = $1`,
        [due.id, attempts, outcome.error, retryDelayMs(attempts, settings)],
      );
    }
    return true;
  });
}

function post(due: DueRow, body: string, settings: DeliverySettings): Promise<PostOutcome> {
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'resettlement-hub-webhooks/1',
    [SIGNATURE_HEADER]: signWebhook(due.signing_secret, Math.floor(Date.now() / 1000), body),
    'x-hub-event-id': due.event_id,
    'x-hub-delivery-id': due.id,
  };
  return postWebhook(due.url, headers, body, { policy: settings.urlPolicy, timeoutMs: settings.timeoutMs, lookup: settings.lookup });
}
