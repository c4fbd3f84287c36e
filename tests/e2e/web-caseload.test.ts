/**
 * The web app in Chromium for link workers and case managers: a case manager records a consent
 * withdrawal with the reason given; the link worker's caseload and the child's page then show the
 * health pathway as withheld with that reason instead of a blank. Every page passes axe-core.
 */
import { expectAccessible, openBrowser, screenshot, signInAs, type TestBrowser } from '../helpers/browser';
import { demoChild } from '../helpers/demo-lookup';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
let browser: TestBrowser;
let childId: string;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await openBrowser(hub.baseUrl());
  // A Leeds child whose health notes the consortium team (link workers) may see by the child's consent.
  childId = await demoChild(hub.db, {
    authority: 'LEEDS',
    status: 'IN_CUSTODY',
    sql: `c.id IN (SELECT child_id FROM consent WHERE scope = 'health' AND recipient_agency_type = 'CONSORTIUM_TEAM' AND withdrawn_at IS NULL)`,
  });
}, 60_000);
afterAll(async () => {
  // Nothing the app does may break its own content security policy or throw.
  expect(browser?.problems).toEqual([]);
  await browser?.close();
  await hub?.stop();
});

const HEALTH_ACCESS = `query($id: ID!) { child(id: $id) { health { status } } }`;
const HISTORY = `query($id: ID!) { consentHistory(childId: $id) { id scope status recipientAgencyType withdrawalReason } }`;

it('withdraws consent on the consent page, then shows the link worker the health pathway as withheld with its reason', async () => {
  const { page } = browser;
  const before = await hub.query<{ child: { health: unknown } }>(HEALTH_ACCESS, { as: 'swyrc.lw', variables: { id: childId } });
  expect(before.body.data?.child.health).not.toBeNull();

  await signInAs(page, 'leeds.cm');
  await page.goto(`/children/${childId}/consent`);
  const card = page.locator('[data-consent-scope="HEALTH"][data-consent-status="ACTIVE"]', { hasText: 'consortium team' });
  await card.getByRole('button', { name: /^Withdraw/ }).click();
  await card.getByRole('button', { name: 'Withdraw consent' }).click();
  await expect(card.locator('.govuk-error-message').textContent()).resolves.toContain('Enter why consent is being withdrawn');
  await expectAccessible(page);
  const reason = 'The child asked that the link worker no longer sees health notes';
  await card.getByLabel('Why is consent being withdrawn?').fill(reason);
  await card.getByRole('button', { name: 'Withdraw consent' }).click();
  await page.getByText('Consent to share health withdrawn').waitFor();

  const history = await hub.query<{ consentHistory: { scope: string; status: string; recipientAgencyType: string | null; withdrawalReason: string | null }[] }>(
    HISTORY, { as: 'leeds.cm', variables: { id: childId } },
  );
  expect(history.body.data?.consentHistory).toContainEqual(
    expect.objectContaining({ scope: 'HEALTH', recipientAgencyType: 'CONSORTIUM_TEAM', status: 'WITHDRAWN', withdrawalReason: reason }),
  );
  await screenshot(page, 'consent');

  await signInAs(page, 'swyrc.lw');
  await page.getByRole('heading', { name: 'Caseload' }).waitFor();
  const row = page.locator('tr', { has: page.locator(`a[href="/children/${childId}"]`) });
  await row.waitFor();
  const healthCell = row.locator('.app-readiness__item', { hasText: 'Health' });
  await expect(healthCell.locator('[data-withheld-reason]').getAttribute('data-withheld-reason')).resolves.toBe('CONSENT_WITHDRAWN');
  await expect(healthCell.textContent()).resolves.toContain('consent withdrawn');
  await expectAccessible(page);
  await screenshot(page, 'caseload', { fullPage: false });

  await row.locator(`a[href="/children/${childId}"]`).click();
  const health = page.locator('.app-pathways .govuk-summary-list__row', { hasText: 'Health' });
  await health.locator('.app-withheld').waitFor();
  await expect(health.textContent()).resolves.toContain('Consent withdrawn: the child has withdrawn consent to share this with your agency.');
  // The page says what the API says: the same field, null with CONSENT_WITHDRAWN.
  const after = await hub.query<{ child: { health: unknown } }>(HEALTH_ACCESS, { as: 'swyrc.lw', variables: { id: childId } });
  expect(after.body.data?.child.health).toBeNull();
  expect(after.body.errors?.[0]).toMatchObject({ path: ['child', 'health'], extensions: { reason: 'CONSENT_WITHDRAWN' } });
  expect(page.url()).toBe(`${hub.baseUrl()}/children/${childId}`);
  await expectAccessible(page);
  await screenshot(page, 'child');
});

