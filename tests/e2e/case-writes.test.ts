import { randomUUID } from 'node:crypto';
import { AGENCY, yjsIdFor } from '../../seeds/demo-consortium';
import { demoUserId } from '../../seeds/demo-users';
import { fixedId, IdKind } from '../../seeds/fixed-ids';
import { demoChild, rowCounts } from '../helpers/demo-lookup';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
const WRITE_TABLES = [
  'release_date_change', 'pathway_update', 'timeline_event', 'meeting', 'meeting_action', 'rotl_request', 'probation_transfer',
  'establishment_transfer',
];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const today = day(0);

/** Children at Wetherby, sentenced and in custody, from outside Leeds (Leeds children are for leeds.cm's tests). */
let atWetherby: string[];
let neverAtWetherby: string;
let leedsAtWetherby: string[];
let leedsOnRemand: string;
let leedsAtAdelBeck: string;

beforeAll(async () => {
  hub = await startTestHub();
  const ids = async (sql: string, params: unknown[]) =>
    ((await hub.db.query(`SELECT c.id FROM child c JOIN custody_episode e ON e.child_id = c.id WHERE ${sql} ORDER BY c.id`, params)) as {
      id: string;
    }[]).map((r) => r.id);
  const held = `e.establishment_agency_id = $1 AND e.status = 'IN_CUSTODY'`;
  atWetherby = await ids(`${held} AND e.legal_status = 'SENTENCED' AND c.home_local_authority_code <> 'LEEDS'
    AND e.sentence_date > e.entry_date`, [AGENCY.wetherby]);
  leedsAtWetherby = await ids(`${held} AND e.legal_status = 'SENTENCED' AND c.home_local_authority_code = 'LEEDS'`, [AGENCY.wetherby]);
  neverAtWetherby = await demoChild(hub.db, {
    establishment: AGENCY.adelBeck, status: 'IN_CUSTODY', sql: 'NOT EXISTS (SELECT 1 FROM establishment_transfer t WHERE t.custody_episode_id = e.id)',
  });
  leedsOnRemand = await demoChild(hub.db, { authority: 'LEEDS', status: 'IN_CUSTODY', sentenced: false });
  leedsAtAdelBeck = await demoChild(hub.db, { authority: 'LEEDS', establishment: AGENCY.adelBeck, status: 'IN_CUSTODY', sentenced: true });
  expect(atWetherby.length).toBeGreaterThanOrEqual(4);
  expect(leedsAtWetherby.length).toBeGreaterThanOrEqual(2);
});
afterAll(() => hub?.stop());

type Body<T = Record<string, any>> = GraphQLResponse<T>['body'];
async function mutate<T = Record<string, any>>(as: string, mutation: string, input: Record<string, unknown>): Promise<Body<T>> {
  return (await hub.query<T>(mutation, { as, variables: { input } })).body;
}
const errorOf = (body: Body) => body.errors?.[0]?.extensions ?? {};
/** class-validator names fields in `fields`, the services in `field`. */
const fieldOf = (body: Body) => (errorOf(body).field as string | undefined) ?? (errorOf(body).fields as string[] | undefined)?.[0];

async function episode(childId: string): Promise<{ id: string; version: number; release_date: string; entry_date: string; sentence_date: string }> {
  const [row] = await hub.db.query(
    `SELECT id, version, to_char(release_date, 'YYYY-MM-DD') AS release_date, to_char(entry_date, 'YYYY-MM-DD') AS entry_date,
            to_char(sentence_date, 'YYYY-MM-DD') AS sentence_date
       FROM custody_episode WHERE child_id = $1 ORDER BY status = 'IN_CUSTODY' DESC LIMIT 1`,
    [childId],
  );
  return row;
}

