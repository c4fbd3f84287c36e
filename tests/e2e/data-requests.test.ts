import { AGENCY, yjsIdFor } from '../../seeds/demo-consortium';
import { addWorkingDays } from '../../src/shared/calendar/working-days';
import { englandDateOf } from '../../src/shared/calendar/london-date';
import { demoChild, rowCounts } from '../helpers/demo-lookup';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let leedsAtWetherby: string;

const FIELDS = `id status outcome declineReason dueOn answeredOnTime overdue version scopes purpose child { id }
  requestingAgency { code } addressedAgency { code }`;
const REQUEST = `mutation($input: RequestDataInput!) { requestData(input: $input) { ${FIELDS} } }`;
const ANSWER = `mutation($input: AnswerDataRequestInput!) { answerDataRequest(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($input: WithdrawDataRequestInput!) { withdrawDataRequest(input: $input) { ${FIELDS} } }`;
const LIST = `query($direction: DataRequestDirection!, $status: DataRequestStatus) {
  dataRequests(direction: $direction, status: $status) { totalCount edges { node { id status child { id } } } } }`;

type Body = GraphQLResponse<Record<string, any>>['body'];
const send = async (as: string, query: string, variables: Record<string, unknown>): Promise<Body> => (await hub.query(query, { as, variables })).body;
const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;
const fieldOf = (body: Body) => {
  const ext = body.errors?.[0]?.extensions ?? {};
  return (ext.field as string | undefined) ?? (ext.fields as string[] | undefined)?.[0];
};
const askWetherby = (extra: Record<string, unknown> = {}) =>
  send('leeds.cm', REQUEST, { input: { childId: leedsAtWetherby, addressedAgencyId: AGENCY.wetherby, scopes: ['ETE', 'HEALTH'], ...extra } });

beforeAll(async () => {
  hub = await startTestHub();
  leedsAtWetherby = await demoChild(hub.db, { authority: 'LEEDS', establishment: AGENCY.wetherby, status: 'IN_CUSTODY' });
});
afterAll(() => hub?.stop());

