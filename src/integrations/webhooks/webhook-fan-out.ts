import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { loadPrincipal } from '../../shared/auth/principal';
import { AccessControl } from '../../shared/policy/access-control';
import type { PolicySet, PolicySubject } from '../../shared/policy/policy-set';

const BATCH = 200;

/** What a client must be able to read of the child for an event about this kind of record to reach it. */
const SUBJECT_OF_AGGREGATE: Record<string, PolicySubject> = {
  accommodation_request: 'AccommodationRequest',
  accommodation_offer: 'AccommodationOffer',
  custody_episode: 'CustodyEpisode',
  pathway_update: 'PathwayUpdate',
  meeting: 'Meeting',
};

interface EventRow {
  id: string;
  event_type: string;
  aggregate_type: string;
  child_id: string | null;
  consortium_id: string;
}

interface SubscriptionRow {
  id: string;
  client_id: string;
  event_types: string[];
}

/**
 * Turns unpublished outbox events into one delivery per subscription that wants the event type and
 * whose client may read that child's record now (decided by the same policy layer as the API).
 * Events without a child are not delivered. Marks the events published in the same transaction.
 */
export async function fanOutOutboxEvents(db: DataSource, policy: PolicySet, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const events: EventRow[] = await tx.query(
      `SELECT id, event_type, aggregate_type, child_id, consortium_id FROM outbox_event
        WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [BATCH],
    );
    if (!events.length) return 0;
    const subscriptions: (SubscriptionRow & { consortium_id: string })[] = await tx.query(
      `SELECT s.id, s.client_id, s.event_types, a.consortium_id
         FROM webhook_subscription s JOIN machine_client m ON m.id = s.client_id AND m.active JOIN agency a ON a.id = m.agency_id
        WHERE s.active AND s.event_types && $1::text[]`,
      [[...new Set(events.map((e) => e.event_type))]],
    );
    const access = new Map<string, AccessControl | null>();
    let created = 0;
    for (const event of events) {
      for (const subscription of subscriptions) {
        if (!subscription.event_types.includes(event.event_type) || subscription.consortium_id !== event.consortium_id) continue;
        if (!(await mayRead(tx, db, policy, access, subscription.client_id, event, now))) continue;
        const inserted: unknown[] = await tx.query(
          `INSERT INTO webhook_delivery (id, subscription_id, outbox_event_id, next_attempt_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (subscription_id, outbox_event_id) DO NOTHING RETURNING id`,
          [randomUUID(), subscription.id, event.id, now],
        );
        created += inserted.length;
      }
    }
    await tx.query(`UPDATE outbox_event SET published_at = $2 WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id), now]);
    return created;
  });
}

async function mayRead(
  tx: EntityManager,
  db: DataSource,
  policy: PolicySet,
  cache: Map<string, AccessControl | null>,
  clientId: string,
  event: EventRow,
  now: Date,
): Promise<boolean> {
  if (!event.child_id) return false;
  if (!cache.has(clientId)) {
    const principal = await loadPrincipal(db, { sub: clientId, typ: 'client' }).catch(() => null);
    cache.set(clientId, principal ? new AccessControl(principal, policy, now) : null);
  }
  const access = cache.get(clientId);
  if (!access) return false;
  const subject = SUBJECT_OF_AGGREGATE[event.aggregate_type] ?? 'Child';
  if (!access.canAtAll('read', subject) || !access.canAtAll('read', 'Child')) return false;
  const condition = access.childCondition('read', subject);
  const [sql, params] = tx.connection.driver.escapeQueryWithParameters(
    `SELECT EXISTS (SELECT 1 FROM child c WHERE c.id = CAST(:childId AS uuid) AND (${condition.sql})) AS visible`,
    { ...condition.params, childId: event.child_id },
  );
  const [row]: { visible: boolean }[] = await tx.query(sql, params);
  return row.visible;
}