async function auditSeq(): Promise<string> {
  return (await hub.db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM audit_event`))[0].seq;
}
async function auditSince(seq: string, childId: string) {
  return hub.db.query(
    `SELECT operation, outcome, reason, scopes, resource FROM audit_event WHERE seq > $1 AND $2::uuid = ANY(child_ids) ORDER BY seq`,
    [seq, childId],
  );
}

/** Refused with `code` naming `field`, and nothing written anywhere. */
async function expectRefused(as: string, mutation: string, input: Record<string, unknown>, code: string, field?: string): Promise<Body> {
  const before = await rowCounts(hub.db, WRITE_TABLES);
  const body = await mutate(as, mutation, input);
  expect(body.errors).toHaveLength(1);
  expect(errorOf(body).code).toBe(code);
  if (field) expect(fieldOf(body)).toBe(field);
  expect(await rowCounts(hub.db, WRITE_TABLES)).toEqual(before);
  return body;
}

const PATHWAY = `mutation($input: RecordPathwayUpdateInput!) {
  recordPathwayUpdate(input: $input) { id status summary responsibleAgency { id } recordedAt } }`;
const CHANGE_RELEASE = `mutation($input: ChangeReleaseDateInput!) { changeReleaseDate(input: $input) { id releaseDate releaseType version } }`;
const TRANSFER = `mutation($input: TransferEstablishmentInput!) { transferEstablishment(input: $input) { id establishment { id } version } }`;
const RELEASE = `mutation($input: RecordReleaseInput!) {
  recordRelease(input: $input) { status actualReleaseDate version release { metAtGateBy metAtGateByAgency { id } } } }`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id kind status version organisedBy { id } } }`;
const OUTCOME = `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) {
  id status version attendees { role agency { id } } actions { id status dueOn ownerRole ownerAgency { id } version } } }`;
const ACTION = `mutation($input: UpdateMeetingActionInput!) { updateMeetingAction(input: $input) { id status completedOn version } }`;
const ROTL_REQUEST = `mutation($input: RequestRotlInput!) { requestRotl(input: $input) { id status version requestedBy { id } } }`;
const ROTL_DECISION = `mutation($input: RecordRotlDecisionInput!) { recordRotlDecision(input: $input) { id status decision decidedBy { id } version } }`;
const ROTL_OUTCOME = `mutation($input: RecordRotlOutcomeInput!) { recordRotlOutcome(input: $input) { id status outcome version } }`;
const REFER = `mutation($input: ReferToProbationInput!) { referToProbation(input: $input) { id status referredOn version } }`;
const PROBATION = `mutation($input: UpdateProbationTransferInput!) {
  updateProbationTransfer(input: $input) { id status jointWorkingFrom handoverOn yjsContingencyUntil version } }`;

describe('pathway updates, by the agency that holds the child', () => {
  it('lets wetherby.cw record an ETE update for a child Wetherby holds, as the responsible agency, with a timeline event and an ALTER entry', async () => {
    const child = atWetherby[0];
    const seq = await auditSeq();
    const body = await mutate(
      'wetherby.cw', PATHWAY, { childId: child, pathway: 'ETE', status: 'IN_PROGRESS', summary: 'Level 1 maths started in custody' },
    );
    expect(body.errors).toBeUndefined();
    const update = body.data!.recordPathwayUpdate;
    expect(update).toMatchObject({ status: 'IN_PROGRESS', summary: 'Level 1 maths started in custody', responsibleAgency: { id: AGENCY.wetherby } });
    const [row] = await hub.db.query(`SELECT responsible_agency_id, recorded_by_user_id FROM pathway_update WHERE id = $1`, [update.id]);
    expect(row).toEqual({ responsible_agency_id: AGENCY.wetherby, recorded_by_user_id: demoUserId('wetherby.cw') });
    const [event] = await hub.db.query(`SELECT kind, scope, agency_id, payload FROM timeline_event WHERE subject_id = $1`, [update.id]);
    expect(event).toEqual({ kind: 'PATHWAY_UPDATED', scope: 'ete', agency_id: AGENCY.wetherby, payload: { pathway: 'ETE', status: 'IN_PROGRESS' } });
    expect(await auditSince(seq, child)).toContainEqual(
      { operation: 'ALTER', outcome: 'ALLOWED', reason: null, scopes: ['ete'], resource: `pathway_update:${update.id}` },
    );
    const read = await hub.query<{ child: { ete: { history: { id: string }[] } } }>(
      `query($id: ID!) { child(id: $id) { ete { history { id } } } }`, { as: 'leeds.om', variables: { id: child } },
    );
    // leeds.om is not in this (non-Leeds) child's case at all.
    expect(read.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const own = await hub.query<{ child: { ete: { status: string; history: { id: string }[] } } }>(
      `query($id: ID!) { child(id: $id) { ete { status history { id } } } }`, { as: 'wetherby.cw', variables: { id: child } },
    );
    expect(own.body.data?.child.ete.history[0].id).toBe(update.id);
  });

  it('shows the latest update as the pathway state whether or not the history is asked for', async () => {
    const child = atWetherby[0];
    const first = await mutate('wetherby.cw', PATHWAY, { childId: child, pathway: 'HEALTH', status: 'IN_PROGRESS', summary: 'Dentist booked' });
    const second = await mutate('wetherby.cw', PATHWAY, { childId: child, pathway: 'HEALTH', status: 'READY', summary: 'GP found near home' });
    const read = async (fields: string) =>
      (await hub.query<{ child: { health: Record<string, unknown> } }>(`query($id: ID!) { child(id: $id) { health { ${fields} } } }`, {
        as: 'wetherby.cw', variables: { id: child },
      })).body.data!.child.health;
    expect(await read('status summary')).toEqual({ status: 'READY', summary: 'GP found near home' });
    const withHistory = await read('status summary history { id }');
    expect(withHistory).toMatchObject({ status: 'READY', summary: 'GP found near home' });
    expect((withHistory.history as { id: string }[]).slice(0, 2).map((h) => h.id)).toEqual([
      second.data!.recordPathwayUpdate.id, first.data!.recordPathwayUpdate.id,
    ]);
  });

  it('is NOT_FOUND for a child Wetherby has never held, audited, and writes nothing', async () => {
    const seq = await auditSeq();
    await expectRefused('wetherby.cw', PATHWAY, { childId: neverAtWetherby, pathway: 'ETE', status: 'READY', summary: 'x' }, 'NOT_FOUND');
    expect(await auditSince(seq, neverAtWetherby)).toEqual([
      { operation: 'ALTER', outcome: 'DENIED', reason: 'NOT_FOUND', scopes: ['ete'], resource: 'mutation:recordPathwayUpdate' },
    ]);
  });

  it('is FORBIDDEN for a child Wetherby held before: a former establishment only reads', async () => {
    const child = atWetherby[1];
    const e = await episode(child);
    await expectRefused('wetherby.cw', TRANSFER,
      { custodyEpisodeId: e.id, toEstablishmentId: yjsIdFor('LEEDS'), transferredOn: today, reason: 'Move', expectedVersion: e.version },
      'VALIDATION_FAILED', 'toEstablishmentId');
    await expectRefused('wetherby.cw', TRANSFER,
      { custodyEpisodeId: e.id, toEstablishmentId: AGENCY.wetherby, transferredOn: today, reason: 'Move', expectedVersion: e.version },
      'VALIDATION_FAILED', 'toEstablishmentId');
    await expectRefused('wetherby.cw', TRANSFER,
      { custodyEpisodeId: e.id, toEstablishmentId: AGENCY.adelBeck, transferredOn: day(1), reason: 'Move', expectedVersion: e.version },
      'VALIDATION_FAILED', 'transferredOn');
    const seq = await auditSeq();
    const moved = await mutate('wetherby.cw', TRANSFER, {
      custodyEpisodeId: e.id, toEstablishmentId: AGENCY.adelBeck, transferredOn: today, reason: 'Placement nearer home', expectedVersion: e.version,
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.transferEstablishment).toEqual({ id: e.id, establishment: { id: AGENCY.adelBeck }, version: e.version + 1 });
    expect((await auditSince(seq, child)).filter((a: { operation: string }) => a.operation === 'ALTER')).toEqual([
      expect.objectContaining({ outcome: 'ALLOWED', scopes: ['custody'], resource: expect.stringMatching(/^establishment_transfer:/) }),
    ]);

    const input = { childId: child, pathway: 'ETE', status: 'READY', summary: 'Education record sent on' };
    const refused = await expectRefused('wetherby.cw', PATHWAY, input, 'FORBIDDEN');
    expect(errorOf(refused).reason).toBe('NOT_PERMITTED');
    expect((await mutate('adelbeck.cw', PATHWAY, input)).data?.recordPathwayUpdate.responsibleAgency).toEqual({ id: AGENCY.adelBeck });

    const released = await demoChild(hub.db, {
      establishment: AGENCY.wetherby, status: 'RELEASED', sql: `e.actual_release_date >= current_date - 30`,
    });
    await expectRefused('wetherby.cw', PATHWAY, { ...input, childId: released }, 'FORBIDDEN');
  });

  it('is FORBIDDEN for a pathway the establishment does not own, while the home YJS may write it', async () => {
    const child = atWetherby[0];
    const seq = await auditSeq();
    await expectRefused('wetherby.cw', PATHWAY, { childId: child, pathway: 'FINANCE', status: 'READY', summary: 'Bank account open' }, 'FORBIDDEN');
    expect(await auditSince(seq, child)).toEqual([
      { operation: 'ALTER', outcome: 'DENIED', reason: 'NOT_PERMITTED', scopes: ['finance'], resource: 'mutation:recordPathwayUpdate' },
    ]);
    const [{ code }] = await hub.db.query(`SELECT lower(home_local_authority_code) AS code FROM child WHERE id = $1`, [child]);
    const home = await mutate(`${code}.cm`, PATHWAY, { childId: child, pathway: 'FINANCE', status: 'READY', summary: 'Bank account open' });
    expect(home.errors).toBeUndefined();
  });

  it('refuses an append based on a stale latest update with CONFLICT and the current latest id', async () => {
    const child = atWetherby[0];
    const write = (expectedLatestId?: string) =>
      mutate('wetherby.cw', PATHWAY, { childId: child, pathway: 'HEALTH', status: 'IN_PROGRESS', summary: 'GP letter sent', expectedLatestId });
    const first = (await write()).data!.recordPathwayUpdate.id;
    const second = (await write(first)).data!.recordPathwayUpdate.id;
    const stale = await expectRefused('wetherby.cw', PATHWAY,
      { childId: child, pathway: 'HEALTH', status: 'READY', summary: 'Ready', expectedLatestId: first }, 'CONFLICT');
    expect(errorOf(stale).currentVersion).toBe(second);
    // A pathway with no update yet has no latest one to have seen.
    // (The home service may write every pathway: one of its children's it has not written yet.)
    const [fresh] = await hub.db.query(
      `SELECT c AS id, p AS pathway FROM unnest($1::uuid[]) AS c
         CROSS JOIN unnest(ARRAY['CASE_MANAGEMENT', 'ACCOMMODATION', 'ETE', 'HEALTH', 'SUBSTANCE_MISUSE', 'FAMILIES', 'FINANCE']) AS p
        WHERE NOT EXISTS (SELECT 1 FROM pathway_update u WHERE u.child_id = c AND u.pathway = p) LIMIT 1`,
      [leedsAtWetherby],
    );
    const refused = await expectRefused('leeds.cm', PATHWAY,
      { childId: fresh.id, pathway: fresh.pathway, status: 'IN_PROGRESS', summary: 'First', expectedLatestId: first }, 'CONFLICT');
    expect(errorOf(refused).currentVersion).toBeNull();
  });

  it('carries the dated facts the deadline rules look for, and the deadline they meet follows at once', async () => {
    const child = leedsAtWetherby[0];
    const details = [{ key: 'addressSharedWithChildOn', on: today }];
    const body = await mutate('leeds.cm', PATHWAY, { childId: child, pathway: 'ACCOMMODATION', status: 'IN_PROGRESS', summary: 'Address shared', details });
    expect(body.errors).toBeUndefined();
    const [row] = await hub.db.query(`SELECT details FROM pathway_update WHERE id = $1`, [body.data!.recordPathwayUpdate.id]);
    expect(row.details).toEqual({ addressSharedWithChildOn: today });
    const [deadline] = await hub.db.query(`SELECT status FROM deadline WHERE child_id = $1 AND rule_code = 'RELEASE_ADDRESS_KNOWN'`, [child]);
    expect(deadline).toEqual({ status: 'MET' });

    const input = (d: unknown) => ({ childId: child, pathway: 'ACCOMMODATION', status: 'IN_PROGRESS', summary: 'x', details: d });
    await expectRefused('leeds.cm', PATHWAY, input([{ key: 'favouriteColour', on: today }]), 'VALIDATION_FAILED', 'details[0].key');
    await expectRefused('leeds.cm', PATHWAY, input([{ key: 'mappaReferralMadeOn', on: today }]), 'VALIDATION_FAILED', 'details[0].key');
    await expectRefused('leeds.cm', PATHWAY, input([...details, ...details]), 'VALIDATION_FAILED', 'details[1].key');
    await expectRefused('leeds.cm', PATHWAY, input([{ key: 'addressSharedWithChildOn', on: day(2) }]), 'VALIDATION_FAILED', 'details[0].on');
  });

  it('names the field of bad input and writes nothing', async () => {
    const child = atWetherby[0];
    await expectRefused('wetherby.cw', PATHWAY, { childId: child, pathway: 'ETE', status: 'READY', summary: '' }, 'VALIDATION_FAILED', 'summary');
    await expectRefused('wetherby.cw', PATHWAY, { childId: child, pathway: 'ETE', status: 'READY', summary: '   ' }, 'VALIDATION_FAILED', 'summary');
    await expectRefused('wetherby.cw', PATHWAY, { childId: 'not-a-uuid', pathway: 'ETE', status: 'READY', summary: 'x' }, 'VALIDATION_FAILED', 'childId');
  });
});

describe('release date changes', () => {
  it('keep every change in the history and refuse a stale version with CONFLICT and the current version', async () => {
    const child = atWetherby[2];
    const e = await episode(child);
    const change = (releaseDate: string, expectedVersion: number) => mutate('wetherby.cw', CHANGE_RELEASE, {
      custodyEpisodeId: e.id, releaseDate, releaseType: 'EARLY_RELEASE', reasonCode: 'EARLY_RELEASE', reason: 'Early release granted', expectedVersion,
    });
    const seq = await auditSeq();
    const first = await change(day(30), e.version);
    expect(first.data?.changeReleaseDate).toEqual({ id: e.id, releaseDate: day(30), releaseType: 'EARLY_RELEASE', version: e.version + 1 });
    expect(await auditSince(seq, child)).toContainEqual(
      expect.objectContaining({ operation: 'ALTER', outcome: 'ALLOWED', scopes: ['custody'], resource: expect.stringMatching(/^release_date_change:/) }),
    );

    const stale = await expectRefused('wetherby.cw', CHANGE_RELEASE, {
      custodyEpisodeId: e.id, releaseDate: day(20), releaseType: 'STANDARD', reasonCode: 'RECALCULATION', reason: 'x', expectedVersion: e.version,
    }, 'CONFLICT');
    expect(errorOf(stale).currentVersion).toBe(e.version + 1);

    expect((await change(day(25), e.version + 1)).data?.changeReleaseDate.version).toBe(e.version + 2);
    const read = await hub.query<{ child: { caseManagement: { custody: { releaseDate: string; version: number }; releaseDateHistory: { previousReleaseDate: string | null; newReleaseDate: string; reasonCode: string }[] } } }>(
      `query($id: ID!) { child(id: $id) { caseManagement { custody { releaseDate version }
         releaseDateHistory { previousReleaseDate newReleaseDate reasonCode } } } }`,
      { as: 'wetherby.cw', variables: { id: child } },
    );
    const { custody, releaseDateHistory } = read.body.data!.child.caseManagement;
    expect(custody).toEqual({ releaseDate: day(25), version: e.version + 2 });
    expect(releaseDateHistory.slice(-2)).toEqual([
      { previousReleaseDate: e.release_date, newReleaseDate: day(30), reasonCode: 'EARLY_RELEASE' },
      { previousReleaseDate: day(30), newReleaseDate: day(25), reasonCode: 'EARLY_RELEASE' },
    ]);
  });

  it('names the field of every invalid change and leaves the episode as it was', async () => {
    const child = atWetherby[3];
    const e = await episode(child);
    const input = (changes: Record<string, unknown>) => ({
      custodyEpisodeId: e.id, releaseDate: day(40), releaseType: 'STANDARD', reasonCode: 'RECALCULATION', reason: 'Recalculated', expectedVersion: e.version, ...changes,
    });
    const before = day(-1);
    const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ releaseDate: dayBefore(e.entry_date), reasonCode: 'CORRECTION' }), 'VALIDATION_FAILED', 'releaseDate');
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ releaseDate: dayBefore(e.sentence_date), reasonCode: 'CORRECTION' }), 'VALIDATION_FAILED', 'releaseDate');
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ releaseDate: before }), 'VALIDATION_FAILED', 'releaseDate');
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ reasonCode: 'INITIAL_CALCULATION' }), 'VALIDATION_FAILED', 'reasonCode');
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ reason: '  ' }), 'VALIDATION_FAILED', 'reason');
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ reason: '' }), 'VALIDATION_FAILED', 'reason');
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ expectedVersion: 0 }), 'VALIDATION_FAILED', 'expectedVersion');
    await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ custodyEpisodeId: randomUUID() }), 'NOT_FOUND');
    const unknownEnum = await expectRefused('wetherby.cw', CHANGE_RELEASE, input({ releaseType: 'WHENEVER' }), 'VALIDATION_FAILED', 'releaseType');
    expect(unknownEnum.errors?.[0].message).toContain('releaseType');
    expect(await episode(child)).toEqual(e);
  });
});

