import { AGENCY } from '../../seeds/demo-consortium';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

/**
 * Concurrent writers through the whole stack (gateway, subgraph, one transaction per request):
 * whatever the interleaving, exactly one of two writers of the same version wins, the other is
 * told CONFLICT with the version that won, and every accepted change is in the history.
 */
let hub: TestHub;
let children: string[];

beforeAll(async () => {
  hub = await startTestHub();
  const rows: { id: string }[] = await hub.db.query(
    `SELECT c.id FROM child c JOIN custody_episode e ON e.child_id = c.id
      WHERE e.establishment_agency_id = $1 AND e.status = 'IN_CUSTODY' AND e.legal_status = 'SENTENCED' ORDER BY c.id`,
    [AGENCY.wetherby],
  );
  children = rows.map((r) => r.id);
  expect(children.length).toBeGreaterThanOrEqual(2);
});
afterAll(() => hub?.stop());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
type Body = GraphQLResponse<Record<string, any>>['body'];
const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;

const CHANGE_RELEASE = `mutation($input: ChangeReleaseDateInput!) { changeReleaseDate(input: $input) { releaseDate version } }`;
const PATHWAY = `mutation($input: RecordPathwayUpdateInput!) { recordPathwayUpdate(input: $input) { id summary recordedAt } }`;

async function send(as: string, mutation: string, input: Record<string, unknown>): Promise<Body> {
  return (await hub.query(mutation, { as, variables: { input } })).body;
}

async function episodeOf(childId: string): Promise<{ id: string; version: number; release_date: string }> {
  const [row] = await hub.db.query(
    `SELECT id, version, to_char(release_date, 'YYYY-MM-DD') AS release_date FROM custody_episode WHERE child_id = $1 AND status = 'IN_CUSTODY'`,
    [childId],
  );
  return row;
}

async function homeCaseManager(childId: string): Promise<string> {
  const [{ code }] = await hub.db.query(`SELECT lower(home_local_authority_code) AS code FROM child WHERE id = $1`, [childId]);
  return `${code}.cm`;
}

describe('two writers change the same release date at once', () => {
  it('lets exactly one win each round, tells the other CONFLICT with the winning version, and loses no accepted change', async () => {
    const child = children[0];
    const caseManager = await homeCaseManager(child);
    const start = await episodeOf(child);
    const [{ n: historyBefore }] = await hub.db.query(
      `SELECT count(*)::int AS n FROM release_date_change WHERE custody_episode_id = $1`, [start.id],
    );
    const accepted: string[] = [];
    for (let round = 0; round < 4; round++) {
      const { version } = await episodeOf(child);
      const change = (as: string, releaseDate: string) => send(as, CHANGE_RELEASE, {
        custodyEpisodeId: start.id, releaseDate, releaseType: 'STANDARD', reasonCode: 'RECALCULATION', reason: `Round ${round} by ${as}`,
        expectedVersion: version,
      });
      const dates = [day(60 + round * 2), day(61 + round * 2)];
      const answers = await Promise.all([change('wetherby.cw', dates[0]), change(caseManager, dates[1])]);

      const winners = answers.filter((a) => !a.errors);
      const losers = answers.filter((a) => a.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map(codeOf)).toEqual(['CONFLICT']);
      expect(losers[0].errors?.[0].extensions?.currentVersion).toBe(version + 1);
      const won = winners[0].data!.changeReleaseDate as { releaseDate: string; version: number };
      expect(won.version).toBe(version + 1);
      accepted.push(won.releaseDate);

      // The loser reloads and tries again: now it is accepted on top of the winner's change.
      const loserDate = dates.find((d) => d !== won.releaseDate)!;
      const retried = await send('wetherby.cw', CHANGE_RELEASE, {
        custodyEpisodeId: start.id, releaseDate: loserDate, releaseType: 'STANDARD', reasonCode: 'RECALCULATION', reason: `Round ${round} retry`,
        expectedVersion: version + 1,
      });
      expect(retried.errors).toBeUndefined();
      accepted.push(loserDate);
    }

    const end = await episodeOf(child);
    expect(end.version).toBe(start.version + accepted.length);
    expect(end.release_date).toBe(accepted.at(-1));
    const history: { previous: string | null; next: string }[] = await hub.db.query(
      `SELECT to_char(previous_release_date, 'YYYY-MM-DD') AS previous, to_char(new_release_date, 'YYYY-MM-DD') AS next
         FROM release_date_change WHERE custody_episode_id = $1 ORDER BY changed_at, next`,
      [start.id],
    );
    expect(history).toHaveLength(historyBefore + accepted.length);
    const added = history.slice(historyBefore);
    expect(added.map((h) => h.next)).toEqual(accepted);
    // Each change starts from the one before it: a chain with no gap means nothing was overwritten.
    expect(added.map((h) => h.previous)).toEqual([start.release_date, ...accepted.slice(0, -1)]);
  });

  it('lets exactly one of many simultaneous writers of the same version win', async () => {
    const child = children[1];
    const start = await episodeOf(child);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => send('wetherby.cw', CHANGE_RELEASE, {
        custodyEpisodeId: start.id, releaseDate: day(90 + n), releaseType: 'STANDARD', reasonCode: 'RECALCULATION', reason: `Writer ${n}`,
        expectedVersion: start.version,
      })),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.filter((a) => a.errors).map(codeOf)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    const end = await episodeOf(child);
    expect(end.version).toBe(start.version + 1);
    const [{ n }] = await hub.db.query(
      `SELECT count(*)::int AS n FROM release_date_change WHERE custody_episode_id = $1 AND reason LIKE 'Writer %'`, [start.id],
    );
    expect(n).toBe(1);
  });
});