async function openAlerts(page: TestBrowser['page'], as: string) {
  await signInAs(page, as);
  await page.goto('/alerts');
  await page.getByRole('heading', { name: 'Alerts' }).waitFor();
  await page.locator('table, p:text("No alerts.")').first().waitFor();
  const open = await hub.query<{ alerts: { totalCount: number } }>(`{ alerts(status: OPEN) { totalCount } }`, { as });
  return open.body.data!.alerts.totalCount;
}

it('lets a case manager acknowledge an alert, which leaves the open list', async () => {
  const { page } = browser;
  const openBefore = await openAlerts(page, 'leeds.cm');
  const buttons = page.getByRole('button', { name: /^Acknowledge/ });
  expect(await buttons.count()).toBe(Math.min(openBefore, 50));
  expect(openBefore).toBeGreaterThan(0);
  await expectAccessible(page);
  await screenshot(page, 'alerts');
  await buttons.first().click();
  await page.locator('table button').nth(Math.min(openBefore, 50) - 1).waitFor({ state: 'detached' });
  expect(await page.locator('.govuk-error-summary').count()).toBe(0);
  const openAfter = await hub.query<{ alerts: { totalCount: number } }>(`{ alerts(status: OPEN) { totalCount } }`, { as: 'leeds.cm' });
  expect(openAfter.body.data!.alerts.totalCount).toBe(openBefore - 1);
});

it("shows the API's refusal when a link worker, whose role may not acknowledge alerts, tries", async () => {
  const { page } = browser;
  const openBefore = await openAlerts(page, 'swyrc.lw');
  expect(openBefore).toBeGreaterThan(0);
  await page.getByRole('button', { name: /^Acknowledge/ }).first().click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  await expect(summary.textContent()).resolves.toContain('Not part of your role');
  const openAfter = await hub.query<{ alerts: { totalCount: number } }>(`{ alerts(status: OPEN) { totalCount } }`, { as: 'swyrc.lw' });
  expect(openAfter.body.data!.alerts.totalCount).toBe(openBefore);
  await expectAccessible(page);
});

