import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/shared/logging/logger';
import { loadPolicySet } from '../../src/shared/policy/policy-loader';
import { retryDelayMs, DEFAULT_DELIVERY_SETTINGS } from '../../src/integrations/webhooks/webhook-delivery';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../src/integrations/webhooks/webhook-signature';
import { startWebhookWorker } from '../../src/integrations/webhooks/webhook-worker';
import { webhookUrlPolicy } from '../../src/integrations/webhooks/webhook-url-policy';
import { startTestHub, type TestHub } from '../helpers/test-hub';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers each request with the next status in `statuses` (then 200). */
async function startReceiver(statuses: number[]) {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[received.length - 1] ?? 200;
      res.end();
      for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    setStatuses: (next: number[]) => statuses.splice(0, statuses.length, ...Array(received.length).fill(0), ...next),
    waitFor: (count: number) => new Promise<void>((resolve) => (received.length >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SUBSCRIBE = `mutation ($input: SubscribeWebhookInput!) { subscribeWebhook(input: $input) { signingSecret subscription { id eventTypes } } }`;
const DELIVERIES = `{ webhookDeliveries { id subscriptionId eventId status attempts lastError deadLetteredAt } }`;

let hub: TestHub;
let worker: Awaited<ReturnType<typeof startWebhookWorker>>;
beforeAll(async () => {
  hub = await startTestHub();
  worker = await startWebhookWorker({
    databaseUrl: hub.database.url,
    db: hub.db,
    policy: loadPolicySet(),
    logger: createLogger({ level: 'silent', service: 'webhook-test' }),
    settings: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 5, urlPolicy: webhookUrlPolicy(hub.config.webhooks) },
    feedRetentionDays: hub.config.changeFeedRetentionDays,
    pollInterval: 50,
  });
});
afterAll(async () => {
  await worker?.stop();
  await hub?.stop();
});

async function subscribe(url: string, eventTypes: string[]) {
  const { body } = await hub.query<{ subscribeWebhook: { signingSecret: string; subscription: { id: string } } }>(SUBSCRIBE, {
    as: 'leeds-cms',
    variables: { input: { url, eventTypes } },
  });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.subscribeWebhook;
}

async function outboxEvent(eventType: string, authority: string): Promise<{ id: string; childId: string }> {
  const [child] = await hub.db.query(`SELECT id, consortium_id FROM child WHERE home_local_authority_code = $1 ORDER BY id LIMIT 1`, [authority]);
  const id = randomUUID();
  await hub.db.query(
    `INSERT INTO outbox_event (id, occurred_at, consortium_id, event_type, aggregate_type, aggregate_id, child_id, payload)
     VALUES ($1, now(), $2, $3, 'pathway_update', $4, $5, '{"status": "READY"}')`,
    [id, child.consortium_id, eventType, randomUUID(), child.id],
  );
  return { id, childId: child.id };
}

it('delivers to a receiver that failed three times on the fourth try, with a valid signature and a thin payload', async () => {
  const receiver = await startReceiver([500, 503, 500]);
  try {
    const { signingSecret, subscription } = await subscribe(receiver.url, ['case.pathway.updated']);
    const leeds = await outboxEvent('case.pathway.updated', 'LEEDS');
    const sheffield = await outboxEvent('case.pathway.updated', 'SHEFFIELD');
    await worker.kick();
    await receiver.waitFor(4);

    expect(receiver.received).toHaveLength(4);
    const last = receiver.received[3];
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature(signingSecret, last.headers[SIGNATURE_HEADER] as string, last.body, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', last.headers[SIGNATURE_HEADER] as string, last.body, now)).toBe(false);
    expect(verifyWebhookSignature(signingSecret, last.headers[SIGNATURE_HEADER] as string, `${last.body} `, now)).toBe(false);
    const payload = JSON.parse(last.body);
    expect(Object.keys(payload).sort()).toEqual(['aggregate', 'childId', 'deliveryId', 'eventId', 'eventType', 'eventVersion', 'occurredAt', 'query']);
    expect(payload).toMatchObject({ eventId: leeds.id, eventType: 'case.pathway.updated', childId: leeds.childId });
    expect(last.body).not.toContain('READY'); // the outbox payload itself is not sent
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).eventId))).toEqual(new Set([leeds.id]));

    const { body } = await hub.query<{ webhookDeliveries: { eventId: string; subscriptionId: string; status: string; attempts: number }[] }>(DELIVERIES, { as: 'leeds-cms' });
    const mine = body.data!.webhookDeliveries.filter((d) => d.subscriptionId === subscription.id);
    expect(mine).toEqual([expect.objectContaining({ eventId: leeds.id, status: 'DELIVERED', attempts: 4 })]);
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE outbox_event_id = $1`, [sheffield.id]);
    expect(n).toBe(0); // leeds-cms may not see Sheffield's child, so it is not told about it
  } finally {
    await receiver.close();
  }
});

it('dead-letters a delivery after the last attempt, and replays it on request', async () => {
  const receiver = await startReceiver(Array(5).fill(500));
  try {
    const { subscription } = await subscribe(receiver.url, ['case.pathway.status_changed']);
    const event = await outboxEvent('case.pathway.status_changed', 'LEEDS');
    await worker.kick();
    await receiver.waitFor(5);
    let delivery: { id: string; status: string; attempts: number; lastError: string } | undefined;
    // The fifth answer is recorded just after it is sent: read until the row says so.
    for (let i = 0; i < 100 && delivery?.status !== 'DEAD'; i++) {
      const { body } = await hub.query<{ webhookDeliveries: (typeof delivery & { subscriptionId: string })[] }>(DELIVERIES, { as: 'leeds-cms' });
      delivery = body.data!.webhookDeliveries.find((d) => d!.subscriptionId === subscription.id);
      if (delivery?.status !== 'DEAD') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(delivery).toMatchObject({ status: 'DEAD', attempts: 5, lastError: 'HTTP_500' });

    receiver.setStatuses([200]);
    const replay = await hub.query(`mutation ($id: ID!) { replayWebhookDelivery(id: $id) { status attempts } }`, {
      as: 'leeds-cms',
      variables: { id: delivery!.id },
    });
    expect(replay.body.data).toEqual({ replayWebhookDelivery: { status: 'PENDING', attempts: 0 } });
    await worker.kick();
    await receiver.waitFor(6);
    expect(JSON.parse(receiver.received[5].body).eventId).toBe(event.id);
  } finally {
    await receiver.close();
  }
});

it('lets no one else replay or list a client’s deliveries', async () => {
  const [row] = await hub.db.query(`SELECT d.id FROM webhook_delivery d LIMIT 1`);
  expect(row).toBeDefined();
  const asUser = await hub.query(`mutation ($id: ID!) { replayWebhookDelivery(id: $id) { status } }`, { as: 'leeds.cm', variables: { id: row.id } });
  expect(asUser.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const unknown = await hub.query(`mutation ($id: ID!) { replayWebhookDelivery(id: $id) { status } }`, { as: 'leeds-cms', variables: { id: randomUUID() } });
  expect(unknown.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

it('stops delivering to a subscription once it is withdrawn', async () => {
  const { subscription } = await subscribe('https://partner.example/hooks', ['case.meeting.held']);
  const off = await hub.query(`mutation ($id: ID!) { unsubscribeWebhook(id: $id) { active } }`, { as: 'leeds-cms', variables: { id: subscription.id } });
  expect(off.body.data).toEqual({ unsubscribeWebhook: { active: false } });
  const { body } = await hub.query<{ webhookSubscriptions: { id: string; active: boolean }[] }>(`{ webhookSubscriptions { id active } }`, { as: 'leeds-cms' });
  expect(body.data!.webhookSubscriptions.find((s) => s.id === subscription.id)).toEqual({ id: subscription.id, active: false });
});

// https and public addresses only (the production default): integrations-webhook-urls.test.ts.
it('refuses a subscription URL that carries credentials or is not http(s)', async () => {
  for (const url of ['https://user:pw@example.org/hook', 'ftp://example.org/', 'not a url']) {
    const { body } = await hub.query(SUBSCRIBE, { as: 'leeds-cms', variables: { input: { url, eventTypes: ['case.pathway.updated'] } } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
  }
});

it('backs off exponentially with jitter, up to a ceiling', () => {
  const s = DEFAULT_DELIVERY_SETTINGS;
  expect([1, 2, 3].map((n) => retryDelayMs(n, s, () => 0))).toEqual([15_000, 30_000, 60_000]);
  expect([1, 2, 3].map((n) => retryDelayMs(n, s, () => 1))).toEqual([30_000, 60_000, 120_000]);
  expect(retryDelayMs(30, s, () => 1)).toBe(s.maxDelayMs);
});
