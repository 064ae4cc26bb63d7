import type { Locator, Page } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

/** Also copied to /tmp/broadcast-shots/, for a person to look at. */
const extraDir = '/tmp/broadcast-shots';

/** A full-page picture from the top, without the notifications of what was just done. */
async function shot(page: Page, name: string): Promise<void> {
  for (const close of await page.locator('.mantine-Notification-root button').all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, `broadcasts-${name}`);
  await mkdir(extraDir, { recursive: true });
  await copyFile(path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots', `broadcasts-${name}.png`), path.join(extraDir, `broadcasts-${name}.png`));
}

function row(scope: Page | Locator, table: string, text: string) {
  return scope.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

/** Picks the option of a Mantine Select whose text starts with `start` (options show more than their label). */
async function pick(page: Page, label: string, start: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
}

const newsletter = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hello {{ contact.firstName | default: "there" }}</mj-text>
  <mj-button href="https://acme.example/pricing">See plans</mj-button>
  <mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

/** `YYYY-MM-DDTHH:mm` in the browser's (and this process's) time zone. */
function localInputValue(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

test('broadcasts: a template to a list now, its report with every outcome, and a scheduled one cancelled', async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  const templateName = `Newsletter ${run}`;
  const listName = `Broadcast list ${run}`;
  const yes = `yes.${run}@broadcast.test`;
  const no = `no.${run}@broadcast.test`;

  // Through the API: a marketing template, a second one to archive, and a list of two contacts,
  // one of whom gave marketing consent.
  const template = await page.request.post('/api/v1/email/templates', {
    data: { name: templateName, kind: 'marketing', subject: 'News for {{ contact.firstName | default: "you" }}', mjml: newsletter },
  });
  expect(template.status(), await template.text()).toBe(201);
  const doomed = await page.request.post('/api/v1/email/templates', { data: { name: `Old news ${run}`, kind: 'marketing', subject: 'Old news', mjml: newsletter } });
  expect(doomed.status(), await doomed.text()).toBe(201);
  const contactIds: string[] = [];
  for (const [email, firstName] of [
    [yes, 'Yara'],
    [no, 'Noel'],
  ]) {
    const created = await page.request.post('/api/v1/contacts', { data: { email, firstName, lastName: `Broadcast ${run}` } });
    expect(created.status(), await created.text()).toBe(201);
    contactIds.push(((await created.json()) as { id: string }).id);
  }
  const consent = await page.request.post(`/api/v1/contacts/${contactIds[0]}/consent`, {
    data: { purpose: 'marketing_email', status: 'granted', source: 'form', wording: 'Send me the newsletter' },
  });
  expect(consent.status(), await consent.text()).toBeLessThan(300);
  const list = await page.request.post('/api/v1/lists', { data: { name: listName } });
  expect(list.status(), await list.text()).toBe(201);
  const listId = ((await list.json()) as { id: string }).id;
  const added = await page.request.post(`/api/v1/lists/${listId}/members`, { data: { contactIds } });
  expect(added.status(), await added.text()).toBeLessThan(300);

  // Email → Broadcasts.
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Email' }).click();
  await page.getByRole('tab', { name: 'Broadcasts' }).click();
  await expect(page).toHaveURL(/\/email\?tab=broadcasts$/);
  await expect(page.getByRole('link', { name: 'New broadcast' }).first()).toBeVisible();
  await shot(page, 'tab-first');
  await page.getByRole('link', { name: 'New broadcast' }).first().click();
  await expect(page).toHaveURL(/\/email\/broadcasts\/new$/);

  // Step 1: a name and a template; nothing chosen, the step says what is missing.
  await page.getByRole('button', { name: 'Next: Audience' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Give the broadcast a name')).toBeVisible();
  await expect(page.getByText('Choose the template to send')).toBeVisible();
  await shot(page, 'new-missing');
  await page.getByRole('textbox', { name: 'Name' }).fill(`Spring news ${run}`);
  await page.getByRole('combobox', { name: 'Template', exact: true }).click();
  // Marketing templates come first, under their heading.
  await expect(page.getByRole('listbox').getByText('Marketing', { exact: true })).toBeVisible();
  await shot(page, 'new-template-picker');
  await page.getByRole('option', { name: new RegExp(`^${templateName}`) }).click();
  await expect(page.getByRole('group', { name: 'Chosen template' })).toContainText('News for {{ contact.firstName | default: "you" }}');
  await shot(page, 'new-message');
  await page.getByRole('button', { name: 'Next: Audience' }).click();

  // Step 2: a list, with its member count.
  await page.locator('label').filter({ hasText: /^List$/ }).click();
  await pick(page, 'List', listName);
  await expect(page.getByRole('group', { name: 'Audience size' })).toContainText('2 members now');
  await shot(page, 'new-audience');
  await page.getByRole('button', { name: 'Next: Schedule' }).click();

  // Step 3: local hours explained; then "now", throttled.
  await page.getByRole('radio', { name: 'At a local hour' }).click();
  await expect(page.getByRole('alert', { name: 'How local hours work' })).toContainText("in their own time zone, as set on their contact record");
  await expect(page.getByRole('alert', { name: 'How local hours work' })).toContainText('UTC+14');
  await shot(page, 'new-schedule-local-hour');
  await page.getByRole('radio', { name: 'Send now' }).click();
  await page.getByRole('switch', { name: 'Limit the sending rate' }).check();
  const perMinute = page.getByRole('textbox', { name: 'Messages per minute' });
  await perMinute.fill('120');
  await expect(page.getByText('2 members: under a minute at this rate')).toBeVisible();
  await shot(page, 'new-schedule-now');
  await page.getByRole('button', { name: 'Next: Review' }).click();

  // Step 4: the summary, and the email as it goes out.
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByRole('group', { name: 'Template' })).toContainText(templateName);
  await expect(summary.getByRole('group', { name: 'Audience' })).toContainText(listName);
  await expect(summary.getByRole('group', { name: 'Audience' })).toContainText('List · 2 members now');
  await expect(summary.getByRole('group', { name: 'Schedule' })).toHaveText('Now');
  await expect(summary.getByRole('group', { name: 'Throttle' })).toContainText('120 a minute');
  await expect(page.frameLocator('iframe[title="Email preview"]').locator('body')).toContainText('Hello Alex');
  await shot(page, 'new-review');
  await page.getByRole('button', { name: 'Schedule broadcast' }).click();

  // The report: two recipients. The one without consent is skipped with that reason; the e2e
  // server has no SMTP server, so the other fails, saying so.
  await expect(page).toHaveURL(/\/email\/broadcasts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: `Spring news ${run}`, level: 1 })).toBeVisible();
  await expect(page.locator('[data-status="sent"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('group', { name: 'Recipients' })).toHaveText(/^Recipients2$/);
  // A stat card: its label, the number, a hint.
  const stat = (label: string, value: number) => expect(page.getByRole('group', { name: label, exact: true }).getByText(String(value), { exact: true })).toBeVisible();
  await stat('Failed', 1);
  await stat('Sent', 0);
  await stat('Skipped', 1);
  await stat('Bounces', 0);
  await stat('Opened', 0);
  await stat('Clicked', 0);
  await expect(page.getByRole('region', { name: 'Progress' })).toContainText('All 2 messages have an outcome');
  const consenting = row(page, 'Broadcast messages', yes);
  await expect(consenting).toContainText('Failed');
  await expect(consenting).toContainText('no SMTP server configured (SMTP_URL)');
  const refused = row(page, 'Broadcast messages', no);
  await expect(refused).toContainText('Skipped');
  await expect(refused).toContainText('no consent given');
  await expect(page.getByRole('region', { name: 'Clicks by link' })).toContainText('No clicks yet');
  await shot(page, 'report-sent');

  // It is in the list.
  await page.getByRole('link', { name: 'Broadcasts', exact: true }).click();
  await expect(page).toHaveURL(/\/email\?tab=broadcasts$/);
  const first = row(page, 'Broadcasts', `Spring news ${run}`);
  await expect(first).toContainText(templateName);
  await expect(first).toContainText(listName);
  await expect(first).toContainText('now');
  await expect(first).toContainText('120 a minute');
  await expect(first).toContainText('Sent');

  // A second one at a date and time. Its template is archived before it is scheduled: the
  // server's refusal shows at the template input.
  await page.getByRole('link', { name: 'New broadcast' }).first().click();
  await page.getByRole('textbox', { name: 'Name' }).fill(`Summer news ${run}`);
  await pick(page, 'Template', `Old news ${run}`);
  await page.getByRole('button', { name: 'Next: Audience' }).click();
  await page.locator('label').filter({ hasText: /^List$/ }).click();
  await pick(page, 'List', listName);
  await page.getByRole('button', { name: 'Next: Schedule' }).click();
  await page.getByRole('radio', { name: 'At a date and time' }).click();
  const when = new Date();
  when.setDate(when.getDate() + 2);
  when.setHours(9, 0, 0, 0);
  await page.getByRole('textbox', { name: 'Date and time' }).fill(localInputValue(when));
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await expect(page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Schedule' })).toContainText(/^at \d{1,2} [A-Z][a-z]{2}( \d{4})? 09:00/);
  const archived = await page.request.delete(`/api/v1/email/templates/${((await doomed.json()) as { id: string }).id}`);
  expect(archived.status()).toBe(204);
  await page.getByRole('button', { name: 'Schedule broadcast' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible();
  const templateInput = page.getByRole('combobox', { name: 'Template', exact: true });
  await expect(templateInput).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('no such template (it may have been archived)')).toBeVisible();
  await shot(page, 'new-server-error');
  await pick(page, 'Template', templateName);
  for (const next of ['Next: Audience', 'Next: Schedule', 'Next: Review']) await page.getByRole('button', { name: next }).click();
  await page.getByRole('button', { name: 'Schedule broadcast' }).click();

  // Scheduled: nothing counted yet, and it can be cancelled.
  await expect(page).toHaveURL(/\/email\/broadcasts\/[0-9a-f-]{36}$/);
  await expect(page.locator('[data-status="scheduled"]')).toHaveText('Scheduled');
  await expect(page.getByRole('group', { name: 'Schedule' })).toContainText(/^Scheduleat \d{1,2} [A-Z][a-z]{2}( \d{4})? 09:00$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Starts' })).toContainText('until then it can be cancelled');
  await expect(page.getByRole('group', { name: 'Recipients' })).toContainText('None yet');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('List · 2 members now');
  await shot(page, 'report-scheduled');
  await page.getByRole('button', { name: 'Cancel broadcast' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel broadcast' });
  await expect(dialog).toContainText(`Cancel Summer news ${run}?`);
  await shot(page, 'cancel-dialog');
  await dialog.getByRole('button', { name: 'Cancel broadcast' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-status="cancelled"]')).toHaveText('Cancelled');
  await expect(page.getByRole('alert').filter({ hasText: /^Cancelled/ })).toContainText('nothing was sent');
  await expect(page.getByRole('button', { name: 'Cancel broadcast' })).toHaveCount(0);
  await shot(page, 'report-cancelled');

  // A third at a local hour that has passed in the east but not yet in UTC: it starts at once,
  // and its messages to contacts without a time zone wait for that hour in UTC. While it is
  // sending, the report asks again every 3 s.
  const soon = new Date(Date.now() + 2 * 3_600_000);
  const day = soon.toISOString().slice(0, 10);
  const hour = `${String(soon.getUTCHours()).padStart(2, '0')}:00`;
  await page.getByRole('link', { name: 'Broadcasts', exact: true }).click();
  await page.getByRole('link', { name: 'New broadcast' }).first().click();
  await page.getByRole('textbox', { name: 'Name' }).fill(`Evening news ${run}`);
  await pick(page, 'Template', templateName);
  await page.getByRole('button', { name: 'Next: Audience' }).click();
  await page.locator('label').filter({ hasText: /^List$/ }).click();
  await pick(page, 'List', listName);
  await page.getByRole('button', { name: 'Next: Schedule' }).click();
  await page.getByRole('radio', { name: 'At a local hour' }).click();
  await page.getByRole('textbox', { name: 'Day' }).fill(day);
  await pick(page, 'Hour', hour);
  await expect(page.getByText(`${hour} on that day has already passed in some time zones`)).toBeVisible();
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await expect(page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Schedule' })).toContainText(`${hour} in each contact's time zone on`);
  await page.getByRole('button', { name: 'Schedule broadcast' }).click();
  await expect(page.locator('[data-status="sending"]')).toHaveText('Sending', { timeout: 30_000 });
  await expect(page.getByText('Updating every 3 s')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Progress' })).toContainText('0 of 2 messages have an outcome');
  await expect(page.getByRole('region', { name: 'Progress' })).toContainText('2 waiting');
  for (const address of [yes, no]) await expect(row(page, 'Broadcast messages', address)).toContainText('Queued');
  await shot(page, 'report-sending');

  // The tab: all three, newest first.
  await page.getByRole('link', { name: 'Broadcasts', exact: true }).click();
  await expect(row(page, 'Broadcasts', `Evening news ${run}`)).toContainText('Sending');
  await expect(row(page, 'Broadcasts', `Evening news ${run}`)).toContainText(`${hour} in each contact's time zone on`);
  const second = row(page, 'Broadcasts', `Summer news ${run}`);
  await expect(second).toContainText('Cancelled');
  await expect(second).toContainText(/at \d{1,2} [A-Z][a-z]{2}( \d{4})? 09:00/);
  await expect(page.getByRole('table', { name: 'Broadcasts' }).getByRole('row').nth(1)).toContainText(`Evening news ${run}`);
  await shot(page, 'tab');
});
