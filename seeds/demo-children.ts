import { PATHWAY_SCOPE } from '../src/shared/policy/data-scope';
import { addDays, addYears, atTime } from './calendar';
import { AGENCY, CONSORTIUM_ID, yjsIdFor, type LocalAuthorityCode } from './demo-consortium';
import { ETHNICITIES, FAMILY_NAMES, GIVEN_NAMES_BOYS, GIVEN_NAMES_GIRLS } from './demo-names';
import { demoUserId } from './demo-users';
import { fixedId, IdKind } from './fixed-ids';

type Row = Record<string, unknown>;

export interface DemoCaseData {
  children: Row[];
  custodyEpisodes: Row[];
  transfers: Row[];
  releaseDateChanges: Row[];
  pathwayUpdates: Row[];
  meetings: Row[];
  timelineEvents: Row[];
}

/** How many demo children each authority has (45 in all). */
const CHILDREN_PER_AUTHORITY: [LocalAuthorityCode, number][] = [
  ['LEEDS', 8], ['BRADFORD', 6], ['SHEFFIELD', 6], ['DONCASTER', 5], ['KIRKLEES', 5],
  ['BARNSLEY', 4], ['ROTHERHAM', 4], ['WAKEFIELD', 4], ['CALDERDALE', 3],
];

const CUSTODY_PATHWAYS = ['ETE', 'HEALTH', 'SUBSTANCE_MISUSE'] as const;
const COMMUNITY_PATHWAYS = ['CASE_MANAGEMENT', 'ACCOMMODATION', 'FAMILIES', 'FINANCE'] as const;
const PATHWAY_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'READY', 'AT_RISK'] as const;

const SUMMARIES: Record<string, string> = {
  CASE_MANAGEMENT: 'Sentence plan agreed; licence conditions drafted with the case manager',
  ACCOMMODATION: 'Return home assessed; alternative supported placement being explored',
  ETE: 'Attending education in custody; college place sought for release',
  HEALTH: 'Health screening complete; GP registration to be confirmed before release',
  SUBSTANCE_MISUSE: 'Screened on entry; community substance misuse service referral made',
  FAMILIES: 'Family contact visits continuing; carer views recorded for the plan',
  FINANCE: 'National Insurance number checked; bank account application started',
};

/**
 * Builds the demo children and their records relative to `today`, so release dates and deadlines
 * are always live. Deterministic: the same `today` gives the same rows.
 */
