/**
 * The web app's requests for data, in Chromium: Wetherby's custody caseworker finds the overdue
 * request Leeds YJS sent (demo data), records that the information is in the child's records, and
 * the Leeds case manager sees it answered. Every page passes axe-core.
 */
import { AGENCY, yjsIdFor } from '../../seeds/demo-consortium';
import { expectAccessible, openBrowser, screenshot, signInAs, type TestBrowser } from '../helpers/browser';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let browser: TestBrowser;
let overdue: { id: string; child_id: string };

beforeAll(async () => {
  hub = await startTestHub();
  browser = await openBrowser(hub.baseUrl());
  [overdue] = await hub.db.query(
    `SELECT id, child_id FROM data_request WHERE status = 'OPEN' AND due_on < current_date AND addressed_agency_id = $1 AND requesting_agency_id = $2`,
    [AGENCY.wetherby, yjsIdFor('LEEDS')],
  );
  expect(overdue).toBeDefined();
}, 60_000);
afterAll(async () => {
  expect(browser?.problems).toEqual([]);
  await browser?.close();
  await hub?.stop();
});

it('lets the agency asked answer an overdue request, which the agency that asked then sees answered', async () => {
  const { page } = browser;
  await signInAs(page, 'wetherby.cw');
  await page.getByRole('link', { name: 'Requests for data' }).click();
  await page.getByRole('heading', { name: 'Requests for data' }).waitFor();
  const row = page.locator('tr', { has: page.locator(`a[href="/children/${overdue.child_id}"]`) });
  await row.getByText('Overdue').waitFor();
  await expectAccessible(page);
  await screenshot(page, 'data-requests');

  await row.getByRole('button', { name: /^Recorded in the child’s records/ }).click();
  await row.waitFor({ state: 'detached' }); // the open-only list no longer shows it
  const [stored] = await hub.db.query(`SELECT status, outcome, responded_at IS NOT NULL AS responded FROM data_request WHERE id = $1`, [overdue.id]);
  expect(stored).toEqual({ status: 'ANSWERED', outcome: 'PROVIDED', responded: true });

  await signInAs(page, 'leeds.cm');
  await page.getByRole('link', { name: 'Requests for data' }).click();
  await page.getByLabel('Show').selectOption('OUTGOING');
  await page.getByLabel('Status').selectOption('ALL');
  const sent = page.locator('tr', { has: page.locator(`a[href="/children/${overdue.child_id}"]`) }).filter({ hasText: 'Answered' });
  await sent.first().waitFor();
  await expectAccessible(page);
});
