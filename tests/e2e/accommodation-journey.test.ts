/**
 * The accommodation journey end to end through the gateway: a Leeds case manager refers a child
 * to two housing providers; Leeds Housing Options sees a minimised referral, asks a question and
 * offers an address; the case manager accepts, visits and confirms it; the child's release
 * address changes; the other provider loses access; every step is in the audit log and the outbox.
 */
import { randomUUID } from 'node:crypto';
import { AGENCY, yjsIdFor } from '../../seeds/demo-consortium';
import { demoUserId } from '../../seeds/demo-users';
import { demoChild } from '../helpers/demo-lookup';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let childId: string;
const LEEDS_YJS = yjsIdFor('LEEDS');

beforeAll(async () => {
  hub = await startTestHub();
  childId = await demoChild(hub.db, {
    authority: 'LEEDS',
    status: 'IN_CUSTODY',
    sentenced: true,
    sql: `c.id NOT IN (SELECT child_id FROM accommodation_request) AND e.release_date > current_date + 14`,
  });
});
afterAll(() => hub?.stop());

interface AuditRow {
  actor_id: string;
  actor_agency_id: string;
  operation: string;
  outcome: string;
  reason: string | null;
  child_ids: string[];
  scopes: string[];
  resource: string;
  justification: Record<string, unknown>;
}

/** One step of the journey: its own correlation id, so its audit entries can be found. */
async function step<T>(as: string, query: string, variables: Record<string, unknown> = {}) {
  const correlationId = `accommodation-journey-${randomUUID()}`;
  const response: GraphQLResponse<T> = await hub.query<T>(query, { as, variables, headers: { 'x-correlation-id': correlationId } });
  const audit: AuditRow[] = await hub.db.query(
    `SELECT actor_id, actor_agency_id, operation, outcome, reason, child_ids::text[] AS child_ids, scopes, resource, justification
       FROM audit_event WHERE correlation_id = $1 ORDER BY seq`,
    [correlationId],
  );
  return { body: response.body, data: response.body.data as T, audit };
}

const REQUEST_FIELDS = `id status version
  recipients { id status version accessEndsAt closedReason provider { id } thread { kind body author { id } } offer { id status } }
  offers { id status provider { id } address { line1 postcode } }`;

const CREATE = `mutation($input: CreateAccommodationRequestInput!, $key: String) {
  createAccommodationRequest(input: $input, idempotencyKey: $key) { ${REQUEST_FIELDS} } }`;
const INBOX = `query { accommodationRequests(status: OPEN, first: 50) { totalCount edges { node {
  id status child { id }
  referral { ageAtRelease sex releaseDate releaseArea preferredAreas childWishes supportLevel supportNeeds
             placementRisks { exclusionZones licenceConditions { kind detail } restrictions } }
  recipients { id status version provider { id } } offers { id } } } } }`;
const FOLLOW_CHILD = `query($id: ID!) { accommodationRequest(id: $id) { id child { id identity { age } health { status } caseManagement { custody { releaseDate } } } } }`;
const PART = `id status version accessEndsAt thread { kind body } offer { id status holdUntil }`;
const ACKNOWLEDGE = `mutation($input: ProviderAnswerInput!) { acknowledgeRequest(input: $input) { ${PART} } }`;
const ASK = `mutation($input: AskClarificationInput!) { askClarification(input: $input) { ${PART} } }`;
const REPLY = `mutation($input: ReplyToClarificationInput!) { replyToClarification(input: $input) { ${REQUEST_FIELDS} } }`;
const OFFER = `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { ${PART} } }`;
const ACCEPT = `mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { ${REQUEST_FIELDS} } }`;
const VISIT = `mutation($input: RecordAddressVisitInput!) { recordAddressVisit(input: $input) { id version addressVisits { suitability visitedOn } } }`;
const CONFIRM = `mutation($input: AccommodationRequestChangeInput!) { confirmAddress(input: $input) {
  id status version releaseAddress { address { line1 postcode } accommodationType } } }`;
const RELEASE_ADDRESS = `query($childId: ID!) { childReleaseAddress(childId: $childId) { id address { line1 postcode } } }`;
const ONE = `query($id: ID!) { accommodationRequest(id: $id) { id status } }`;
const CHILD = `query($id: ID!) { child(id: $id) { id } }`;

interface Part { id: string; status: string; version: number; accessEndsAt: string | null; closedReason?: string | null; provider: { id: string };
  thread: { kind: string; body: string }[]; offer: { id: string; status: string } | null }
interface RequestView { id: string; status: string; version: number; recipients: Part[]; offers: { id: string; status: string; provider: { id: string } }[] }

function expectAudit(audit: AuditRow[], expected: Partial<AuditRow>[]): void {
  for (const entry of expected) expect(audit).toEqual(expect.arrayContaining([expect.objectContaining(entry)]));
}

