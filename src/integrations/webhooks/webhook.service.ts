import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../shared/auth/request-context';
import { NotFoundError, ValidationError } from '../../shared/errors/domain.error';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { newSigningSecret } from './webhook-signature';
import { resolveAllowedAddress, urlProblem, type Lookup, type UrlProblem, type WebhookUrlPolicy } from './webhook-url-policy';
import type { SubscribeWebhookInput } from './webhook.input';
import { WebhookDeliveryStatus, type WebhookDelivery, type WebhookSubscription, type WebhookSubscriptionCreated } from './webhook.type';

const EVENT_TYPE = /^[a-z][a-z_]*(\.[a-z][a-z_]*){1,4}$/;
const MAX_SUBSCRIPTIONS = 20;
export const WEBHOOK_SCOPE = 'changes:read';

/** A partner system's own webhook subscriptions and deliveries; nobody else's are visible to it. */
export class WebhookService {
  constructor(
    private readonly urlPolicy: WebhookUrlPolicy,
    private readonly lookup?: Lookup,
  ) {}

  async subscribe(ctx: RequestContext, input: SubscribeWebhookInput): Promise<WebhookSubscriptionCreated> {
    this.requireClient(ctx);
    const url = await checkUrl(input.url, this.urlPolicy, this.lookup);
    const eventTypes = [...new Set(input.eventTypes)];
    if (eventTypes.length < 1 || eventTypes.length > 50 || !eventTypes.every((t) => EVENT_TYPE.test(t))) {
      throw new ValidationError('eventTypes', 'must be 1-50 dotted lower-case event types');
    }
    const db = await ctx.tx.manager();
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM webhook_subscription WHERE client_id = $1 AND active`, [ctx.principal.id]);
    if (n >= MAX_SUBSCRIPTIONS) throw new ValidationError('url', `at most ${MAX_SUBSCRIPTIONS} active subscriptions per client`);
    const signingSecret = newSigningSecret();
    const [row] = await db.query(
      `INSERT INTO webhook_subscription (id, client_id, url, event_types, signing_secret, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, url, event_types, active, created_at`,
      [randomUUID(), ctx.principal.id, url, eventTypes, signingSecret, ctx.access.clock.now],
    );
    return { subscription: toSubscription(row), signingSecret };
  }

  async unsubscribe(ctx: RequestContext, id: string): Promise<WebhookSubscription> {
    this.requireClient(ctx);
    const db = await ctx.tx.manager();
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[row]] = await db.query(
      `UPDATE webhook_subscription SET active = false, deactivated_at = $3 WHERE id = $1 AND client_id = $2
       RETURNING id, url, event_types, active, created_at`,
      [id, ctx.principal.id, ctx.access.clock.now],
    );
    if (!row) throw new NotFoundError('The subscription');
    return toSubscription(row);
  }

  async subscriptions(ctx: RequestContext): Promise<WebhookSubscription[]> {
    this.requireClient(ctx);
    const db = await ctx.tx.manager();
    const rows = await db.query(
      `SELECT id, url, event_types, active, created_at FROM webhook_subscription WHERE client_id = $1 ORDER BY created_at, id`,
      [ctx.principal.id],
    );
    return rows.map(toSubscription);
  }

  async deliveries(ctx: RequestContext, status: WebhookDeliveryStatus | null, first: number): Promise<WebhookDelivery[]> {
    this.requireClient(ctx);
    if (!Number.isInteger(first) || first < 1 || first > 200) throw new ValidationError('first', 'must be between 1 and 200');
    const db = await ctx.tx.manager();
    const rows = await db.query(
      `${DELIVERY_SELECT} WHERE s.client_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.created_at DESC, d.id LIMIT $3`,
      [ctx.principal.id, status, first],
    );
    return rows.map(toDelivery);
  }

  /** Sends a delivery again from the first attempt (a dead-lettered one, or one the receiver lost). */
  async replay(ctx: RequestContext, id: string): Promise<WebhookDelivery> {
    this.requireClient(ctx);
    const db = await ctx.tx.manager();
    const [updated]: [unknown[], number] = await db.query(
      `UPDATE webhook_delivery d SET status = 'PENDING', attempts = 0, next_attempt_at = $3, delivered_at = NULL, dead_lettered_at = NULL,
              last_error = NULL, replays = replays + 1
         FROM webhook_subscription s
        WHERE d.id = $1 AND s.id = d.subscription_id AND s.client_id = $2 AND s.active RETURNING d.id`,
      [id, ctx.principal.id, ctx.access.clock.now],
    );
    if (!updated.length) throw new NotFoundError('The delivery');
    const [row] = await db.query(`${DELIVERY_SELECT} WHERE d.id = $1`, [id]);
    return toDelivery(row);
  }

  private requireClient(ctx: RequestContext): void {
    if (ctx.principal.kind !== 'client' || !ctx.principal.scopes.includes(WEBHOOK_SCOPE)) {
      throw new ForbiddenError('Webhooks are for partner systems holding the changes:read scope');
    }
  }
}

const DELIVERY_SELECT = `SELECT d.id, d.subscription_id, d.outbox_event_id, e.event_type, d.status, d.attempts, d.next_attempt_at,
    d.last_error, d.delivered_at, d.dead_lettered_at
  FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id JOIN outbox_event e ON e.id = d.outbox_event_id`;

const URL_PROBLEMS: Record<UrlProblem, string> = {
  NOT_A_URL: 'is not a URL',
  SCHEME_NOT_ALLOWED: 'must be an https:// URL',
  CREDENTIALS_IN_URL: 'must not carry credentials',
  DOES_NOT_RESOLVE: 'names a host that does not resolve',
  ADDRESS_NOT_ALLOWED: 'must not point at a loopback, private, link-local or other non-public address',
};

/** Checked here and again at every delivery (webhook-http.ts), since DNS answers change. */
async function checkUrl(value: string, policy: WebhookUrlPolicy, lookup?: Lookup): Promise<string> {
  const checked = value.length > 2000 ? ({ problem: 'NOT_A_URL' } as const) : urlProblem(value, policy);
  if ('problem' in checked) throw new ValidationError('url', URL_PROBLEMS[checked.problem]);
  if (policy.blockPrivate) {
    const resolved = await resolveAllowedAddress(checked.url, policy, lookup);
    if ('problem' in resolved) throw new ValidationError('url', URL_PROBLEMS[resolved.problem]);
  }
  return checked.url.toString();
}

function toSubscription(row: { id: string; url: string; event_types: string[]; active: boolean; created_at: Date }): WebhookSubscription {
  return { id: row.id, url: row.url, eventTypes: row.event_types, active: row.active, createdAt: row.created_at };
}

function toDelivery(row: Record<string, unknown>): WebhookDelivery {
  const status = row.status as WebhookDeliveryStatus;
  return {
    id: row.id as string,
    subscriptionId: row.subscription_id as string,
    eventId: row.outbox_event_id as string,
    eventType: row.event_type as string,
    status,
    attempts: row.attempts as number,
    nextAttemptAt: status === WebhookDeliveryStatus.PENDING ? (row.next_attempt_at as Date) : null,
    lastError: (row.last_error as string | null) ?? null,
    deliveredAt: (row.delivered_at as Date | null) ?? null,
    deadLetteredAt: (row.dead_lettered_at as Date | null) ?? null,
  };
}