describe('requests for data between the agencies of a case', () => {
  it('is due in the consortium’s working days and reaches the addressed agency’s inbox only', async () => {
    const body = await askWetherby();
    expect(body.errors).toBeUndefined();
    const request = body.data!.requestData;
    expect(request).toMatchObject({
      status: 'OPEN', outcome: null, answeredOnTime: null, overdue: false, version: 1, scopes: ['ETE', 'HEALTH'],
      purpose: 'RESETTLEMENT_PLANNING', child: { id: leedsAtWetherby },
      requestingAgency: { code: 'LEEDS_YJS' }, addressedAgency: { code: 'WETHERBY_YOI' },
    });
    expect(request.dueOn).toBe(addWorkingDays(englandDateOf(new Date()), 5));

    const inbox = await send('wetherby.cw', LIST, { direction: 'INCOMING', status: 'OPEN' });
    expect(inbox.data!.dataRequests.edges.map((e: any) => e.node.id)).toContain(request.id);
    const sent = await send('leeds.cm', LIST, { direction: 'OUTGOING' });
    expect(sent.data!.dataRequests.edges.map((e: any) => e.node.id)).toContain(request.id);
    for (const [as, direction] of [['leeds.cm', 'INCOMING'], ['sheffield.cm', 'INCOMING'], ['sheffield.cm', 'OUTGOING'], ['adelbeck.cw', 'INCOMING']]) {
      const other = await send(as, LIST, { direction });
      expect(other.data!.dataRequests.edges.map((e: any) => e.node.id)).not.toContain(request.id);
    }
    expect(codeOf(await send('housing.leeds', LIST, { direction: 'INCOMING' }))).toBe('FORBIDDEN');
  });

  it('pages the inbox soonest due first, resuming after a cursor without repeats', async () => {
    const PAGE = `query($after: String) { dataRequests(direction: INCOMING, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id dueOn } } } }`;
    const seen: { id: string; dueOn: string }[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 50; page++) {
      const { data } = await send('wetherby.cw', PAGE, { after });
      const list = data!.dataRequests;
      total = list.totalCount;
      seen.push(...list.edges.map((e: any) => e.node));
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
    }
    const [{ n }] = await hub.db.query(`SELECT count(*)::int AS n FROM data_request WHERE addressed_agency_id = $1`, [AGENCY.wetherby]);
    expect([seen.length, total]).toEqual([n, n]);
    expect(new Set(seen.map((r) => r.id)).size).toBe(n);
    expect(seen.map((r) => r.dueOn)).toEqual([...seen.map((r) => r.dueOn)].sort());
  });

  it('is answered once, by the agency asked, on time, with the answer audited', async () => {
    const { id } = (await askWetherby({ scopes: ['ETE'] })).data!.requestData;
    expect(codeOf(await send('leeds.cm', ANSWER, { input: { id, expectedVersion: 1, outcome: 'PROVIDED' } }))).toBe('FORBIDDEN');
    expect(codeOf(await send('sheffield.cm', ANSWER, { input: { id, expectedVersion: 1, outcome: 'PROVIDED' } }))).toBe('NOT_FOUND');

    const answered = await send('wetherby.cw', ANSWER, { input: { id, expectedVersion: 1, outcome: 'PROVIDED' } });
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerDataRequest).toMatchObject({ status: 'ANSWERED', outcome: 'PROVIDED', answeredOnTime: true, version: 2 });

    const stale = await send('wetherby.cw', ANSWER, { input: { id, expectedVersion: 1, outcome: 'NOT_HELD' } });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions!.currentVersion).toBe(2);
    expect(codeOf(await send('wetherby.cw', ANSWER, { input: { id, expectedVersion: 2, outcome: 'NOT_HELD' } }))).toBe('INVALID_TRANSITION');

    const audit = await hub.db.query(
      `SELECT resource, operation, outcome, actor_agency_id, justification->'recipientAgencyIds' AS recipients
         FROM audit_event WHERE $1::uuid = ANY(child_ids) AND resource IN ('mutation:requestData', 'mutation:answerDataRequest')
          AND outcome = 'ALLOWED' ORDER BY seq DESC LIMIT 2`,
      [leedsAtWetherby],
    );
    expect(audit).toEqual([
      { resource: 'mutation:answerDataRequest', operation: 'ALTER', outcome: 'ALLOWED', actor_agency_id: AGENCY.wetherby, recipients: [yjsIdFor('LEEDS')] },
      { resource: 'mutation:requestData', operation: 'ALTER', outcome: 'ALLOWED', actor_agency_id: yjsIdFor('LEEDS'), recipients: [AGENCY.wetherby] },
    ]);
  });

  it('is declined only with a reason, and withdrawn only by the agency that asked', async () => {
    const { id } = (await askWetherby()).data!.requestData;
    const noReason = await send('wetherby.cw', ANSWER, { input: { id, expectedVersion: 1, outcome: 'DECLINED' } });
    expect([codeOf(noReason), fieldOf(noReason)]).toEqual(['VALIDATION_FAILED', 'declineReason']);
    const reasonWithoutDecline = await send('wetherby.cw', ANSWER, { input: { id, expectedVersion: 1, outcome: 'PROVIDED', declineReason: 'NOT_OUR_CASE' } });
    expect([codeOf(reasonWithoutDecline), fieldOf(reasonWithoutDecline)]).toEqual(['VALIDATION_FAILED', 'declineReason']);

    expect(codeOf(await send('wetherby.cw', WITHDRAW, { input: { id, expectedVersion: 1 } }))).toBe('FORBIDDEN');
    const withdrawn = await send('leeds.cm', WITHDRAW, { input: { id, expectedVersion: 1 } });
    expect(withdrawn.data!.withdrawDataRequest).toMatchObject({ status: 'WITHDRAWN', answeredOnTime: null, version: 2 });
    const declineAfter = await send('wetherby.cw', ANSWER, { input: { id, expectedVersion: 2, outcome: 'DECLINED', declineReason: 'NOT_PROPORTIONATE' } });
    expect(codeOf(declineAfter)).toBe('INVALID_TRANSITION');
  });

  it('refuses an agency outside the child’s case, the caller’s own agency and a child the caller cannot see, changing nothing', async () => {
    const before = await rowCounts(hub.db, ['data_request']);
    const outside = await askWetherby({ addressedAgencyId: yjsIdFor('SHEFFIELD') });
    expect([codeOf(outside), fieldOf(outside)]).toEqual(['VALIDATION_FAILED', 'addressedAgencyId']);
    const own = await askWetherby({ addressedAgencyId: yjsIdFor('LEEDS') });
    expect([codeOf(own), fieldOf(own)]).toEqual(['VALIDATION_FAILED', 'addressedAgencyId']);
    const noScopes = await askWetherby({ scopes: [] });
    expect(codeOf(noScopes)).toBe('VALIDATION_FAILED');
    const unseen = await send('sheffield.cm', REQUEST, { input: { childId: leedsAtWetherby, addressedAgencyId: AGENCY.wetherby, scopes: ['ETE'] } });
    expect(codeOf(unseen)).toBe('NOT_FOUND');
    expect(await rowCounts(hub.db, ['data_request'])).toEqual(before);
  });
});

describe('release arrangements on pathway updates', () => {
  const RECORD = `mutation($input: RecordPathwayUpdateInput!) { recordPathwayUpdate(input: $input) { id dayOneArranged gpRegistered } }`;
  const record = (input: Record<string, unknown>) =>
    send('leeds.cm', RECORD, { input: { childId: leedsAtWetherby, status: 'READY', summary: 'Arranged with the college', ...input } });

  it('records ETE from day one and GP registration on their own pathways, and shows them in the history', async () => {
    const ete = await record({ pathway: 'ETE', dayOneArranged: true });
    expect(ete.errors).toBeUndefined();
    expect(ete.data!.recordPathwayUpdate).toMatchObject({ dayOneArranged: true, gpRegistered: null });
    const gp = await record({ pathway: 'HEALTH', gpRegistered: false });
    expect(gp.data!.recordPathwayUpdate).toMatchObject({ dayOneArranged: null, gpRegistered: false });
    const page = await send('leeds.cm', `query($id: ID!) { child(id: $id) { ete { history { id dayOneArranged } } } }`, { id: leedsAtWetherby });
    expect(page.data!.child.ete.history[0]).toEqual({ id: ete.data!.recordPathwayUpdate.id, dayOneArranged: true });
  });

  it('refuses an arrangement on another pathway, writing nothing', async () => {
    const before = await rowCounts(hub.db, ['pathway_update']);
    const wrong = await record({ pathway: 'HEALTH', dayOneArranged: true });
    expect([codeOf(wrong), fieldOf(wrong)]).toEqual(['VALIDATION_FAILED', 'dayOneArranged']);
    const wrongGp = await record({ pathway: 'ETE', gpRegistered: true });
    expect([codeOf(wrongGp), fieldOf(wrongGp)]).toEqual(['VALIDATION_FAILED', 'gpRegistered']);
    expect(await rowCounts(hub.db, ['pathway_update'])).toEqual(before);
  });
});
