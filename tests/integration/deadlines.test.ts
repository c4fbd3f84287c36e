import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter, once } from 'node:events';
import { Logger, quickAddJob, runOnce, type WorkerEvents } from 'graphile-worker';
import { AGENCY, CONSORTIUM_ID, childrensServicesAgencyId, LOCAL_AUTHORITIES, yjsIdFor } from '../../seeds/demo-consortium';
import { createLogger } from '../../src/shared/logging/logger';
import { parseConsortiumSettings } from '../../src/shared/policy/consortium-settings';
import { DEFAULT_POLICY_DIR, loadPolicySet, PolicyFileError } from '../../src/shared/policy/policy-loader';
import { deadlineTaskList, raiseDueAlerts, RAISE_DUE_ALERTS_TASK, startDeadlineWorker } from '../../src/subgraphs/cases/deadlines/deadline-alert.job';
import { loadDeadlineInputs } from '../../src/subgraphs/cases/deadlines/deadline-inputs';
import { recomputeDeadlines, recomputeWithRules } from '../../src/subgraphs/cases/deadlines/deadline-recompute';
import { effectiveDeadlineRules, loadDeadlineRules } from '../../src/subgraphs/cases/deadlines/deadline-rules.loader';
import { AgencyType } from '../../src/subgraphs/sharing/agency.enums';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('seeded');
});
afterAll(() => database?.drop());

const SWY = parseConsortiumSettings({});
const LEEDS_CS = childrensServicesAgencyId(LOCAL_AUTHORITIES.findIndex((la) => la.code === 'LEEDS'));

interface Dates {
  sentenceDate: string;
  releaseDate: string;
  entryDate?: string;
  sentenceType?: string;
}

/** A Leeds child sentenced to custody at Wetherby, on the given dates. */
async function sentencedChild({ sentenceDate, releaseDate, entryDate = sentenceDate, sentenceType = 'DTO' }: Dates) {
  const childId = randomUUID();
  const episodeId = randomUUID();
  await database.db.query(
    `INSERT INTO child (id, consortium_id, given_name, family_name, date_of_birth, sex, home_local_authority_code, home_yjs_agency_id)
     VALUES ($1, $2, 'Test', 'Child', '2011-05-01', 'MALE', 'LEEDS', $3)`,
    [childId, CONSORTIUM_ID, yjsIdFor('LEEDS')],
  );
  await database.db.query(
    `INSERT INTO custody_episode (id, child_id, establishment_agency_id, legal_status, sentence_type, sentence_date, entry_date,
                                  release_date, release_type, status)
     VALUES ($1, $2, $3, 'SENTENCED', $4, $5, $6, $7, 'STANDARD', 'IN_CUSTODY')`,
    [episodeId, childId, AGENCY.wetherby, sentenceType, sentenceDate, entryDate, releaseDate],
  );
  return { childId, episodeId };
}

async function deadlines(childId: string): Promise<Record<string, { due: string; status: string }>> {
  const rows: { rule_code: string; due: string; status: string }[] = await database.db.query(
    `SELECT rule_code, to_char(due_on, 'YYYY-MM-DD') AS due, status FROM deadline WHERE child_id = $1`,
    [childId],
  );
  return Object.fromEntries(rows.map((r) => [r.rule_code, { due: r.due, status: r.status }]));
}

async function alertsFor(childId: string, where = 'TRUE') {
  return database.db.query(
    `SELECT a.kind, a.stage, a.addressed_to_role AS role, a.addressed_to_agency_id AS agency,
            to_char(a.due_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS due,
            a.resolution, a.resolved_at IS NULL AS open
       FROM alert a JOIN deadline d ON d.id = a.deadline_id WHERE a.child_id = $1 AND ${where} ORDER BY a.raised_at, a.id`,
    [childId],
  ) as Promise<{ kind: string; stage: string; role: string; agency: string; due: string; resolution: string | null; open: boolean }[]>;
}

const dcsAlerts = (childId: string) => alertsFor(childId, `a.addressed_to_role = 'DIRECTOR_OF_CHILDRENS_SERVICES'`);

