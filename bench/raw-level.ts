import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, type PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { AGENCY, CONSORTIUM_ID, yjsIdFor } from '../seeds/demo-consortium';
import { demoUserId } from '../seeds/demo-users';
import { appendAuditEntries } from '../src/shared/audit/audit-writer';
import { englandDateOf } from '../src/shared/calendar/london-date';
import { decodeCursor } from '../src/shared/graphql/cursor';
import { CASELOAD_PAGE, FEED_PAGE, INBOX_PAGE, type GraphQLBody, type ScenarioId } from './scenarios';

/**
 * Level 1, the floor: the same HTTP request answered by hand-written SQL over pg that carries the
 * same access predicate for the same principal (fixed per scenario, as each runs as one demo
 * principal), and nothing else: no token, no GraphQL, no audit of reads. The mutation writes
 * what the hub writes (the update, its timeline event, its disclosure-log entry) in one transaction.
 */
export async function startRawLevel(databaseUrl: string, poolSize: number, applicationName: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: applicationName });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = (req.url ?? '').replace(/^\/raw\//, '') as ScenarioId;
      const handler = HANDLERS[id];
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!handler) return reply(404, { errors: [{ message: 'no such scenario' }] });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody;
      handler(pool, body.variables ?? {}).then(
        (data) => reply(200, { data }),
        // Like GraphQL: a refusal (NOT_FOUND) is an error in a 200 answer; anything else is a 500.
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          reply(message === 'NOT_FOUND' ? 200 : 500, { data: null, errors: [{ message, extensions: { code: message } }] });
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/raw`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

type Handler = (pool: Pool, variables: Record<string, unknown>) => Promise<unknown>;
const today = () => englandDateOf(new Date());
const LEEDS_YJS = yjsIdFor('LEEDS');

const HANDLERS: Record<ScenarioId, Handler> = {
  // The consortium team: the consortium's children in custody (the open episode is joined anyway).
  Q1: async (pool, v) => {
    const where = `FROM child c JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY'
      WHERE c.consortium_id = $1 AND e.release_date BETWEEN $2::date AND $2::date + $3::int`;
    const params = [CONSORTIUM_ID, today(), v.within];
    const page = await pool.query(
      `SELECT c.id, c.family_name, e.release_date, e.release_date - $2::date AS days_to_release,
              (SELECT count(*)::int FROM deadline d WHERE d.child_id = c.id AND d.custody_episode_id = e.id
                  AND (d.status = 'MISSED' OR (d.status = 'OPEN' AND d.due_on < $2::date))) AS overdue
         ${where} ORDER BY e.release_date, c.id LIMIT ${CASELOAD_PAGE + 1}`,
      params,
    );
    const count = await pool.query(`SELECT count(*)::int AS n ${where}`, params);
    return { caseload: { totalCount: count.rows[0].n, edges: page.rows.slice(0, CASELOAD_PAGE) } };
  },
  // A provider: requests addressed to it while its part lasts, about children of its consortium.
  Q2: async (pool) => {
    const where = `FROM accommodation_request q JOIN child c ON c.id = q.child_id
      JOIN accommodation_request_recipient r ON r.request_id = q.id AND r.provider_agency_id = $1
           AND (r.access_ends_at IS NULL OR r.access_ends_at > now())
      WHERE q.status = 'OPEN' AND c.consortium_id = $2`;
    const params = [AGENCY.leedsHousingOptions, CONSORTIUM_ID];
    const page = await pool.query(
      `SELECT q.id, q.status, q.created_at, q.release_date, q.release_area, q.support_level,
              extract(year FROM age(q.release_date, c.date_of_birth))::int AS age_at_release
         ${where} ORDER BY coalesce(q.release_date, DATE '9999-12-31'), q.id LIMIT ${INBOX_PAGE + 1}`,
      params,
    );
    const count = await pool.query(`SELECT count(*)::int AS n ${where}`, params);
    return { accommodationRequests: { totalCount: count.rows[0].n, edges: page.rows.slice(0, INBOX_PAGE) } };
  },
  // The Leeds system: changes about children of its own youth justice service, in commit order.
  Q3: async (pool, v) => {
    const [txid, seq] = v.since ? (decodeCursor(String(v.since), ['number', 'number']) as number[]) : [0, 0];
    const { rows } = await pool.query(
      `SELECT ch.txid::text, ch.seq::text, ch.entity_type, ch.entity_id, ch.child_id, ch.operation
         FROM entity_change ch JOIN child c ON c.id = ch.child_id
        WHERE ch.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint AND (ch.txid, ch.seq) > ($2::bigint, $3::bigint)
          AND c.home_yjs_agency_id = $1
        ORDER BY ch.txid, ch.seq LIMIT ${FEED_PAGE + 1}`,
      [LEEDS_YJS, txid, seq],
    );
    return { changes: { changes: rows.slice(0, FEED_PAGE), hasMore: rows.length > FEED_PAGE } };
  },
  // The Leeds case manager: a child of the Leeds service, else not found.
  Q4: async (pool, v) => {
    const { rows } = await pool.query(
      `SELECT c.id, c.family_name, c.date_of_birth, e.release_date,
              (SELECT p.status FROM pathway_update p WHERE p.child_id = c.id AND p.pathway = 'ACCOMMODATION'
                ORDER BY p.recorded_at DESC LIMIT 1) AS accommodation
         FROM child c LEFT JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY'
        WHERE c.id = $1 AND c.home_yjs_agency_id = $2`,
      [v.id, LEEDS_YJS],
    );
    if (!rows[0]) throw new Error('NOT_FOUND');
    return { child: rows[0] };
  },
  Q5: async (pool, v) => {
    const input = v.input as { childId: string; pathway: string; status: string; summary: string };
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const id = await recordPathwayUpdate(client, input);
      await client.query('COMMIT');
      return { recordPathwayUpdate: { id } };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  },
};

async function recordPathwayUpdate(client: PoolClient, input: { childId: string; pathway: string; status: string; summary: string }) {
  const userId = demoUserId('leeds.cm');
  const now = new Date();
  const allowed = await client.query('SELECT 1 FROM child WHERE id = $1 AND home_yjs_agency_id = $2', [input.childId, LEEDS_YJS]);
  if (!allowed.rowCount) throw new Error('NOT_FOUND');
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [7_310_105, `${input.childId}:${input.pathway}`]);
  const id = randomUUID();
  await client.query(
    `INSERT INTO pathway_update (id, child_id, pathway, status, summary, responsible_agency_id, recorded_by_user_id, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, input.childId, input.pathway, input.status, input.summary, LEEDS_YJS, userId, now],
  );
  await client.query(
    `INSERT INTO timeline_event (id, child_id, occurred_at, kind, scope, agency_id, subject_type, subject_id, payload)
     VALUES ($1, $2, $3, 'PATHWAY_UPDATED', 'accommodation', $4, 'pathway_update', $5, '{}')`,
    [randomUUID(), input.childId, now, LEEDS_YJS, id],
  );
  // The hub's own disclosure-log writer, over this client: the same lock, chain head and INSERT.
  const manager = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows, queryRunner: { isTransactionActive: true, connect: async () => client } };
  await appendAuditEntries(manager as unknown as EntityManager, [
    {
      occurredAt: now, actor: { kind: 'user', id: userId, agencyId: LEEDS_YJS, roles: ['CASE_MANAGER'] }, purpose: 'RESETTLEMENT_PLANNING',
      operation: 'ALTER', outcome: 'ALLOWED', reason: null, childIds: [input.childId], scopes: ['accommodation'],
      resource: `pathway_update:${id}`, justification: {}, correlationId: randomUUID(), clientAddress: null, userAgent: null,
    },
  ]);
  return id;
}