describe('release', () => {
  it('records the actual date and who met the child, once, and refuses what cannot be true', async () => {
    const child = atWetherby[3];
    const e = await episode(child);
    const input = (changes: Record<string, unknown>) => ({
      custodyEpisodeId: e.id, actualReleaseDate: today, metAtGateBy: 'YJS_WORKER', expectedVersion: e.version, ...changes,
    });
    await expectRefused('wetherby.cw', RELEASE, input({ actualReleaseDate: day(1) }), 'VALIDATION_FAILED', 'actualReleaseDate');
    await expectRefused('wetherby.cw', RELEASE, input({ actualReleaseDate: e.entry_date.replace(/^(\d{4})/, (y) => String(Number(y) - 1)) }),
      'VALIDATION_FAILED', 'actualReleaseDate');
    await expectRefused('wetherby.cw', RELEASE, input({ metAtGateBy: 'NOBODY', metAtGateByAgencyId: AGENCY.wetherby }), 'VALIDATION_FAILED', 'metAtGateByAgencyId');
    await expectRefused('wetherby.cw', RELEASE, input({ accommodationRequestId: fixedId(IdKind.AccommodationRequest, 1) }),
      'VALIDATION_FAILED', 'accommodationRequestId');
    const stale = await expectRefused('wetherby.cw', RELEASE, input({ expectedVersion: e.version + 5 }), 'CONFLICT');
    expect(errorOf(stale).currentVersion).toBe(e.version);

    const [{ home }] = await hub.db.query(`SELECT home_yjs_agency_id AS home FROM child WHERE id = $1`, [child]);
    const seq = await auditSeq();
    const released = await mutate('wetherby.cw', RELEASE, input({ metAtGateByAgencyId: home }));
    expect(released.errors).toBeUndefined();
    expect(released.data!.recordRelease).toEqual({
      status: 'RELEASED', actualReleaseDate: today, version: e.version + 1, release: { metAtGateBy: 'YJS_WORKER', metAtGateByAgency: { id: home } },
    });
    expect(await auditSince(seq, child)).toContainEqual(
      expect.objectContaining({ operation: 'ALTER', outcome: 'ALLOWED', resource: `custody_episode:${e.id}`, scopes: ['custody'] }),
    );
    // Released, Wetherby is now a former establishment (read-only); the home YJS may not release twice either.
    await expectRefused('wetherby.cw', RELEASE, input({ expectedVersion: e.version + 1 }), 'FORBIDDEN');
    const [{ code }] = await hub.db.query(`SELECT lower(home_local_authority_code) AS code FROM child WHERE id = $1`, [child]);
    await expectRefused(`${code}.cm`, RELEASE, input({ expectedVersion: e.version + 1 }), 'INVALID_TRANSITION');
  });
});