it('takes a child from referral to a confirmed release address, minimised for providers and audited at every step', async () => {
  const leedsHousing = AGENCY.leedsHousingOptions;
  const trust = AGENCY.youthHousingTrust;
  const addressBefore = await step<{ childReleaseAddress: unknown }>('leeds.cm', RELEASE_ADDRESS, { childId });
  expect(addressBefore.body.errors).toBeUndefined();
  expect(addressBefore.data.childReleaseAddress).toBeNull();

  // 1. The case manager sends the referral to two providers.
  const created = await step<{ createAccommodationRequest: RequestView }>('leeds.cm', CREATE, {
    key: `journey-${randomUUID()}`,
    input: {
      childId,
      providerAgencyIds: [leedsHousing, trust],
      releaseArea: 'LEEDS',
      preferredAreas: ['Leeds east'],
      childWishes: 'Somewhere quiet, near my college',
      supportLevel: 'SUPPORTED_ACCOMMODATION',
      supportNeeds: ['Independent living skills'],
      placementRisks: { exclusionZones: ['Leeds city centre'], licenceConditions: [{ kind: 'CURFEW', detail: '19:00 to 07:00' }], restrictions: [] },
    },
  });
  expect(created.body.errors).toBeUndefined();
  const request = created.data.createAccommodationRequest;
  expect(request).toMatchObject({ status: 'OPEN', version: 1 });
  expect(request.recipients.map((r) => [r.provider.id, r.status]).sort()).toEqual([[leedsHousing, 'SENT'], [trust, 'SENT']].sort());
  const requestResource = `accommodation_request:${request.id}`;
  expectAudit(created.audit, [
    { operation: 'ALTER', outcome: 'ALLOWED', child_ids: [childId], actor_id: demoUserId('leeds.cm'), resource: `mutation:createAccommodationRequest:${requestResource}` },
    ...[leedsHousing, trust].map((provider) => ({
      operation: 'DISCLOSE', outcome: 'ALLOWED', child_ids: [childId], resource: requestResource,
      justification: expect.objectContaining({ agreementId: 'swy-housing-isa', relationship: 'ACCOMMODATION_REFERRAL', recipientAgencyIds: [provider] }),
    })),
  ]);

  // 2. Leeds Housing Options sees it in its inbox, minimised: no offence or health details.
  const inbox = await step<{ accommodationRequests: { edges: { node: Record<string, unknown> & RequestView & { referral: Record<string, unknown> } }[] } }>(
    'housing.leeds', INBOX,
  );
  expect(inbox.body.errors).toBeUndefined();
  const seen = inbox.data.accommodationRequests.edges.map((e) => e.node).find((n) => n.id === request.id)!;
  expect(seen.referral).toMatchObject({
    releaseArea: 'LEEDS', childWishes: 'Somewhere quiet, near my college', supportLevel: 'SUPPORTED_ACCOMMODATION', supportNeeds: ['Independent living skills'],
    placementRisks: { exclusionZones: ['Leeds city centre'], licenceConditions: [{ kind: 'CURFEW', detail: '19:00 to 07:00' }], restrictions: [] },
  });
  expect(typeof seen.referral.ageAtRelease).toBe('number');
  expect(seen.recipients.map((r) => r.provider.id)).toEqual([leedsHousing]);
  expect(JSON.stringify(seen)).not.toMatch(/offen|health|sentence|safeguard|mappa/i);
  expectAudit(inbox.audit, [
    // The inbox lists other children read alike in the same entry.
    { operation: 'CONSULT', outcome: 'ALLOWED', child_ids: expect.arrayContaining([childId]), actor_id: demoUserId('housing.leeds'), scopes: ['accommodation', 'identity'] },
  ]);
  // Following the child to the cases subgraph is authorised there again: identity yes; health and custody no.
  const followed = await step<{ accommodationRequest: { child: { identity: unknown; health: unknown; caseManagement: unknown } } }>(
    'housing.leeds', FOLLOW_CHILD, { id: request.id },
  );
  expect(followed.data.accommodationRequest.child).toMatchObject({ identity: { age: expect.any(Number) }, health: null, caseManagement: null });
  expectAudit(followed.audit, [
    { operation: 'CONSULT', outcome: 'ALLOWED', child_ids: [childId], scopes: ['identity'], resource: 'reference:Child' },
    { operation: 'CONSULT', outcome: 'DENIED', child_ids: [childId], scopes: ['custody'] },
    { operation: 'CONSULT', outcome: 'DENIED', child_ids: [childId], scopes: ['health'] },
  ]);
  expect(followed.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
    ['accommodationRequest.child.caseManagement', 'FORBIDDEN'], ['accommodationRequest.child.health', 'FORBIDDEN'],
  ]);

  // 3. It acknowledges and asks a question; the case manager answers.
  const mine = seen.recipients[0];
  const acknowledged = await step<{ acknowledgeRequest: Part }>('housing.leeds', ACKNOWLEDGE, { input: { requestId: request.id, expectedVersion: mine.version } });
  expect(acknowledged.data.acknowledgeRequest).toMatchObject({ status: 'ACKNOWLEDGED', version: mine.version + 1 });
  expectAudit(acknowledged.audit, [{ operation: 'ALTER', resource: `mutation:acknowledgeRequest:${requestResource}`, actor_id: demoUserId('housing.leeds') }]);

  const asked = await step<{ askClarification: Part }>('housing.leeds', ASK, {
    input: { requestId: request.id, expectedVersion: acknowledged.data.acknowledgeRequest.version, question: 'Can the child manage a shared kitchen?' },
  });
  expect(asked.data.askClarification).toMatchObject({ status: 'CLARIFICATION_REQUESTED', thread: [{ kind: 'QUESTION', body: 'Can the child manage a shared kitchen?' }] });
  expectAudit(asked.audit, [{ operation: 'ALTER', resource: `mutation:askClarification:${requestResource}` }]);

  const replied = await step<{ replyToClarification: RequestView }>('leeds.cm', REPLY, {
    input: { recipientId: mine.id, expectedVersion: asked.data.askClarification.version, answer: 'Yes, with a little support at first.' },
  });
  expect(replied.body.errors).toBeUndefined();
  const answeredPart = replied.data.replyToClarification.recipients.find((r) => r.id === mine.id)!;
  expect(answeredPart).toMatchObject({ status: 'ACKNOWLEDGED', thread: [{ kind: 'QUESTION' }, { kind: 'ANSWER', author: { id: LEEDS_YJS } }] });
  expectAudit(replied.audit, [{ operation: 'ALTER', resource: `mutation:replyToClarification:${requestResource}`, actor_id: demoUserId('leeds.cm') }]);

  // 4. It offers an address; the trust acknowledges too (it takes part until another offer is accepted).
  const offered = await step<{ makeOffer: Part }>('housing.leeds', OFFER, {
    input: {
      requestId: request.id, expectedVersion: answeredPart.version, address: { line1: '12 Example Row', town: 'Leeds', postcode: 'ls9 8ab' },
      accommodationType: 'SUPPORTED_LODGINGS', availableFrom: new Date().toISOString().slice(0, 10), conditions: 'Weekly key-worker session',
    },
  });
  expect(offered.body.errors).toBeUndefined();
  expect(offered.data.makeOffer).toMatchObject({ status: 'OFFERED', offer: { status: 'MADE' } });
  expectAudit(offered.audit, [{ operation: 'ALTER', resource: `mutation:makeOffer:${requestResource}` }]);
  const trustInbox = await step<{ accommodationRequests: { edges: { node: RequestView }[] } }>('housing.wyyh', INBOX);
  const trustPart = trustInbox.data.accommodationRequests.edges.find((e) => e.node.id === request.id)!.node.recipients[0];
  expect(trustInbox.data.accommodationRequests.edges.find((e) => e.node.id === request.id)!.node.offers).toEqual([]);
  expectAudit(trustInbox.audit, [{ operation: 'CONSULT', child_ids: expect.arrayContaining([childId]), actor_id: demoUserId('housing.wyyh'), scopes: ['accommodation', 'identity'] }]);
  const trustAck = await step('housing.wyyh', ACKNOWLEDGE, { input: { requestId: request.id, expectedVersion: trustPart.version } });
  expectAudit(trustAck.audit, [{ operation: 'ALTER', resource: `mutation:acknowledgeRequest:${requestResource}`, actor_id: demoUserId('housing.wyyh') }]);

  // 5. The case manager accepts the offer: the trust's part (and access) ends.
  const accepted = await step<{ acceptOffer: RequestView }>('leeds.cm', ACCEPT, { input: { offerId: offered.data.makeOffer.offer!.id, expectedVersion: request.version } });
  expect(accepted.body.errors).toBeUndefined();
  const afterAccept = accepted.data.acceptOffer;
  expect(afterAccept.status).toBe('OFFER_ACCEPTED');
  const byProvider = new Map(afterAccept.recipients.map((r) => [r.provider.id, r]));
  expect(byProvider.get(leedsHousing)).toMatchObject({ status: 'ACCEPTED', accessEndsAt: null });
  expect(byProvider.get(trust)).toMatchObject({ status: 'CLOSED', closedReason: 'OTHER_OFFER_ACCEPTED', accessEndsAt: expect.any(String) });
  expectAudit(accepted.audit, [{ operation: 'ALTER', resource: `mutation:acceptOffer:${requestResource}` }]);

  const trustNow = await step<{ accommodationRequests: { edges: { node: { id: string } }[] } }>('housing.wyyh', INBOX);
  expect(trustNow.data.accommodationRequests.edges.map((e) => e.node.id)).not.toContain(request.id);
  const trustOne = await step('housing.wyyh', ONE, { id: request.id });
  expect(trustOne.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expectAudit(trustOne.audit, [{ outcome: 'DENIED', reason: 'NOT_FOUND', child_ids: [childId], actor_id: demoUserId('housing.wyyh') }]);
  const trustChild = await step('housing.wyyh', CHILD, { id: childId });
  expect(trustChild.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');

  // 6. The address is visited, found suitable, and confirmed: it becomes the child's release address.
  const metAt = async () =>
    (await hub.db.query(`SELECT met_at FROM deadline WHERE child_id = $1 AND rule_code = 'ACCOMMODATION_CONFIRMED'`, [childId]))[0]?.met_at;
  expect(await metAt()).toBeNull();
  const visited = await step<{ recordAddressVisit: { version: number; addressVisits: { suitability: string }[] } }>('leeds.cm', VISIT, {
    input: { offerId: offered.data.makeOffer.offer!.id, visitedOn: new Date().toISOString().slice(0, 10), suitability: 'SUITABLE', notes: 'Room ready' },
  });
  expect(visited.data.recordAddressVisit.addressVisits).toEqual([expect.objectContaining({ suitability: 'SUITABLE' })]);
  expectAudit(visited.audit, [{ operation: 'ALTER', resource: `mutation:recordAddressVisit:${requestResource}` }]);

  const confirmed = await step<{ confirmAddress: { status: string; releaseAddress: unknown } }>('leeds.cm', CONFIRM, {
    input: { requestId: request.id, expectedVersion: afterAccept.version },
  });
  expect(confirmed.body.errors).toBeUndefined();
  expect(confirmed.data.confirmAddress).toMatchObject({
    status: 'CONFIRMED', releaseAddress: { address: { line1: '12 Example Row', postcode: 'LS9 8AB' }, accommodationType: 'SUPPORTED_LODGINGS' },
  });
  expectAudit(confirmed.audit, [{ operation: 'ALTER', resource: `mutation:confirmAddress:${requestResource}`, scopes: ['accommodation'] }]);

  const addressAfter = await step<{ childReleaseAddress: { address: { postcode: string } } }>('leeds.cm', RELEASE_ADDRESS, { childId });
  expect(addressAfter.data.childReleaseAddress.address.postcode).toBe('LS9 8AB');
  expectAudit(addressAfter.audit, [{ operation: 'CONSULT', child_ids: [childId], scopes: ['accommodation'] }]);

  // What the deadlines engine reads: the pathway is READY, led by the youth justice service.
  const [pathway] = await hub.db.query(
    `SELECT status, responsible_agency_id FROM pathway_update WHERE child_id = $1 AND pathway = 'ACCOMMODATION' ORDER BY recorded_at DESC, id DESC LIMIT 1`,
    [childId],
  );
  expect(pathway).toEqual({ status: 'READY', responsible_agency_id: LEEDS_YJS });
  expect(await metAt()).toEqual(expect.any(Date));
  const timeline = (await hub.db.query(`SELECT kind FROM timeline_event WHERE child_id = $1 AND subject_id = $2 ORDER BY recorded_at`, [childId, request.id]))
    .map((r: { kind: string }) => r.kind);
  expect(timeline).toEqual(expect.arrayContaining(['ACCOMMODATION_REQUESTED', 'ACCOMMODATION_OFFER_ACCEPTED', 'ACCOMMODATION_CONFIRMED']));

  // 7. Every event is in the outbox, in order, with ids and codes only.
  const outbox: { event_type: string; payload: Record<string, unknown>; child_id: string; published_at: Date | null }[] = await hub.db.query(
    `SELECT event_type, payload, child_id, published_at FROM outbox_event WHERE payload->>'requestId' = $1 ORDER BY seq`,
    [request.id],
  );
  expect(outbox.map((e) => e.event_type)).toEqual([
    'accommodation.request.sent', 'accommodation.request.sent', 'accommodation.request.acknowledged', 'accommodation.clarification.requested',
    'accommodation.clarification.answered', 'accommodation.offer.made', 'accommodation.request.acknowledged', 'accommodation.request.closed',
    'accommodation.offer.accepted', 'accommodation.address.visited', 'accommodation.address.confirmed',
  ]);
  expect(outbox.every((e) => e.child_id === childId && e.published_at === null)).toBe(true);
  expect(outbox.find((e) => e.event_type === 'accommodation.request.closed')?.payload).toMatchObject({ providerAgencyId: trust, reasonCode: 'OTHER_OFFER_ACCEPTED' });
  expect(JSON.stringify(outbox.map((e) => e.payload))).not.toMatch(/Example Row|kitchen|LS9/);
});