export function buildDemoCases(today: string): DemoCaseData {
  const data: DemoCaseData = {
    children: [], custodyEpisodes: [], transfers: [], releaseDateChanges: [], pathwayUpdates: [], meetings: [],
    timelineEvents: [],
  };
  const counters = { change: 0, pathway: 0, meeting: 0, event: 0 };
  const authorities = CHILDREN_PER_AUTHORITY.flatMap(([code, n]) => Array.from({ length: n }, () => code));
  const sentencedInCustody = authorities.filter((_, i) => kindOf(i) === 'sentenced').length;
  let sentencedIndex = 0;

  authorities.forEach((authority, i) => {
    const n = i + 1;
    const kind = kindOf(i);
    const girl = i % 11 === 3;
    const age = 14 + (i % 4);
    const yjsId = yjsIdFor(authority);
    const caseManager = demoUserId(`${authority.toLowerCase()}.cm`);
    const establishment = girl || age === 14 || i % 7 === 0 ? AGENCY.adelBeck : AGENCY.wetherby;
    const caseworker = demoUserId(establishment === AGENCY.wetherby ? 'wetherby.cw' : 'adelbeck.cw');
    const childId = fixedId(IdKind.Child, n);
    const episodeId = fixedId(IdKind.CustodyEpisode, n);

    data.children.push({
      id: childId,
      consortium_id: CONSORTIUM_ID,
      given_name: girl ? GIVEN_NAMES_GIRLS[i % GIVEN_NAMES_GIRLS.length] : GIVEN_NAMES_BOYS[i % GIVEN_NAMES_BOYS.length],
      family_name: FAMILY_NAMES[(i * 7) % FAMILY_NAMES.length],
      preferred_name: null,
      date_of_birth: addDays(addYears(today, -age), -((i * 37) % 300) - 20),
      sex: girl ? 'FEMALE' : 'MALE',
      ethnicity: ETHNICITIES[i % ETHNICITIES.length],
      home_local_authority_code: authority,
      home_yjs_agency_id: yjsId,
      looked_after_status:
        kind === 'remand' ? 'LOOKED_AFTER_ON_REMAND' : i % 4 === 1 ? 'LOOKED_AFTER' : age === 17 && i % 3 === 0 ? 'CARE_LEAVER' : 'NOT_LOOKED_AFTER',
    });

    const entryDate = addDays(today, -(40 + ((i * 23) % 160)));
    const sentenceDate = kind === 'remand' ? null : addDays(entryDate, i % 3 === 0 ? 0 : 14 + (i % 20));
    let releaseDate: string | null = null;
    let actualReleaseDate: string | null = null;
    if (kind === 'sentenced') {
      releaseDate = addDays(today, 7 + Math.floor((263 * sentencedIndex) / Math.max(1, sentencedInCustody - 1)));
      sentencedIndex += 1;
    } else if (kind === 'released') {
      actualReleaseDate = addDays(today, -(5 + ((i * 11) % 36)));
      releaseDate = actualReleaseDate;
    }
    const releaseType = kind === 'remand' ? null : i % 5 === 2 ? 'EARLY_RELEASE' : 'STANDARD';
    data.custodyEpisodes.push({
      id: episodeId,
      child_id: childId,
      establishment_agency_id: establishment,
      legal_status: kind === 'remand' ? 'REMAND' : 'SENTENCED',
      sentence_type: kind === 'remand' ? null : i % 6 === 4 ? 'S250' : 'DTO',
      sentence_date: sentenceDate,
      entry_date: entryDate,
      release_date: releaseDate,
      release_type: releaseType,
      actual_release_date: actualReleaseDate,
      status: kind === 'released' ? 'RELEASED' : 'IN_CUSTODY',
    });

    const event = (occurredAt: string, eventKind: string, scope: string, agencyId: string, subject?: [string, string]) =>
      data.timelineEvents.push({
        id: fixedId(IdKind.TimelineEvent, ++counters.event),
        child_id: childId,
        occurred_at: occurredAt,
        kind: eventKind,
        scope,
        agency_id: agencyId,
        subject_type: subject?.[0] ?? null,
        subject_id: subject?.[1] ?? null,
        payload: {},
      });

    event(atTime(entryDate, '16:30:00'), 'CUSTODY_ENTRY', 'custody', establishment, ['custody_episode', episodeId]);
    if (establishment === AGENCY.wetherby && i % 9 === 2) {
      const transferId = fixedId(IdKind.EstablishmentTransfer, n);
      const transferredOn = addDays(entryDate, 20);
      data.transfers.push({
        id: transferId, custody_episode_id: episodeId, from_agency_id: AGENCY.adelBeck, to_agency_id: AGENCY.wetherby,
        transferred_on: transferredOn, reason: 'Moved on turning 15 to a placement suited to age and needs',
      });
      event(atTime(transferredOn, '11:00:00'), 'ESTABLISHMENT_TRANSFER', 'custody', AGENCY.wetherby, ['establishment_transfer', transferId]);
    }
    if (sentenceDate && releaseDate && releaseType) {
      event(atTime(sentenceDate, '12:00:00'), 'SENTENCED', 'custody', yjsId, ['custody_episode', episodeId]);
      const initial = i % 5 === 0 ? addDays(releaseDate, 21) : releaseDate;
      const change = (at: string, previous: string | null, next: string, reasonCode: string, reason: string) => {
        const id = fixedId(IdKind.ReleaseDateChange, ++counters.change);
        data.releaseDateChanges.push({
          id, custody_episode_id: episodeId, previous_release_date: previous, new_release_date: next,
          previous_release_type: previous ? 'STANDARD' : null, new_release_type: releaseType, reason_code: reasonCode,
          reason, responsible_agency_id: establishment, changed_by_user_id: caseworker, changed_at: at,
        });
        event(at, 'RELEASE_DATE_CHANGED', 'custody', establishment, ['release_date_change', id]);
      };
      change(atTime(sentenceDate, '15:00:00'), null, initial, 'INITIAL_CALCULATION', 'Sentence calculation on reception');
      if (initial !== releaseDate) {
        change(atTime(addDays(sentenceDate, 3), '09:30:00'), initial, releaseDate, 'RECALCULATION', 'Remand time credited against the sentence');
      }
    }
    if (actualReleaseDate) {
      event(atTime(actualReleaseDate, '09:00:00'), 'RELEASED', 'custody', establishment, ['custody_episode', episodeId]);
    }

    const updates = 3 + (i % 5);
    for (let k = 0; k < updates; k++) {
      const pathway = k % 2 === 0 ? CUSTODY_PATHWAYS[(i + k) % 3] : COMMUNITY_PATHWAYS[(i + k) % 4];
      const custodySide = (CUSTODY_PATHWAYS as readonly string[]).includes(pathway);
      const id = fixedId(IdKind.PathwayUpdate, ++counters.pathway);
      const recordedAt = atTime(addDays(entryDate, 5 + k * 6), '14:00:00');
      const agencyId = custodySide ? establishment : yjsId;
      data.pathwayUpdates.push({
        id, child_id: childId, pathway, status: PATHWAY_STATUSES[(i + k) % 4], summary: SUMMARIES[pathway], details: {},
        responsible_agency_id: agencyId, recorded_by_user_id: custodySide ? caseworker : caseManager, recorded_at: recordedAt,
      });
      event(recordedAt, 'PATHWAY_UPDATED', PATHWAY_SCOPE[pathway], agencyId, ['pathway_update', id]);
    }

    const meeting = (meetingKind: string, on: string, held: boolean, organiser: string) => {
      const id = fixedId(IdKind.Meeting, ++counters.meeting);
      data.meetings.push({
        id, child_id: childId, custody_episode_id: episodeId, kind: meetingKind, status: held ? 'HELD' : 'PLANNED',
        scheduled_for: atTime(on), held_at: held ? atTime(on) : null, location: organiser === establishment ? 'Visits hall' : 'Online',
        organised_by_agency_id: organiser,
        attendees: [{ name: 'Case manager', role: 'CASE_MANAGER', agencyId: yjsId }, { name: 'Custody caseworker', role: 'CUSTODY_CASEWORKER', agencyId: establishment }],
        decisions: held ? 'Plan agreed; actions set for each pathway' : null,
      });
      if (held) event(atTime(on), 'MEETING_HELD', 'custody', organiser, ['meeting', id]);
    };
    meeting('INITIAL_PLANNING', addDays(sentenceDate ?? entryDate, 12), true, establishment);
    if (releaseDate && kind === 'sentenced' && Date.parse(releaseDate) - Date.parse(today) < 60 * 86_400_000) {
      meeting('PRE_RELEASE', addDays(releaseDate, -14), Date.parse(addDays(releaseDate, -14)) < Date.parse(today), yjsId);
    }
    if (actualReleaseDate) meeting('POST_RELEASE_REVIEW', addDays(actualReleaseDate, 14), false, yjsId);
  });
  return data;
}

/** Every ninth child was released recently; every seventh (of the rest) is on remand. */
function kindOf(i: number): 'sentenced' | 'remand' | 'released' {
  if (i % 9 === 4) return 'released';
  if (i % 7 === 5) return 'remand';
  return 'sentenced';
}
