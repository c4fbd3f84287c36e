import type { DataSource } from 'typeorm';
import { yjsIdFor } from '../seeds/demo-consortium';
import { DEMO_CLIENTS } from '../seeds/demo-users';
import { encodeCursor } from '../src/shared/graphql/cursor';
import type { SubgraphName } from '../src/shared/config';

export type ScenarioId = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5';

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** The subgraph that serves it (levels 2 and 3 are reached there directly). */
  service: SubgraphName;
  /** Demo user or client it runs as. */
  principal: string;
  /** Depth of the GraphQL document (fields nested), for the queries-per-request target. */
  depth: number;
  /** The n-th request's body; level 1 receives the same body and answers it with hand-written SQL. */
  body: (n: number) => GraphQLBody;
}

/** What the scenarios vary over, read from the loaded database once. */
export interface Fixtures {
  /** Leeds children in custody: the Leeds case manager's own. */
  leedsInCustody: string[];
  /** Children of other authorities: `child(id)` answers NOT_FOUND to the Leeds case manager. */
  notLeeds: string[];
  /** Change-feed cursors starting each of the first five pages of 200 of the Leeds case system's feed. */
  feedCursors: (string | null)[];
}

export const FEED_PAGE = 200;
const FEED_PAGES = 5;
export const CASELOAD_PAGE = 25;
export const RELEASE_WITHIN_DAYS = 28;
export const INBOX_PAGE = 20;
/** Q4: one request in four asks for a child outside the caller's relationships. */
const DENIED_EVERY = 4;

export const QUERIES = {
  Q1: `query Q1($within: Int!) { caseload(first: ${CASELOAD_PAGE}, filter: { releaseWithinDays: $within }) {
    totalCount edges { node { child { id identity { familyName } } custody { releaseDate daysToRelease } deadlines { overdueCount } } } } }`,
  Q2: `query Q2 { accommodationRequests(first: ${INBOX_PAGE}, status: OPEN) {
    totalCount edges { node { id status createdAt referral { releaseDate releaseArea supportLevel ageAtRelease } } } } }`,
  Q3: `query Q3($since: String) { changes(first: ${FEED_PAGE}, since: $since) {
    endCursor hasMore changes { cursor entityType entityId childId operation } } }`,
  Q4: `query Q4($id: ID!) { child(id: $id) { id identity { familyName age } caseManagement { custody { releaseDate } } accommodation { status } } }`,
  Q5: `mutation Q5($input: RecordPathwayUpdateInput!) { recordPathwayUpdate(input: $input) { id status recordedAt } }`,
} as const;

export function scenarios(fixtures: Fixtures): Scenario[] {
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  return [
    {
      id: 'Q1', title: `link worker's caseload, release within ${RELEASE_WITHIN_DAYS} days`, service: 'cases', principal: 'swyrc.lw', depth: 6,
      body: () => ({ query: QUERIES.Q1, variables: { within: RELEASE_WITHIN_DAYS } }),
    },
    {
      id: 'Q2', title: 'housing provider inbox (open referrals)', service: 'accommodation', principal: 'housing.leeds', depth: 5,
      body: () => ({ query: QUERIES.Q2 }),
    },
    {
      id: 'Q3', title: `partner change feed, ${FEED_PAGES * FEED_PAGE} rows in pages of ${FEED_PAGE}`, service: 'sharing',
      principal: DEMO_CLIENTS[0].client_id, depth: 3,
      body: (n) => ({ query: QUERIES.Q3, variables: { since: pick(fixtures.feedCursors, n) } }),
    },
    {
      id: 'Q4', title: `child(id) point read, 1 in ${DENIED_EVERY} denied`, service: 'cases', principal: 'leeds.cm', depth: 4,
      body: (n) => ({
        query: QUERIES.Q4,
        variables: { id: n % DENIED_EVERY === DENIED_EVERY - 1 ? pick(fixtures.notLeeds, n) : pick(fixtures.leedsInCustody, n) },
      }),
    },
    {
      id: 'Q5', title: 'pathway update (mutation, audited)', service: 'cases', principal: 'leeds.cm', depth: 2,
      body: (n) => ({
        query: QUERIES.Q5,
        variables: {
          input: { childId: pick(fixtures.leedsInCustody, n), pathway: 'ACCOMMODATION', status: 'IN_PROGRESS', summary: `Benchmark update ${n}` },
        },
      }),
    },
  ];
}

export async function loadFixtures(db: DataSource): Promise<Fixtures> {
  const leeds = yjsIdFor('LEEDS');
  const ids = async (sql: string) => ((await db.query(sql, [leeds])) as { id: string }[]).map((r) => r.id);
  const leedsInCustody = await ids(
    `SELECT c.id FROM child c JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY' WHERE c.home_yjs_agency_id = $1 ORDER BY c.id`,
  );
  const notLeeds = await ids(`SELECT c.id FROM child c WHERE c.home_yjs_agency_id <> $1 ORDER BY c.id LIMIT 500`);
  // The same rows and order the feed serves the Leeds system: changes about children of its own service.
  const boundaries: { txid: string; seq: string }[] = await db.query(
    `SELECT txid::text, seq::text FROM (
       SELECT ch.txid, ch.seq, row_number() OVER (ORDER BY ch.txid, ch.seq) AS n
         FROM entity_change ch JOIN child c ON c.id = ch.child_id WHERE c.home_yjs_agency_id = $1) x
      WHERE n % ${FEED_PAGE} = 0 AND n < ${FEED_PAGES * FEED_PAGE} ORDER BY n`,
    [leeds],
  );
  const feedCursors = [null, ...boundaries.map((b) => encodeCursor([Number(b.txid), Number(b.seq)]))];
  if (leedsInCustody.length === 0 || notLeeds.length === 0) throw new Error('the benchmark database has no children to read');
  return { leedsInCustody, notLeeds, feedCursors };
}