describe('concurrent appends to one pathway', () => {
  it('keeps every append made without an expected latest update, in one clear order', async () => {
    const child = children[0];
    const summaries = [1, 2, 3, 4, 5, 6].map((n) => `Concurrent ETE note ${n}`);
    const answers = await Promise.all(
      summaries.map((summary) => send('wetherby.cw', PATHWAY, { childId: child, pathway: 'ETE', status: 'IN_PROGRESS', summary })),
    );
    expect(answers.map((a) => a.errors)).toEqual(summaries.map(() => undefined));
    const rows: { summary: string; recorded_at: Date }[] = await hub.db.query(
      `SELECT summary, recorded_at FROM pathway_update WHERE child_id = $1 AND pathway = 'ETE' AND summary LIKE 'Concurrent ETE note %'
        ORDER BY recorded_at`,
      [child],
    );
    expect(rows.map((r) => r.summary).sort()).toEqual(summaries);
    const times = rows.map((r) => r.recorded_at.getTime());
    expect(new Set(times).size).toBe(times.length);
  });

  it('lets exactly one of several appends based on the same latest update win; the others get CONFLICT with the new latest id', async () => {
    const child = children[1];
    const base = await send('wetherby.cw', PATHWAY, { childId: child, pathway: 'HEALTH', status: 'IN_PROGRESS', summary: 'Base note' });
    const expectedLatestId = base.data!.recordPathwayUpdate.id as string;
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => send('wetherby.cw', PATHWAY, {
        childId: child, pathway: 'HEALTH', status: 'READY', summary: `Racing note ${n}`, expectedLatestId,
      })),
    );
    const winners = answers.filter((a) => !a.errors);
    expect(winners).toHaveLength(1);
    const winnerId = winners[0].data!.recordPathwayUpdate.id;
    const losers = answers.filter((a) => a.errors);
    expect(losers.map(codeOf)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    for (const loser of losers) expect(loser.errors?.[0].extensions?.currentVersion).toBe(winnerId);
    const [{ n }] = await hub.db.query(
      `SELECT count(*)::int AS n FROM pathway_update WHERE child_id = $1 AND summary LIKE 'Racing note %'`, [child],
    );
    expect(n).toBe(1);
  });
});