it('grants team cover from the child page, refusing an empty form with an error summary', async () => {
  const { page } = browser;
  await signInAs(page, 'leeds.cm');
  await page.goto(`/children/${childId}/team-cover`);
  await page.getByRole('button', { name: 'Grant cover' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary.textContent()).resolves.toContain("Enter your colleague's user ID");
  await expect(page.evaluate(`document.activeElement.classList.contains('govuk-error-summary')`)).resolves.toBe(true);
  await expectAccessible(page);
  const colleague: { id: string }[] = await hub.db.query(`SELECT id FROM staff_user WHERE username = 'leeds.om'`);
  await page.getByLabel("Colleague's user ID").fill(colleague[0].id);
  await page.getByLabel('Why cover is needed').fill('Annual leave for a week');
  await page.getByRole('button', { name: 'Grant cover' }).click();
  await page.getByRole('heading', { name: 'Cover granted' }).waitFor();
  const grants: { n: number }[] = await hub.db.query(
    `SELECT count(*)::int AS n FROM team_cover_grant WHERE child_id = $1 AND grantee_user_id = $2`, [childId, colleague[0].id],
  );
  expect(grants[0].n).toBe(1);
});

it('can be used with the keyboard alone: skip link first, sign in with Tab, arrow keys and Enter', async () => {
  const { page } = browser;
  await signInAs(page, 'leeds.cm');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.reload();
  await page.getByRole('radio', { name: 'swyrc.lw', exact: true }).waitFor();
  await page.keyboard.press('Tab');
  await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to main content');
  const focusedIs = (name: string) => page.evaluate(`document.activeElement.getAttribute('value') === ${JSON.stringify(name)}`);
  for (let i = 0; i < 10 && !(await focusedIs('leeds.cm')); i++) await page.keyboard.press('Tab');
  expect(await focusedIs('leeds.cm')).toBe(true);
  await page.keyboard.press('ArrowDown');
  expect(await focusedIs('leeds.om')).toBe(true);
  await page.keyboard.press('Tab');
  await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Sign in as demo user');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await expect(page.locator('.app-header__user').textContent()).resolves.toContain('Leeds YJS operational manager');
});

it('keeps the session token in this tab only: nothing in local storage or cookies, no names in the address', async () => {
  const { page, context } = browser;
  await signInAs(page, 'swyrc.lw');
  await page.goto(`/children/${childId}`);
  await page.locator('.app-pathways').waitFor();
  expect(page.url()).toBe(`${hub.baseUrl()}/children/${childId}`);
  const storage = await page.evaluate(`({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })`);
  expect(storage).toEqual({ local: [], session: ['hub.session.token'] });
  expect(await context.cookies()).toEqual([]);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to the Resettlement Hub' }).waitFor();
  await expect(page.evaluate('sessionStorage.length')).resolves.toBe(0);
  await expectAccessible(page);
  await screenshot(page, 'sign-in');
});

it('records a consent with the explanation given to the child, checking the form first', async () => {
  const { page } = browser;
  await signInAs(page, 'leeds.cm');
  await page.goto(`/children/${childId}/consent`);
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Record consent' }) });
  await form.getByRole('button', { name: 'Record consent' }).click();
  await expect(form.locator('.govuk-error-summary li').allTextContents()).resolves.toEqual([
    'Select what the child agrees to share', 'Select who it may be shared with', 'Select who gave consent', 'Enter the explanation given to the child',
  ]);
  await expectAccessible(page);
  const explanation = 'Your college will know about your support needs so a place is ready for you on your first day out.';
  await form.getByLabel('ETE').check();
  await form.getByLabel('Who it may be shared with').selectOption({ label: 'Calder Valley College' });
  await form.getByLabel('Child', { exact: true }).check();
  await form.getByLabel('Explanation given to the child').fill(explanation);
  await form.getByRole('button', { name: 'Record consent' }).click();
  await page.getByText('1 consent recorded').waitFor();
  const history = await hub.query<{ consentHistory: { scope: string; status: string; explanation: string }[] }>(
    `query($id: ID!) { consentHistory(childId: $id) { scope status explanation } }`, { as: 'leeds.cm', variables: { id: childId } },
  );
  expect(history.body.data?.consentHistory).toContainEqual({ scope: 'ETE', status: 'ACTIVE', explanation });
});

it('in production, signs in with a token from the identity provider pasted into the sign-in page, and refuses a bad one', async () => {
  const production = await startTestHub({
    databaseUrl: hub.database.url,
    env: { NODE_ENV: 'production', IDENTITY_PROVIDER_URL: 'https://login.example.org/hub' },
  });
  const other = await openBrowser(production.baseUrl());
  try {
    const { page } = other;
    await page.goto('/');
    await page.getByLabel('Access token').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await expect(page.getByRole('link', { name: /identity provider/ }).getAttribute('href')).resolves.toBe('https://login.example.org/hub');
    await page.getByLabel('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('The hub did not accept this token');
    await expectAccessible(page);
    await page.getByLabel('Access token').fill(`Bearer ${production.tokenFor('swyrc.lw')}`);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.getByRole('heading', { name: 'Caseload' }).waitFor();
    await page.locator('table.app-caseload').waitFor();
    await expectAccessible(page);
    expect(other.problems).toEqual([]);
  } finally {
    await other.close();
    await production.stop();
  }
});
