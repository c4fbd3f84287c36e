import { AGENCY } from '../../seeds/demo-consortium';
import { demoChild } from '../helpers/demo-lookup';
import { englandDateOf } from '../../src/shared/calendar/london-date';
import { parseConsortiumSettings } from '../../src/shared/policy/consortium-settings';
import { recomputeDeadlines } from '../../src/subgraphs/cases/deadlines/deadline-recompute';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const CASELOAD = `query($filter: CaseloadFilter, $first: Int, $after: String) {
  caseload(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node {
      child { id identity { familyName } }
      custody { releaseDate daysToRelease establishment { code } }
      readiness { caseManagement accommodation ete health substanceMisuse families finance }
      accommodationStatus
    } }
  }
}`;

interface Entry {
  child: { id: string };
  custody: { releaseDate: string; daysToRelease: number; establishment: { code: string } } | null;
  readiness: Record<string, string | null>;
  accommodationStatus: string | null;
}
type CaseloadAnswer = { caseload: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Entry }[] } };

it('gives the link worker the consortium’s children releasing in the next 28 days, soonest first', async () => {
  const expected: { id: string }[] = await hub.db.query(
    `SELECT c.id FROM child c JOIN custody_episode e ON e.child_id = c.id AND e.status = 'IN_CUSTODY'
      WHERE e.release_date BETWEEN current_date AND current_date + 28 ORDER BY e.release_date, c.id`,
  );
  expect(expected.length).toBeGreaterThan(2);
  const { body } = await hub.query<CaseloadAnswer>(CASELOAD, { as: 'swyrc.lw', variables: { filter: { releaseWithinDays: 28 } } });
  expect(body.data?.caseload.edges.map((e) => e.node.child.id)).toEqual(expected.map((r) => r.id));
  expect(body.data?.caseload.totalCount).toBe(expected.length);
  const days = body.data!.caseload.edges.map((e) => e.node.custody!.daysToRelease);
  expect(days).toEqual([...days].sort((a, b) => a - b));
  expect(Math.max(...days)).toBeLessThanOrEqual(28);
});

it('pages with cursors without losing or repeating anyone', async () => {
  const all = await hub.query<CaseloadAnswer>(CASELOAD, { as: 'swyrc.lw', variables: { first: 100 } });
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page: { body: { data?: CaseloadAnswer | null } } = await hub.query<CaseloadAnswer>(CASELOAD, { as: 'swyrc.lw', variables: { first: 7, after } });
    ids.push(...page.body.data!.caseload.edges.map((e) => e.node.child.id));
    after = page.body.data!.caseload.pageInfo.hasNextPage ? page.body.data!.caseload.pageInfo.endCursor : null;
  } while (after);
  expect(ids).toEqual(all.body.data!.caseload.edges.map((e) => e.node.child.id));
  expect(new Set(ids).size).toBe(all.body.data!.caseload.totalCount);
});