describe('meetings and their actions', () => {
  it('schedules, records the outcome with owned actions, and moves actions on with versions', async () => {
    const child = leedsAtWetherby[0];
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await expectRefused('leeds.cm', SCHEDULE, { childId: child, kind: 'PRE_RELEASE', scheduledFor: `${day(400)}T10:00:00Z` }, 'VALIDATION_FAILED', 'scheduledFor');
    await expectRefused('leeds.cm', SCHEDULE, { childId: child, kind: 'POST_RELEASE_REVIEW', scheduledFor: anHourAgo }, 'VALIDATION_FAILED', 'scheduledFor');
    await expectRefused('leeds.cm', SCHEDULE, { childId: child, kind: 'CASE_REVIEW', scheduledFor: `${day(1000)}T10:00:00Z` }, 'VALIDATION_FAILED', 'scheduledFor');
    await expectRefused('leeds.cm', SCHEDULE, { childId: child, kind: 'CASE_REVIEW', scheduledFor: anHourAgo, attendees: [{ name: 'x', role: 'CASE_MANAGER', agencyId: randomUUID() }] },
      'VALIDATION_FAILED', 'attendees[0].agencyId');

    const scheduled = await mutate('leeds.cm', SCHEDULE, { childId: child, kind: 'RESETTLEMENT_PANEL', scheduledFor: anHourAgo, location: 'Online' });
    expect(scheduled.data?.scheduleMeeting).toMatchObject({ kind: 'RESETTLEMENT_PANEL', status: 'PLANNED', version: 1, organisedBy: { id: yjsIdFor('LEEDS') } });
    const meetingId = scheduled.data!.scheduleMeeting.id;
    const outcome = (changes: Record<string, unknown>) => ({
      meetingId, heldAt: new Date(Date.now() - 600_000).toISOString(), expectedVersion: 1, decisions: 'Plan agreed',
      attendees: [{ name: 'Case manager', role: 'CASE_MANAGER', agencyId: yjsIdFor('LEEDS') }, { name: 'The child', role: 'CHILD' }],
      actions: [
        { description: 'Confirm the college place', pathway: 'ETE', ownerAgencyId: AGENCY.wetherby, ownerRole: 'CUSTODY_CASEWORKER', dueOn: day(14) },
        { description: 'Visit the proposed address', pathway: 'ACCOMMODATION', ownerAgencyId: yjsIdFor('LEEDS'), ownerRole: 'CASE_MANAGER', dueOn: day(7) },
      ],
      ...changes,
    });
    await expectRefused('leeds.cm', OUTCOME, outcome({ heldAt: `${day(1)}T10:00:00Z` }), 'VALIDATION_FAILED', 'heldAt');
    await expectRefused('leeds.cm', OUTCOME, outcome({ actions: [{ description: 'Late', ownerAgencyId: AGENCY.wetherby, ownerRole: 'CUSTODY_CASEWORKER', dueOn: day(-1) }] }),
      'VALIDATION_FAILED', 'actions[0].dueOn');
    await expectRefused('leeds.cm', OUTCOME, outcome({ actions: [{ description: 'Who', ownerAgencyId: randomUUID(), ownerRole: 'CASE_MANAGER', dueOn: day(3) }] }),
      'VALIDATION_FAILED', 'actions[0].ownerAgencyId');
    await expectRefused('leeds.cm', OUTCOME, outcome({ actions: [{ description: 'Who', ownerAgencyId: AGENCY.wetherby, ownerRole: 'case manager', dueOn: day(3) }] }),
      'VALIDATION_FAILED', 'actions');
    expect(errorOf(await expectRefused('leeds.cm', OUTCOME, outcome({ expectedVersion: 2 }), 'CONFLICT')).currentVersion).toBe(1);

    const seq = await auditSeq();
    const held = await mutate('leeds.cm', OUTCOME, outcome({}));
    expect(held.errors).toBeUndefined();
    const meeting = held.data!.recordMeetingOutcome;
    expect(meeting).toMatchObject({ status: 'HELD', version: 2, attendees: [{ role: 'CASE_MANAGER' }, { role: 'CHILD', agency: null }] });
    expect(meeting.actions).toEqual([
      expect.objectContaining({ status: 'OPEN', ownerRole: 'CUSTODY_CASEWORKER', ownerAgency: { id: AGENCY.wetherby }, dueOn: day(14), version: 1 }),
      expect.objectContaining({ status: 'OPEN', ownerRole: 'CASE_MANAGER', dueOn: day(7) }),
    ]);
    expect(await auditSince(seq, child)).toContainEqual(expect.objectContaining({ operation: 'ALTER', resource: `meeting:${meetingId}` }));
    await expectRefused('leeds.cm', OUTCOME, outcome({ expectedVersion: 2 }), 'INVALID_TRANSITION');

    const [forCollege, forAddress] = meeting.actions as { id: string }[];
    const started = await mutate('wetherby.cw', ACTION, { actionId: forCollege.id, status: 'IN_PROGRESS', expectedVersion: 1 });
    expect(started.data?.updateMeetingAction).toEqual({ id: forCollege.id, status: 'IN_PROGRESS', completedOn: null, version: 2 });
    expect(errorOf(await expectRefused('leeds.cm', ACTION, { actionId: forCollege.id, status: 'DONE', expectedVersion: 1 }, 'CONFLICT')).currentVersion).toBe(2);
    expect((await mutate('leeds.cm', ACTION, { actionId: forCollege.id, status: 'DONE', expectedVersion: 2 })).data?.updateMeetingAction)
      .toMatchObject({ status: 'DONE', completedOn: today, version: 3 });
    const reopened = await expectRefused('leeds.cm', ACTION, { actionId: forCollege.id, status: 'OPEN', expectedVersion: 3 }, 'INVALID_TRANSITION');
    expect(errorOf(reopened)).toMatchObject({ from: 'DONE', to: 'OPEN' });
    await expectRefused('leeds.cm', ACTION, { actionId: forAddress.id, status: 'CANCELLED', expectedVersion: 1 }, 'VALIDATION_FAILED', 'note');

    const read = await hub.query<{ child: { meetings: { id: string; actions: { status: string }[] }[] } }>(
      `query($id: ID!) { child(id: $id) { meetings { id status actions { status } } } }`, { as: 'wetherby.cw', variables: { id: child } },
    );
    expect(read.body.data?.child.meetings.find((m) => m.id === meetingId)?.actions.map((a) => a.status)).toEqual(['DONE', 'OPEN']);
  });
});