describe('computing deadlines', () => {
  it('counts the initial planning meeting in working days across Easter 2027 (hand-worked)', async () => {
    // Sentenced Thursday 18 March 2027; 10 working days after, not counting the sentence day:
    //   Fri 19 (1), Mon 22 (2), Tue 23 (3), Wed 24 (4), Thu 25 (5),
    //   Fri 26 Good Friday ✗, Sat 27 ✗, Sun 28 ✗, Mon 29 Easter Monday ✗,
    //   Tue 30 (6), Wed 31 (7), Thu 1 Apr (8), Fri 2 Apr (9), Sat/Sun ✗, Mon 5 Apr (10) → due Monday 5 April.
    // Released Thursday 30 September 2027: one month before is Monday 30 August, the Summer bank
    // holiday, so the accommodation deadlines move to the working day before, Friday 27 August.
    // The pre-release meeting, two weeks before, is Thursday 16 September.
    const { childId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    await recomputeDeadlines(database.db.manager, childId, '2027-03-18', SWY);
    expect(await deadlines(childId)).toEqual({
      INITIAL_PLANNING_MEETING: { due: '2027-04-05', status: 'OPEN' },
      ASSESSMENT_REVIEW: { due: '2027-04-05', status: 'OPEN' },
      RELEASE_ADDRESS_KNOWN: { due: '2027-08-27', status: 'OPEN' },
      ACCOMMODATION_CONFIRMED: { due: '2027-08-27', status: 'OPEN' },
      PRE_RELEASE_MEETING: { due: '2027-09-16', status: 'OPEN' },
      // A DTO is not MAPPA-eligible by default, and there is no actual release date yet.
    });
    expect(await alertsFor(childId)).toEqual([]);
  });

  it('applies a consortium’s own timescale over the default (North East London: release address 2 weeks before)', async () => {
    const { childId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30', sentenceType: 'S250' });
    const nel = parseConsortiumSettings({ deadlines: { RELEASE_ADDRESS_KNOWN: { offset: -2, unit: 'WEEKS' }, PRE_RELEASE_MEETING: { enabled: false } } });
    await recomputeDeadlines(database.db.manager, childId, '2027-03-18', nel);
    const found = await deadlines(childId);
    expect(found.RELEASE_ADDRESS_KNOWN).toEqual({ due: '2027-09-16', status: 'OPEN' });
    expect(found.ACCOMMODATION_CONFIRMED).toEqual({ due: '2027-08-27', status: 'OPEN' });
    expect(found.MAPPA_REFERRAL).toEqual({ due: '2027-03-30', status: 'OPEN' }); // s.250; 30 Mar − 6 months
    expect(found.PRE_RELEASE_MEETING).toBeUndefined();
  });

  it('refuses a malformed or unknown override, naming the setting', () => {
    expect(() => effectiveDeadlineRules(parseConsortiumSettings({ deadlines: { RELEASE_ADDRESS_KNOWN: { offset: -2, unit: 'FORTNIGHTS' } } }))).toThrow(
      /deadlines\.RELEASE_ADDRESS_KNOWN/,
    );
    expect(() => effectiveDeadlineRules(parseConsortiumSettings({ deadlines: { RELEASE_ADRESS_KNOWN: { offset: -2, unit: 'WEEKS' } } }))).toThrow(
      'deadlines.RELEASE_ADRESS_KNOWN: no deadline rule has this code',
    );
  });

  it('moves a deadline when the sentence date is corrected, and records the move', async () => {
    const { childId, episodeId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    await recomputeDeadlines(database.db.manager, childId, '2027-03-19', SWY);
    await database.db.query(`UPDATE custody_episode SET sentence_date = '2027-03-19' WHERE id = $1`, [episodeId]);
    await recomputeDeadlines(database.db.manager, childId, '2027-03-19', SWY);
    expect((await deadlines(childId)).INITIAL_PLANNING_MEETING).toEqual({ due: '2027-04-06', status: 'OPEN' });
    const history = await database.db.query(
      `SELECT h.kind, to_char(h.previous_due_on, 'YYYY-MM-DD') AS was, to_char(h.due_on, 'YYYY-MM-DD') AS now
         FROM deadline_change h JOIN deadline d ON d.id = h.deadline_id WHERE d.child_id = $1 AND d.rule_code = 'INITIAL_PLANNING_MEETING'`,
      [childId],
    );
    expect(history).toEqual([{ kind: 'MOVED', was: '2027-04-05', now: '2027-04-06' }]);
  });

  it('marks a deadline met by the record its rule names, and resolves its open alerts', async () => {
    const { childId, episodeId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    await recomputeDeadlines(database.db.manager, childId, '2027-04-06', SWY);
    expect((await deadlines(childId)).INITIAL_PLANNING_MEETING.status).toBe('MISSED');
    expect((await alertsFor(childId, `d.rule_code = 'INITIAL_PLANNING_MEETING'`)).map((a) => [a.stage, a.role])).toEqual(
      expect.arrayContaining([['MISSED', 'CASE_MANAGER'], ['MISSED', 'OPERATIONAL_MANAGER'], ['MISSED', 'LINK_WORKER']]),
    );
    await database.db.query(
      `INSERT INTO meeting (id, child_id, custody_episode_id, kind, status, scheduled_for, held_at, organised_by_agency_id)
       VALUES ($1, $2, $3, 'INITIAL_PLANNING', 'HELD', '2027-04-07T10:00:00Z', '2027-04-07T10:00:00Z', $4)`,
      [randomUUID(), childId, episodeId, AGENCY.wetherby],
    );
    await recomputeDeadlines(database.db.manager, childId, '2027-04-07', SWY);
    expect((await deadlines(childId)).INITIAL_PLANNING_MEETING.status).toBe('MET');
    const alerts = await alertsFor(childId, `d.rule_code = 'INITIAL_PLANNING_MEETING'`);
    expect(alerts.length).toBe(3);
    expect(alerts.every((a) => !a.open && a.resolution === 'MET')).toBe(true);
  });
});

describe('recomputing when nothing has changed', () => {
  it('leaves open, acknowledged and resolved alerts as they are, and raises none again', async () => {
    const { childId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    await recomputeDeadlines(database.db.manager, childId, '2027-04-06', SWY);
    const raised = await alertsFor(childId);
    expect(raised.length).toBeGreaterThan(1);
    // One acknowledged, the rest open: a recompute on the same day is already in line and writes nothing.
    const [first] = (await database.db.query(
      `SELECT a.id FROM alert a WHERE a.child_id = $1 ORDER BY a.raised_at, a.id LIMIT 1`, [childId],
    )) as { id: string }[];
    await database.db.query(`UPDATE alert SET acknowledged_at = now(), version = version + 1 WHERE id = $1`, [first.id]);
    const before = await database.db.query(`SELECT id, version, acknowledged_at, resolved_at FROM alert WHERE child_id = $1 ORDER BY id`, [childId]);
    await recomputeDeadlines(database.db.manager, childId, '2027-04-06', SWY);
    await recomputeDeadlines(database.db.manager, childId, '2027-04-06', SWY);
    expect(await database.db.query(`SELECT id, version, acknowledged_at, resolved_at FROM alert WHERE child_id = $1 ORDER BY id`, [childId]))
      .toEqual(before);
  });

  it('reads deadline inputs only under READ COMMITTED, where each read follows the lock', async () => {
    const { childId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    await expect(database.db.transaction('REPEATABLE READ', (tx) => recomputeDeadlines(tx, childId, '2027-04-06', SWY)))
      .rejects.toThrow(/only be read under READ COMMITTED/);
  });

  it('refuses deadline inputs read for other rules (a met deadline would reopen on missing evidence)', async () => {
    const { childId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    const rules = effectiveDeadlineRules(SWY);
    await database.db.transaction(async (tx) => {
      const inputs = await loadDeadlineInputs(tx, childId, rules.filter((r) => !('pathwayStatus' in r.metBy)));
      await expect(recomputeWithRules(tx, childId, '2027-04-06', rules, inputs)).rejects.toThrow('deadline inputs were read for other rules');
    });
  });
});

describe('moving a release date earlier', () => {
  it('raises the DCS alert exactly once, however often recompute and the job run, and escalates once as time passes', async () => {
    const { childId, episodeId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    await recomputeDeadlines(database.db.manager, childId, '2027-06-01', SWY);
    expect(await dcsAlerts(childId)).toEqual([]);

    // Early release: 21 June. Accommodation (not confirmed) was due a month before, Friday 21 May.
    await database.db.query(`UPDATE custody_episode SET release_date = '2027-06-21' WHERE id = $1`, [episodeId]);
    await recomputeDeadlines(database.db.manager, childId, '2027-06-01', SWY);
    await recomputeDeadlines(database.db.manager, childId, '2027-06-01', SWY);
    await raiseDueAlerts(database.db, new Date('2027-06-01T09:00:00Z'));
    await raiseDueAlerts(database.db, new Date('2027-06-01T10:00:00Z'));
    expect(await dcsAlerts(childId)).toEqual([
      { kind: 'DEADLINE_MISSED', stage: 'MISSED', role: 'DIRECTOR_OF_CHILDRENS_SERVICES', agency: LEEDS_CS, due: '2027-05-21', resolution: null, open: true },
    ]);
    expect((await deadlines(childId)).ACCOMMODATION_CONFIRMED).toEqual({ due: '2027-05-21', status: 'MISSED' });
    const missed = await alertsFor(childId, `d.rule_code = 'ACCOMMODATION_CONFIRMED'`);
    expect(missed.map((a) => a.role).sort()).toEqual(['CASE_MANAGER', 'DIRECTOR_OF_CHILDRENS_SERVICES', 'LINK_WORKER', 'OPERATIONAL_MANAGER']);
    expect(missed.find((a) => a.role === 'LINK_WORKER')?.agency).toBe(AGENCY.consortiumTeam);

    // Moved again and back: the alert for the 21 May due date is reopened, not raised a second time.
    await database.db.query(`UPDATE custody_episode SET release_date = '2027-06-14' WHERE id = $1`, [episodeId]);
    await recomputeDeadlines(database.db.manager, childId, '2027-06-01', SWY);
    await database.db.query(`UPDATE custody_episode SET release_date = '2027-06-21' WHERE id = $1`, [episodeId]);
    await recomputeDeadlines(database.db.manager, childId, '2027-06-01', SWY);
    const afterMoves = await dcsAlerts(childId);
    // (On 14 June release the due date, 14 May, is so far past that the 14-day escalation was the stage reached.)
    expect(afterMoves.map((a) => [a.stage, a.due, a.open, a.resolution])).toEqual([
      ['MISSED', '2027-05-21', true, null],
      ['ESCALATED_14_DAYS_BEFORE_RELEASE', '2027-05-14', false, 'SUPERSEDED'],
    ]);

    // Fourteen days before release the job escalates once more, to the same people, once.
    await raiseDueAlerts(database.db, new Date('2027-06-07T08:00:00Z'));
    await raiseDueAlerts(database.db, new Date('2027-06-07T09:00:00Z'));
    const escalated = await dcsAlerts(childId);
    expect(escalated.map((a) => [a.stage, a.due, a.open])).toEqual([
      ['MISSED', '2027-05-21', false],
      ['ESCALATED_14_DAYS_BEFORE_RELEASE', '2027-05-14', false],
      ['ESCALATED_14_DAYS_BEFORE_RELEASE', '2027-05-21', true],
    ]);
    const history = await database.db.query(
      `SELECT h.kind FROM deadline_change h JOIN deadline d ON d.id = h.deadline_id
        WHERE d.child_id = $1 AND d.rule_code = 'ACCOMMODATION_CONFIRMED' ORDER BY h.changed_at`,
      [childId],
    );
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['MOVED', 'MISSED', 'MOVED', 'MOVED']);
  });

  it('raises the alerts through the graphile-worker job too', async () => {
    const { childId, episodeId } = await sentencedChild({ sentenceDate: '2027-03-18', releaseDate: '2027-09-30' });
    await recomputeDeadlines(database.db.manager, childId, '2027-06-01', SWY);
    await database.db.query(`UPDATE custody_episode SET release_date = '2027-06-21' WHERE id = $1`, [episodeId]);
    // No recompute: the job finds the deadline due a check and recomputes it itself.
    await database.db.query(`UPDATE deadline SET next_check_on = '2027-06-01' WHERE child_id = $1`, [childId]);

    const logger = createLogger({ level: 'silent', service: 'test' });
    const options = { connectionString: database.url, logger: new Logger(() => () => undefined), noHandleSignals: true };
    await quickAddJob(options, RAISE_DUE_ALERTS_TASK, { asOf: '2027-06-01T09:00:00Z' });
    await runOnce({ ...options, taskList: deadlineTaskList(database.db, logger) });
    expect((await dcsAlerts(childId)).map((a) => [a.stage, a.due])).toEqual([['MISSED', '2027-05-21']]);

    await quickAddJob(options, RAISE_DUE_ALERTS_TASK, { asOf: '2027-06-01T10:00:00Z' });
    await runOnce({ ...options, taskList: deadlineTaskList(database.db, logger) });
    expect(await dcsAlerts(childId)).toHaveLength(1);
    const [{ pending }] = await database.db.query(`SELECT count(*)::int AS pending FROM graphile_worker.jobs`);
    expect(pending).toBe(0);
  });
});

describe('the deadline worker', () => {
  it('starts with its hourly crontab registered, and stops cleanly', async () => {
    const events: WorkerEvents = new EventEmitter();
    const started = once(events, 'cron:started');
    const logger = createLogger({ level: 'silent', service: 'test' });
    const worker = await startDeadlineWorker({ databaseUrl: database.url, logger, db: database.db, events });
    try {
      await started;
      const known = await database.db.query(`SELECT identifier FROM graphile_worker._private_known_crontabs`);
      expect(known).toEqual([{ identifier: RAISE_DUE_ALERTS_TASK }]);
    } finally {
      await worker.stop();
    }
  });
});

describe('the deadline rules file', () => {
  it('ships rules for every clock of domain.md §2 that the hub can see met', () => {
    expect(loadDeadlineRules().map((r) => r.code)).toEqual([
      'INITIAL_PLANNING_MEETING', 'ASSESSMENT_REVIEW', 'MAPPA_REFERRAL', 'RELEASE_ADDRESS_KNOWN', 'ACCOMMODATION_CONFIRMED',
      'PRE_RELEASE_MEETING', 'POST_RELEASE_REVIEW',
    ]);
  });

  it('addresses alerts only to roles that exist at that kind of agency and may read alerts', () => {
    const { roles } = loadPolicySet();
    const agencyType = {
      HOME_YJS: AgencyType.YOUTH_JUSTICE_SERVICE,
      HOME_CHILDRENS_SERVICES: AgencyType.CHILDRENS_SERVICES,
      CURRENT_ESTABLISHMENT: AgencyType.SECURE_ESTABLISHMENT,
      CONSORTIUM_TEAM: AgencyType.CONSORTIUM_TEAM,
    };
    const problems: string[] = [];
    for (const rule of loadDeadlineRules()) {
      for (const [where, who] of [['owner', rule.owner] as const, ...rule.alerts.flatMap((s) => s.notify.map((n) => [s.stage, n] as const))]) {
        const role = roles.roles.find((r) => r.name === who.role);
        if (!role?.agencyTypes.includes(agencyType[who.agency])) problems.push(`${rule.code} ${where}: ${who.role} is not a role at ${who.agency}`);
        if (where !== 'owner' && !role?.permissions.Alert?.includes('read')) problems.push(`${rule.code} ${where}: ${who.role} cannot read alerts`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reports a bad rule with its file, line and path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadlines-'));
    const text = fs.readFileSync(path.join(DEFAULT_POLICY_DIR, 'deadlines.yaml'), 'utf8').replace('unit: MONTHS', 'unit: MOONS');
    fs.writeFileSync(path.join(dir, 'deadlines.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('unit: MOONS')) + 1;
    let error: unknown;
    try {
      loadDeadlineRules(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyFileError);
    expect((error as PolicyFileError).problems).toEqual([expect.objectContaining({ file: 'deadlines.yaml', line, path: 'rules[2].unit' })]);
  });
});