it('shows each pathway’s readiness only where its scope is shared, with the reason otherwise', async () => {
  const { body } = await hub.query<CaseloadAnswer>(CASELOAD, { as: 'wetherby.cw', variables: { first: 5 } });
  const first = body.data!.caseload.edges[0].node;
  expect(first.readiness.finance).toBeNull();
  expect(first.readiness.ete).toEqual(expect.stringMatching(/NOT_STARTED|IN_PROGRESS|READY|AT_RISK/));
  const financeError = body.errors?.find((e) => e.path?.join('.') === 'caseload.edges.0.node.readiness.finance');
  expect(financeError?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_AGREEMENT' });
});

it('filters by pathway status in SQL', async () => {
  const expected: { id: string }[] = await hub.db.query(
    `SELECT c.id FROM child c WHERE c.home_local_authority_code = 'LEEDS' AND
       (SELECT status FROM pathway_update p WHERE p.child_id = c.id AND p.pathway = 'ETE' ORDER BY recorded_at DESC LIMIT 1) = 'AT_RISK'`,
  );
  const { body } = await hub.query<CaseloadAnswer>(CASELOAD, {
    as: 'leeds.cm',
    variables: { filter: { pathwayStatus: { pathway: 'ETE', status: 'AT_RISK' } }, first: 100 },
  });
  expect(body.data?.caseload.edges.map((e) => e.node.child.id).sort()).toEqual(expected.map((r) => r.id).sort());
  expect(body.data?.caseload.edges.every((e) => e.node.readiness.ete === 'AT_RISK')).toBe(true);
});

it('refuses a release-window filter to a housing provider, which does not hold the custody scope', async () => {
  const { body } = await hub.query(CASELOAD, { as: 'housing.leeds', variables: { filter: { releaseWithinDays: 28 } } });
  expect(body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
});

it('audits every child on the page once', async () => {
  const { body } = await hub.query<CaseloadAnswer>(CASELOAD, { as: 'leeds.cm', variables: { first: 3 }, headers: { 'x-correlation-id': 'caseload-audit-1' } });
  const shown = body.data!.caseload.edges.map((e) => e.node.child.id).sort();
  const rows: { child_ids: string[]; resource: string }[] = await hub.db.query(
    `SELECT child_ids, resource FROM audit_event WHERE correlation_id = 'caseload-audit-1' AND operation = 'CONSULT'`,
  );
  // Children read alike share an entry: each shown child is named exactly once, and no other.
  expect(rows.flatMap((r) => r.child_ids).sort()).toEqual(shown);
  expect(new Set(rows.map((r) => r.resource))).toEqual(new Set(['query:caseload']));
});

describe('timeline', () => {
  const TIMELINE = `query($id: ID!, $after: String) { child(id: $id) { timeline(first: 3, after: $after) { withheldCount pageInfo { hasNextPage endCursor } edges { node { kind label scope agency { code } } } } } }`;
  type TimelineAnswer = { child: { timeline: { withheldCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { kind: string; scope: string } }[] } } };

  async function wholeTimeline(as: string, id: string) {
    const events: { kind: string; scope: string }[] = [];
    let after: string | null = null;
    let withheld = 0;
    do {
      const page: { body: { data?: TimelineAnswer | null } } = await hub.query<TimelineAnswer>(TIMELINE, { as, variables: { id, after } });
      const timeline = page.body.data!.child.timeline;
      events.push(...timeline.edges.map((e) => e.node));
      withheld = timeline.withheldCount;
      after = timeline.pageInfo.hasNextPage ? timeline.pageInfo.endCursor : null;
    } while (after);
    return { events, withheld };
  }

  it('merges every agency’s events for the home YJS, and hides from an establishment the scopes it does not hold', async () => {
    const child = await demoChild(hub.db, { establishment: AGENCY.wetherby, status: 'IN_CUSTODY', sql: `EXISTS (SELECT 1 FROM timeline_event t WHERE t.child_id = c.id AND t.scope = 'finance')` });
    const [{ total }] = await hub.db.query(`SELECT count(*)::int AS total FROM timeline_event WHERE child_id = $1`, [child]);
    const home = await wholeTimeline((await hub.db.query(`SELECT lower(home_local_authority_code) || '.cm' AS u FROM child WHERE id = $1`, [child]))[0].u, child);
    expect(home.events).toHaveLength(total);
    expect(home.withheld).toBe(0);
    const establishment = await wholeTimeline('wetherby.cw', child);
    expect(establishment.events.some((e) => e.scope === 'FINANCE')).toBe(false);
    expect(establishment.withheld).toBeGreaterThan(0);
    expect(establishment.events.length + establishment.withheld).toBe(total);
  });
});

describe('deadlines on the caseload', () => {
  const DEADLINES = `query($filter: CaseloadFilter) { caseload(filter: $filter, first: 100) { edges { node {
    child { id } deadlines { overdueCount next { ruleCode dueOn workingDaysRemaining } } } } } }`;
  type Answer = { caseload: { edges: { node: { child: { id: string }; deadlines: { overdueCount: number; next: { ruleCode: string; dueOn: string } | null } } }[] } };

  it('counts 10 working days from sentence across Easter: sentenced Thu 11 Apr 2030, due Mon 29 Apr 2030', async () => {
    // By hand: Fri 12 (1), Mon 15 (2), Tue 16 (3), Wed 17 (4), Thu 18 (5); Good Friday 19 and Easter Monday 22 April
    // are bank holidays; Tue 23 (6), Wed 24 (7), Thu 25 (8), Fri 26 (9), Mon 29 (10).
    const child = await demoChild(hub.db, { authority: 'LEEDS', status: 'IN_CUSTODY', sentenced: true });
    await hub.db.query(
      `UPDATE custody_episode SET entry_date = '2030-04-11', sentence_date = '2030-04-11', release_date = '2030-10-01'
        WHERE child_id = $1 AND status = 'IN_CUSTODY'`,
      [child],
    );
    await hub.db.query(`DELETE FROM meeting WHERE child_id = $1`, [child]);
    await hub.db.transaction((db) => recomputeDeadlines(db, child, englandDateOf(new Date()), parseConsortiumSettings({})));
    const { body } = await hub.query<Answer>(DEADLINES, { as: 'swyrc.lw', variables: { filter: { homeLocalAuthority: 'LEEDS' } } });
    const entry = body.data!.caseload.edges.find((e) => e.node.child.id === child)!;
    expect(entry.node.deadlines.next).toMatchObject({ ruleCode: expect.stringMatching(/^(ASSESSMENT_REVIEW|INITIAL_PLANNING_MEETING)$/), dueOn: '2030-04-29' });
  });

  it('lists only children with an overdue deadline when asked, each with a positive overdue count', async () => {
    const all = await hub.query<Answer>(DEADLINES, { as: 'leeds.cm' });
    const overdue = await hub.query<Answer>(DEADLINES, { as: 'leeds.cm', variables: { filter: { overdueOnly: true } } });
    const expected = all.body.data!.caseload.edges.filter((e) => e.node.deadlines.overdueCount > 0).map((e) => e.node.child.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(overdue.body.data!.caseload.edges.map((e) => e.node.child.id)).toEqual(expected);
  });
});