describe('release on temporary licence', () => {
  it('is requested by the YJS, decided and closed only by the establishment holding the child', async () => {
    const child = leedsAtWetherby[1];
    const e = await episode(child);
    const request = (changes: Record<string, unknown>) => ({
      custodyEpisodeId: e.id, purpose: 'EDUCATION', requestedFrom: day(1), requestedUntil: day(1), details: 'College induction day', ...changes,
    });
    await expectRefused('leeds.cm', ROTL_REQUEST, request({ requestedUntil: day(0) }), 'VALIDATION_FAILED', 'requestedUntil');
    await expectRefused('leeds.cm', ROTL_REQUEST, request({ requestedFrom: day(-1) }), 'VALIDATION_FAILED', 'requestedFrom');
    await expectRefused('leeds.cm', ROTL_REQUEST, request({ requestedUntil: '2999-01-01' }), 'VALIDATION_FAILED', 'requestedUntil');
    await expectRefused('leeds.cm', ROTL_REQUEST, request({ custodyEpisodeId: (await episode(leedsOnRemand)).id }), 'VALIDATION_FAILED', 'custodyEpisodeId');

    const requested = await mutate('leeds.cm', ROTL_REQUEST, request({}));
    expect(requested.data?.requestRotl).toMatchObject({ status: 'REQUESTED', version: 1, requestedBy: { id: yjsIdFor('LEEDS') } });
    const rotlRequestId = requested.data!.requestRotl.id;
    await expectRefused('leeds.cm', ROTL_DECISION, { rotlRequestId, decision: 'APPROVED', reason: 'Fine', expectedVersion: 1 }, 'FORBIDDEN');
    const seq = await auditSeq();
    expect((await mutate('wetherby.cw', ROTL_DECISION, { rotlRequestId, decision: 'APPROVED', reason: 'Risk assessed', expectedVersion: 1 })).data?.recordRotlDecision)
      .toEqual({ id: rotlRequestId, status: 'APPROVED', decision: 'APPROVED', decidedBy: { id: AGENCY.wetherby }, version: 2 });
    expect(await auditSince(seq, child)).toContainEqual(expect.objectContaining({ operation: 'ALTER', resource: `rotl_request:${rotlRequestId}` }));
    await expectRefused('wetherby.cw', ROTL_DECISION, { rotlRequestId, decision: 'REFUSED', reason: 'Changed', expectedVersion: 2 }, 'INVALID_TRANSITION');
    await expectRefused('wetherby.cw', ROTL_OUTCOME, { rotlRequestId, outcome: 'COMPLETED', expectedVersion: 2 }, 'VALIDATION_FAILED', 'outcome');
    expect(errorOf(await expectRefused('wetherby.cw', ROTL_OUTCOME, { rotlRequestId, outcome: 'NOT_TAKEN', expectedVersion: 1 }, 'CONFLICT')).currentVersion).toBe(2);
    expect((await mutate('wetherby.cw', ROTL_OUTCOME, { rotlRequestId, outcome: 'NOT_TAKEN', note: 'College closed', expectedVersion: 2 })).data?.recordRotlOutcome)
      .toEqual({ id: rotlRequestId, status: 'CLOSED', outcome: 'NOT_TAKEN', version: 3 });
    const read = await hub.query<{ child: { rotlRequests: { id: string; status: string }[] } }>(
      `query($id: ID!) { child(id: $id) { rotlRequests { id status } } }`, { as: 'leeds.cm', variables: { id: child } },
    );
    expect(read.body.data?.child.rotlRequests).toEqual([{ id: rotlRequestId, status: 'CLOSED' }]);
  });
});

