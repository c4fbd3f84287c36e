/**
 * The web app in Chromium for housing officers, case managers and the data protection officer: a
 * housing officer asks the youth justice service a question, has it answered, and answers the referral with an offer (the form refuses an incomplete one with an
 * error summary), the case manager accepts it, and the DPO sees the disclosures and downloads the
 * subject access report. Every page passes axe-core.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { AGENCY } from '../../seeds/demo-consortium';
import { expectAccessible, openBrowser, screenshot, signInAs, type TestBrowser } from '../helpers/browser';
import { demoChild } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let browser: TestBrowser;
let childId: string;
let requestId: string;

const CREATE = `mutation($input: CreateAccommodationRequestInput!, $key: String) {
  createAccommodationRequest(input: $input, idempotencyKey: $key) { id } }`;
const REQUEST = `query($id: ID!) { accommodationRequest(id: $id) { status offers { status provider { id } address { line1 postcode } } } }`;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await openBrowser(hub.baseUrl());
  childId = await demoChild(hub.db, {
    authority: 'LEEDS',
    status: 'IN_CUSTODY',
    sentenced: true,
    sql: `c.id NOT IN (SELECT child_id FROM accommodation_request) AND e.release_date > current_date + 14`,
  });
  const created = await hub.query<{ createAccommodationRequest: { id: string } }>(CREATE, {
    as: 'leeds.cm',
    variables: {
      key: `web-${randomUUID()}`,
      input: {
        childId,
        providerAgencyIds: [AGENCY.leedsHousingOptions],
        releaseArea: 'LEEDS',
        preferredAreas: ['Leeds east'],
        childWishes: 'Somewhere quiet, near my college',
        supportLevel: 'SUPPORTED_ACCOMMODATION',
        supportNeeds: ['Independent living skills'],
        placementRisks: { exclusionZones: ['Leeds city centre'], licenceConditions: [{ kind: 'CURFEW', detail: '19:00 to 07:00' }], restrictions: [] },
      },
    },
  });
  expect(created.body.errors).toBeUndefined();
  requestId = created.body.data!.createAccommodationRequest.id;
}, 60_000);
afterAll(async () => {
  // Nothing the app does may break its own content security policy or throw.
  expect(browser?.problems).toEqual([]);
  await browser?.close();
  await hub?.stop();
});

it('lets a housing officer offer an address, which the case manager then accepts', async () => {
  const { page } = browser;
  await signInAs(page, 'housing.leeds');
  await page.getByRole('heading', { name: 'Accommodation requests' }).waitFor();
  const link = page.locator(`a[href="/requests/${requestId}"]`);
  await link.waitFor();
  await expectAccessible(page);
  await screenshot(page, 'housing-inbox');

  await link.click();
  await page.getByRole('heading', { name: 'Your response' }).waitFor();
  // The minimised referral: what a placement needs, nothing about offences or health.
  const referral = await page.locator('.govuk-summary-list').first().textContent();
  expect(referral).toContain('Somewhere quiet, near my college');
  expect(referral).toContain('Curfew: 19:00 to 07:00');
  expect(referral).not.toMatch(/offence|health|sentence/i);

  // A question to the youth justice service, answered by the case manager, shows in the thread.
  await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await page.getByRole('button', { name: 'Acknowledge receipt' }).waitFor({ state: 'detached' });
  await expect(page.locator('section', { hasText: 'Your response' }).locator('.govuk-tag').first().textContent()).resolves.toBe('Acknowledged');
  await page.getByText('Ask the youth justice service a question').click();
  await page.getByLabel('Your question').fill('Can the child manage a shared kitchen?');
  await page.getByRole('button', { name: 'Send question' }).click();
  await page.locator('.app-thread', { hasText: 'Can the child manage a shared kitchen?' }).waitFor();

  await signInAs(page, 'leeds.cm');
  await page.goto(`/requests/${requestId}`);
  await page.getByLabel('Answer Leeds Housing Options').fill('Yes, with a little support at first.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.locator('.app-thread', { hasText: 'Yes, with a little support at first.' }).waitFor();

  await signInAs(page, 'housing.leeds');
  await page.goto(`/requests/${requestId}`);
  await expect(page.locator('.app-thread').textContent()).resolves.toMatch(/Question from Leeds Housing Options.*shared kitchen.*Answer from Leeds Youth Justice Service.*little support/);
  const offer = page.getByRole('form', { name: 'Offer accommodation' });
  await offer.getByRole('button', { name: 'Make offer' }).click();
  const summary = offer.locator('.govuk-error-summary');
  await summary.waitFor();
  const problems = await summary.locator('li').allTextContents();
  expect(problems).toEqual(['Enter the first line of the address', 'Enter the town or city', 'Enter the postcode', 'Select the type of accommodation']);
  await summary.getByRole('link', { name: 'Enter the postcode' }).click();
  await expect(page.evaluate('document.activeElement.id')).resolves.toBe('offer-postcode');
  await expectAccessible(page);
  await screenshot(page, 'housing-offer-errors');
  expect((await hub.query<{ accommodationRequest: { offers: unknown[] } }>(REQUEST, { as: 'leeds.cm', variables: { id: requestId } })).body.data?.accommodationRequest.offers).toEqual([]);

  await offer.getByLabel('Address line 1').fill('12 Example Row');
  await offer.getByLabel('Town or city').fill('Leeds');
  await offer.getByLabel('Postcode').fill('LS9 8AB');
  await offer.getByLabel('Type of accommodation').selectOption('SUPPORTED_LODGINGS');
  await offer.getByRole('button', { name: 'Make offer' }).click();
  await page.getByRole('heading', { name: 'Your offer' }).waitFor();
  await expect(page.locator('section', { hasText: 'Your response' }).locator('.govuk-tag').first().textContent()).resolves.toBe('Offered');
  await expectAccessible(page);
  await screenshot(page, 'housing-request');

  await signInAs(page, 'leeds.cm');
  await page.goto('/requests');
  await page.locator(`a[href="/requests/${requestId}"]`).click();
  const card = page.locator('[data-offer-status="MADE"]', { hasText: 'Leeds Housing Options' });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('12 Example Row, Leeds, LS9 8AB');
  await expectAccessible(page);
  await screenshot(page, 'request-offers');
  await card.getByRole('button', { name: /^Accept offer/ }).click();
  await page.locator('[data-offer-status="ACCEPTED"]').waitFor();

  const after = await hub.query<{ accommodationRequest: { status: string; offers: { status: string; provider: { id: string }; address: { postcode: string } }[] } }>(
    REQUEST, { as: 'leeds.cm', variables: { id: requestId } },
  );
  expect(after.body.data?.accommodationRequest).toMatchObject({
    status: 'OFFER_ACCEPTED',
    offers: [{ status: 'ACCEPTED', provider: { id: AGENCY.leedsHousingOptions }, address: { postcode: expect.stringMatching(/^LS9 ?8AB$/i) } }],
  });
  await expect(page.locator('h1 + p .govuk-tag').textContent()).resolves.toBe('Offer accepted');
});

it('shows the data protection officer the disclosures for a child and downloads the subject access report', async () => {
  const { page } = browser;
  await signInAs(page, 'dpo');
  await page.getByRole('heading', { name: 'Disclosures for a child' }).waitFor();
  await page.getByRole('button', { name: 'Show disclosures' }).click();
  await expect(page.locator('.govuk-error-summary li').allTextContents()).resolves.toEqual([
    "Enter the child's record ID, for example 5eed0010-0000-4000-8000-000000000001",
  ]);
  await expectAccessible(page);

  await page.getByLabel("Child's record ID").fill(childId);
  await page.getByRole('button', { name: 'Show disclosures' }).click();
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  // The page shows the entries the API gives for this child (the housing officer's consultation among them).
  const logged: { n: number }[] = await hub.db.query(
    `SELECT count(*)::int AS n FROM audit_event WHERE $1 = ANY(child_ids) AND actor_agency_id = $2`, [childId, AGENCY.leedsHousingOptions],
  );
  expect(logged[0].n).toBeGreaterThan(0);
  await expect(page.locator('table').textContent()).resolves.toContain('Leeds Housing Options');
  await expectAccessible(page);
  await screenshot(page, 'disclosures', { fullPage: false });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download subject access report/ }).click()]);
  expect(download.suggestedFilename()).toBe(`subject-access-${childId}.csv`);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const fromApi = await hub.query<{ subjectAccessReport: { csv: string } }>(`query($id: ID!) { subjectAccessReport(childId: $id) { csv } }`, {
    as: 'dpo', variables: { id: childId },
  });
  expect(csv.split('\n')[0]).toBe(fromApi.body.data!.subjectAccessReport.csv.split('\n')[0]);
  expect(csv.split('\n').length).toBeGreaterThan(1);
});

it('fits a tablet screen without sideways scrolling on the caseload', async () => {
  const { page } = browser;
  await signInAs(page, 'leeds.cm');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/caseload');
  await page.locator('table.app-caseload').waitFor();
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await screenshot(page, 'caseload-tablet', { fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
});
