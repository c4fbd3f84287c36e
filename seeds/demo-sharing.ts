import { addDays, atTime } from './calendar';
import { addWorkingDays } from '../src/shared/calendar/working-days';
import { AGENCY, yjsIdFor } from './demo-consortium';
import type { DemoCaseData } from './demo-children';
import { demoUserId } from './demo-users';
import { fixedId, IdKind } from './fixed-ids';

type Row = Record<string, unknown>;

export interface DemoSharingData {
  consents: Row[];
  involvements: Row[];
  probationTransfers: Row[];
  accommodationRequests: Row[];
  dataRequests: Row[];
  accommodationRecipients: Row[];
}

const EXPLANATION =
  'We explained in plain words who would see this information, why it helps plan your release, and that you can change your mind at any time.';

/**
 * Consents and case relationships for the demo: establishments hold health consent for the
 * children in their care, the consortium team for some, a Leeds child has an accommodation
 * request with Leeds Housing Options, a Calderdale child a college place, a 17-year-old a
 * probation referral.
 */
export function buildDemoSharing(today: string, cases: DemoCaseData): DemoSharingData {
  const data: DemoSharingData = { consents: [], involvements: [], probationTransfers: [], accommodationRequests: [], accommodationRecipients: [], dataRequests: [] };
  let consentNumber = 0;
  const consent = (childId: string, scope: string, recipient: { agencyId?: string; agencyType?: string }, givenOn: string, recordedBy: string, agencyId: string) =>
    data.consents.push({
      id: fixedId(IdKind.Consent, ++consentNumber), child_id: childId, scope,
      recipient_agency_id: recipient.agencyId ?? null, recipient_agency_type: recipient.agencyType ?? null,
      given_by: 'CHILD', given_at: atTime(givenOn, '11:00:00'), expires_at: atTime(addDays(today, 365)),
      explanation: EXPLANATION, evidence_reference: `SIGNED-FORM-${consentNumber}`,
      recorded_by_user_id: recordedBy, recorded_by_agency_id: agencyId,
    });

  const inCustody = cases.custodyEpisodes.filter((e) => e.status === 'IN_CUSTODY');
  inCustody.forEach((episode, k) => {
    const establishment = String(episode.establishment_agency_id);
    const caseworker = demoUserId(establishment === AGENCY.adelBeck ? 'adelbeck.cw' : 'wetherby.cw');
    const givenOn = addDays(String(episode.entry_date), 3);
    consent(String(episode.child_id), 'health', { agencyId: establishment }, givenOn, caseworker, establishment);
    if (k % 2 === 0) consent(String(episode.child_id), 'substance_misuse', { agencyId: establishment }, givenOn, caseworker, establishment);
    if (k % 3 === 0) consent(String(episode.child_id), 'health', { agencyType: 'CONSORTIUM_TEAM' }, givenOn, demoUserId('swyrc.lw'), AGENCY.consortiumTeam);
  });

  const child = (authority: string, predicate: (episode: Row) => boolean) => {
    const found = cases.children.find((c) => c.home_local_authority_code === authority && cases.custodyEpisodes.some((e) => e.child_id === c.id && predicate(e)));
    if (!found) throw new Error(`demo data has no ${authority} child for this purpose`);
    return String(found.id);
  };
  const sentenced = (e: Row) => e.status === 'IN_CUSTODY' && e.legal_status === 'SENTENCED';

  const referred = child('LEEDS', sentenced);
  const referredEpisode = cases.custodyEpisodes.find((e) => e.child_id === referred && e.status === 'IN_CUSTODY');
  const requestId = fixedId(IdKind.AccommodationRequest, 1);
  data.accommodationRequests.push({
    id: requestId, child_id: referred, requested_by_agency_id: yjsIdFor('LEEDS'), requested_by_user_id: demoUserId('leeds.cm'), status: 'OPEN',
    release_date: referredEpisode?.release_date ?? addDays(today, 42), release_area: 'LEEDS', preferred_areas: ['Leeds east', 'Leeds north'],
    child_wishes: 'Wants to live near college and near grandparents; does not want a hostel.',
    support_level: 'SUPPORTED_ACCOMMODATION', support_needs: ['Independent living skills', 'Help to manage money'],
    placement_risks: {
      exclusionZones: ['Leeds city centre'],
      licenceConditions: [{ kind: 'CURFEW', detail: '19:00 to 07:00' }],
      restrictions: ['NOT_WITH_YOUNGER_CHILDREN'],
    },
  });
  [AGENCY.leedsHousingOptions, AGENCY.youthHousingTrust].forEach((provider, n) =>
    data.accommodationRecipients.push({
      id: fixedId(IdKind.AccommodationRecipient, n + 1), request_id: requestId, provider_agency_id: provider, status: 'SENT',
      sent_at: atTime(addDays(today, -3), '10:00:00'),
    }),
  );

  const student = child('CALDERDALE', sentenced);
  data.involvements.push({
    id: fixedId(IdKind.CaseInvolvement, 1), child_id: student, agency_id: AGENCY.calderCollege, purpose: 'Day-one college place after release',
    starts_at: atTime(addDays(today, -20)), ends_at: atTime(addDays(today, 180)), created_by_user_id: demoUserId('calderdale.cm'),
  });
  consent(student, 'ete', { agencyId: AGENCY.calderCollege }, addDays(today, -20), demoUserId('calderdale.cm'), yjsIdFor('CALDERDALE'));

  const nearlyAdult = cases.children.find((c) => c.home_local_authority_code === 'SHEFFIELD' && String(c.date_of_birth) <= addDays(today, -17 * 365));
  if (nearlyAdult) {
    data.probationTransfers.push({
      id: fixedId(IdKind.ProbationTransfer, 1), child_id: nearlyAdult.id, probation_agency_id: AGENCY.probation, status: 'REFERRED',
      referred_on: addDays(today, -10), handover_on: null, yjs_contingency_until: null,
    });
  }
  data.dataRequests.push(...demoDataRequests(today, cases));
  return data;
}