describe('transition to probation', () => {
  it('goes REFERRED → JOINT_WORKING → HANDED_OVER with two months of YJS contingency; any other step is INVALID_TRANSITION', async () => {
    const child = leedsAtAdelBeck;
    await expectRefused('wetherby.cw', REFER, { childId: leedsAtWetherby[1], probationAgencyId: AGENCY.probation, referredOn: today }, 'FORBIDDEN');
    await expectRefused('leeds.cm', REFER, { childId: child, probationAgencyId: yjsIdFor('LEEDS'), referredOn: today }, 'VALIDATION_FAILED', 'probationAgencyId');
    await expectRefused('leeds.cm', REFER, { childId: child, probationAgencyId: AGENCY.probation, referredOn: day(1) }, 'VALIDATION_FAILED', 'referredOn');
    const lookup = `query($id: ID!) { child(id: $id) { id } }`;
    expect((await hub.query(lookup, { as: 'probation.pp', variables: { id: child } })).body.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const seq = await auditSeq();
    const referred = await mutate('leeds.cm', REFER, { childId: child, probationAgencyId: AGENCY.probation, referredOn: day(-3) });
    expect(referred.data?.referToProbation).toMatchObject({ status: 'REFERRED', referredOn: day(-3), version: 1 });
    const probationTransferId = referred.data!.referToProbation.id;
    expect(await auditSince(seq, child)).toContainEqual(expect.objectContaining({ operation: 'ALTER', resource: `probation_transfer:${probationTransferId}` }));
    expect((await hub.query(lookup, { as: 'probation.pp', variables: { id: child } })).body.errors).toBeUndefined();
    await expectRefused('leeds.cm', REFER, { childId: child, probationAgencyId: AGENCY.probation, referredOn: today }, 'CONFLICT');

    const step = (status: string, effectiveOn: string, expectedVersion: number, reason?: string) =>
      ({ probationTransferId, status, effectiveOn, expectedVersion, reason });
    const skipped = await expectRefused('leeds.cm', PROBATION, step('HANDED_OVER', today, 1), 'INVALID_TRANSITION');
    expect(errorOf(skipped)).toMatchObject({ from: 'REFERRED', to: 'HANDED_OVER' });
    await expectRefused('leeds.cm', PROBATION, step('JOINT_WORKING', day(-4), 1), 'VALIDATION_FAILED', 'effectiveOn');
    expect((await mutate('leeds.cm', PROBATION, step('JOINT_WORKING', day(-2), 1))).data?.updateProbationTransfer)
      .toMatchObject({ status: 'JOINT_WORKING', jointWorkingFrom: day(-2), version: 2 });
    expect(errorOf(await expectRefused('leeds.cm', PROBATION, step('HANDED_OVER', today, 1), 'CONFLICT')).currentVersion).toBe(2);
    await expectRefused('leeds.cm', PROBATION, step('HANDED_OVER', day(-3), 2), 'VALIDATION_FAILED', 'effectiveOn');
    await expectRefused('leeds.cm', PROBATION, step('CANCELLED', today, 2), 'VALIDATION_FAILED', 'reason');

    const handedOver = await mutate('leeds.cm', PROBATION, step('HANDED_OVER', today, 2));
    const [{ contingency }] = await hub.db.query(`SELECT to_char(CAST($1 AS date) + interval '2 months', 'YYYY-MM-DD') AS contingency`, [today]);
    expect(handedOver.data?.updateProbationTransfer).toEqual({
      id: probationTransferId, status: 'HANDED_OVER', jointWorkingFrom: day(-2), handoverOn: today, yjsContingencyUntil: contingency, version: 3,
    });
    await expectRefused('leeds.cm', PROBATION, step('JOINT_WORKING', today, 3), 'INVALID_TRANSITION');
    await expectRefused('leeds.cm', PROBATION, step('CANCELLED', today, 3, 'Too late'), 'INVALID_TRANSITION');
  });
});
