import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { choose, expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

/** Where the screenshots of the scoring screens go, for a person to look at. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/scoring-${name}.png`, fullPage: true, animations: 'disabled' });

async function post(request: APIRequestContext, path: string, body: Record<string, unknown>): Promise<string> {
  const response = await request.post(`/api/v1${path}`, { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Sends events through the collection API with the workspace's write key, as a website would. */
async function sendEvents(request: APIRequestContext, batch: Record<string, unknown>[]): Promise<void> {
  const settings = await request.get('/api/v1/tracking/settings');
  expect(settings.status(), await settings.text()).toBe(200);
  const { writeKeys } = (await settings.json()) as { writeKeys: { key: string }[] };
  const response = await request.post('/v1/batch', {
    headers: { authorization: `Basic ${Buffer.from(`${writeKeys[0]!.key}:`).toString('base64')}` },
    data: { batch },
  });
  expect(response.status(), await response.text()).toBe(200);
}

function row(scope: Page | Locator, table: string, text: string) {
  return scope.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

test('fit and engagement rules made by clicking score a contact, who shows its grade and why', async ({ adminPage: page }) => {
  const vpRule = `VP title ${run}`;
  const pricingRule = `Pricing page ${run}`;
  // Other specs share the workspace: their rules are archived so the scores below are this spec's alone.
  const existing = await (await page.request.get('/api/v1/scoring/rules')).json() as { items: { id: string }[] };
  for (const rule of existing.items) expect((await page.request.delete(`/api/v1/scoring/rules/${rule.id}`)).status()).toBe(204);

  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Scoring' }).click();
  await expect(page).toHaveURL(/\/scoring$/);
  await expect(page.getByRole('heading', { name: 'Scoring', level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Fit rules/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No fit rules yet')).toBeVisible();
  await shot(page, 'empty');

  // A fit rule: job title contains VP, +20. Nothing filled in yet: the form says what is missing.
  await page.getByRole('button', { name: 'Add rule' }).first().click();
  const fitDrawer = page.getByRole('dialog', { name: 'New fit rule' });
  await fitDrawer.getByRole('button', { name: 'Add rule' }).click();
  await expect(fitDrawer).toContainText('Give the rule a name');
  await expect(fitDrawer.getByRole('group', { name: 'Conditions' })).toContainText('Choose a field to score on');
  await fitDrawer.getByRole('textbox', { name: 'Name' }).fill(vpRule);
  const condition = fitDrawer.getByRole('group', { name: 'Condition 1' });
  await choose(page, 'Field', 'Job title', condition);
  await choose(page, 'Operator', 'contains', condition);
  await condition.getByRole('textbox', { name: 'Value', exact: true }).fill('VP');
  await fitDrawer.getByRole('textbox', { name: 'Points', exact: true }).fill('20');
  await expect(fitDrawer.getByRole('note', { name: 'Rule summary' })).toHaveText('+20 while Job title contains VP');
  await shot(page, 'fit-editor');
  await fitDrawer.getByRole('button', { name: 'Add rule' }).click();
  await expect(fitDrawer).toBeHidden();
  const fitRow = row(page, 'Fit rules', vpRule);
  await expect(fitRow).toContainText('Job title contains VP');
  await expect(fitRow).toContainText('+20');
  await expect(fitRow.getByRole('switch', { name: `${vpRule} active` })).toBeChecked();

  // An engagement rule: each view of /pricing, +10, at most 20 a day.
  await page.getByRole('tab', { name: /Engagement rules/ }).click();
  await expect(page).toHaveURL(/\/scoring\?tab=engagement$/);
  await page.getByRole('button', { name: 'Add rule' }).first().click();
  const engagementDrawer = page.getByRole('dialog', { name: 'New engagement rule' });
  await engagementDrawer.getByRole('textbox', { name: 'Name' }).fill(pricingRule);
  await expect(engagementDrawer.getByRole('combobox', { name: 'When a contact' })).toHaveValue('Views a page');
  await engagementDrawer.getByRole('textbox', { name: 'Points', exact: true }).fill('10');
  await engagementDrawer.getByRole('switch', { name: 'Limit the points' }).check();
  await engagementDrawer.getByRole('textbox', { name: 'Cap points' }).fill('20');
  await expect(engagementDrawer.getByRole('combobox', { name: 'Cap period' })).toHaveValue('per day');
  // No page yet: the server's 400 lands next to the activity it is about.
  await engagementDrawer.getByRole('button', { name: 'Add rule' }).click();
  const activity = engagementDrawer.getByRole('group', { name: 'Activity' });
  await expect(activity).toHaveAttribute('aria-invalid', 'true');
  await expect(activity).toContainText('page path');
  await activity.getByLabel('Page path', { exact: true }).fill('/pricing');
  await activity.getByLabel('Page path', { exact: true }).press('Escape');
  await expect(activity).not.toHaveAttribute('aria-invalid', 'true');
  await expect(engagementDrawer.getByRole('note', { name: 'Rule summary' })).toHaveText('+10 each time: Viewed page /pricing · at most 20 per day');
  await shot(page, 'engagement-editor');
  await engagementDrawer.getByRole('button', { name: 'Add rule' }).click();
  await expect(engagementDrawer).toBeHidden();
  const engagementRow = row(page, 'Engagement rules', pricingRule);
  await expect(engagementRow).toContainText('Viewed page /pricing');
  await expect(engagementRow).toContainText('+10');
  await expect(engagementRow).toContainText('20 per day');
  await shot(page, 'engagement-rules');

  await page.getByRole('tab', { name: /Fit rules/ }).click();
  await expect(row(page, 'Fit rules', vpRule)).toBeVisible();
  await shot(page, 'fit-rules');

  // Settings: thresholds out of order are refused before they reach the server.
  await page.getByRole('tab', { name: 'Settings' }).click();
  const settings = page.getByRole('form', { name: 'Scoring settings' });
  await expect(settings.getByRole('textbox', { name: 'Half-life' })).toHaveValue('30');
  await expect(page.getByRole('table', { name: 'Grades and tiers' })).toContainText('A1');
  await settings.getByRole('textbox', { name: 'Grade B from' }).fill('70');
  await expect(settings).toContainText('A > B > C');
  await shot(page, 'settings');
  await settings.getByRole('button', { name: 'Discard changes' }).click();
  await expect(settings.getByRole('textbox', { name: 'Grade B from' })).toHaveValue('40');

  // A VP at a company, who then views the pricing page three times: the cap keeps it to 20 a day.
  const email = `vera.${run}@scoring.test`;
  const companyId = await post(page.request, '/companies', { name: `Scoring Oy ${run}`, domain: `scoring-${run}.example` });
  const contactId = await post(page.request, '/contacts', { firstName: 'Vera', lastName: `Virta ${run}`, email, jobTitle: 'VP Sales', companyId });
  const userId = `score-${run}`;
  await sendEvents(page.request, [
    { type: 'identify', userId, traits: { email } },
    ...Array.from({ length: 3 }, () => ({ type: 'page', userId, name: 'Pricing', properties: { path: '/pricing' } })),
  ]);

  await page.goto(`/contacts/${contactId}`);
  const card = page.getByRole('region', { name: 'Score', exact: true });
  // Scores are computed by the background worker; the card asks again every few seconds.
  await expect(card.getByLabel('Fit score')).toHaveText('20', { timeout: 20_000 });
  await expect(card.getByLabel('Engagement score')).toHaveText('20', { timeout: 20_000 });
  const why = card.getByRole('group', { name: 'Why this score' });
  await expect(why.getByRole('list', { name: 'Fit rules matched' })).toContainText(`${vpRule}+20`);
  const earned = why.getByRole('list', { name: 'Engagement points' }).getByRole('listitem');
  await expect(earned).toHaveCount(2);
  await expect(earned.first()).toContainText(pricingRule);
  await expect(earned.first()).toContainText('+10');
  // Fit 20 is grade C, engagement 20 is level 3: C3, a warm lead.
  await expect(card.getByLabel('Grade', { exact: true })).toHaveText('C3');
  await expect(card.getByLabel('Tier: Warm')).toBeVisible();
  await shot(page, 'contact');
  await snap(page, 'scoring-contact');

  // The account: one contact, its best fit and its engagement.
  await page.goto(`/companies/${companyId}`);
  const account = page.getByRole('region', { name: 'Account score' });
  await expect(account.getByLabel('Scored contacts')).toHaveText('1');
  await expect(account.getByLabel('Best fit')).toHaveText('20');
  await expect(account.getByLabel('Account engagement')).toHaveText('20');
  await expect(account.getByRole('list', { name: 'Contacts by tier' })).toContainText('1 warm');
  await shot(page, 'company');

  // Archived with a confirmation: the rules leave the tables (and stop scoring the suite's other contacts).
  await page.goto('/scoring');
  // A rule opens in the editor as it was saved.
  await row(page, 'Fit rules', vpRule).getByRole('button', { name: vpRule, exact: true }).click();
  const editDrawer = page.getByRole('dialog', { name: `Edit ${vpRule}` });
  await expect(editDrawer.getByRole('group', { name: 'Condition 1' }).getByRole('textbox', { name: 'Value', exact: true })).toHaveValue('VP');
  await expect(editDrawer.getByRole('textbox', { name: 'Points', exact: true })).toHaveValue('20');
  await editDrawer.getByRole('button', { name: 'Cancel' }).click();
  await expect(editDrawer).toBeHidden();

  await row(page, 'Fit rules', vpRule).getByRole('button', { name: `Actions for ${vpRule}` }).click();
  await page.getByRole('menuitem', { name: 'Archive' }).click();
  const confirm = page.getByRole('dialog', { name: 'Archive rule' });
  await expect(confirm).toContainText(vpRule);
  await shot(page, 'archive');
  await confirm.getByRole('button', { name: 'Archive rule' }).click();
  await expect(row(page, 'Fit rules', vpRule)).toHaveCount(0);
  await page.getByRole('tab', { name: /Engagement rules/ }).click();
  await row(page, 'Engagement rules', pricingRule).getByRole('button', { name: `Actions for ${pricingRule}` }).click();
  await page.getByRole('menuitem', { name: 'Archive' }).click();
  await page.getByRole('dialog', { name: 'Archive rule' }).getByRole('button', { name: 'Archive rule' }).click();
  await expect(row(page, 'Engagement rules', pricingRule)).toHaveCount(0);
});