/** Leeds YJS asking Wetherby about two Leeds children there: one due soon, one overdue, one answered. */
function demoDataRequests(today: string, cases: DemoCaseData): Row[] {
  const leedsAtWetherby = cases.custodyEpisodes
    .filter((e) => e.status === 'IN_CUSTODY' && e.establishment_agency_id === AGENCY.wetherby)
    .map((e) => String(e.child_id))
    .filter((id) => cases.children.some((c) => c.id === id && c.home_local_authority_code === 'LEEDS'));
  if (leedsAtWetherby.length < 2) throw new Error('demo data has fewer than two Leeds children at Wetherby');
  const request = (n: number, childId: string, requestedOn: string, scopes: string[], answered: boolean) => ({
    id: fixedId(IdKind.DataRequest, n), child_id: childId, requesting_agency_id: yjsIdFor('LEEDS'), requested_by_user_id: demoUserId('leeds.cm'),
    addressed_agency_id: AGENCY.wetherby, scopes, purpose: 'RESETTLEMENT_PLANNING', requested_at: atTime(requestedOn),
    due_on: addWorkingDays(requestedOn, 5), status: answered ? 'ANSWERED' : 'OPEN', outcome: answered ? 'PROVIDED' : null,
    responded_at: answered ? atTime(addWorkingDays(requestedOn, 2), '15:00:00') : null,
    responded_by_user_id: answered ? demoUserId('wetherby.cw') : null, version: answered ? 2 : 1,
  });
  return [
    request(1, leedsAtWetherby[0], addDays(today, -1), ['ete', 'health'], false),
    request(2, leedsAtWetherby[1], addDays(today, -12), ['ete'], false),
    request(3, leedsAtWetherby[1], addDays(today, -30), ['health'], true),
  ];
}
