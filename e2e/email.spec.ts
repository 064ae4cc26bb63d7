import type { Locator, Page } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

/** Also copied to /tmp/email-shots/, for a person to look at. */
const extraDir = '/tmp/email-shots';

/** A full-page picture from the top (the app's header stays put while the page scrolls). */
async function shot(page: Page, name: string): Promise<void> {
  // Notifications of what was just done would cover the page's header.
  for (const close of await page.locator('.mantine-Notification-root button').all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, `email-${name}`);
  await mkdir(extraDir, { recursive: true });
  await copyFile(path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots', `email-${name}.png`), path.join(extraDir, `email-${name}.png`));
}

function row(scope: Page | Locator, table: string, text: string) {
  return scope.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

/** A choice of a segmented control (its radio is hidden; its label is what is clicked). */
function segment(page: Page, label: string) {
  return page.locator('label').filter({ hasText: new RegExp(`^${label}$`) });
}

/** Puts the editor's cursor just before `text`. */
async function placeCursorBefore(editor: Locator, text: string): Promise<void> {
  await editor.evaluate((element, before) => {
    const textarea = element as HTMLTextAreaElement;
    const at = textarea.value.indexOf(before);
    textarea.focus();
    textarea.setSelectionRange(at, at);
  }, text);
}

test('email: a sending domain with its DKIM record, a template written with a live preview, a test send in the ledger', async ({ adminPage: page }) => {
  // One long journey through every screen, with a server render at each step of the editor.
  test.setTimeout(120_000);
  const domain = `mail-${run}.e2e.test`;
  const templateName = `Welcome ${run}`;
  const testAddress = `test.${run}@e2e.test`;

  // Settings → Email: no domain yet; the first one is the default and gets a DKIM key.
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Email' }).click();
  await expect(page).toHaveURL(/\/settings\/email$/);
  await expect(page.getByRole('heading', { name: 'Email', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Add domain' }).click();
  const domainDialog = page.getByRole('dialog', { name: 'Add sending domain' });
  const domainInput = domainDialog.getByRole('textbox', { name: 'Domain' });
  await domainInput.fill('not a domain');
  await domainDialog.getByRole('button', { name: 'Add domain' }).click();
  await expect(domainInput).toHaveAttribute('aria-invalid', 'true');
  await expect(domainDialog).toContainText('domain must be a domain name such as mail.example.com');
  await domainInput.fill(domain);
  await expect(domainDialog.getByRole('textbox', { name: 'From address' })).toHaveValue(`hello@${domain}`);
  await domainDialog.getByRole('textbox', { name: 'From name (optional)' }).fill('E2E Co');
  await shot(page, 'settings-add-domain');
  await domainDialog.getByRole('button', { name: 'Add domain' }).click();
  await expect(domainDialog).toBeHidden();
  const card = page.getByRole('article', { name: domain });
  await expect(card).toContainText('Default');
  await expect(card).toContainText(`E2E Co <hello@${domain}>`);
  const dkim = card.getByRole('listitem', { name: 'DKIM record' });
  await expect(dkim.getByLabel('DKIM record name')).toHaveText(new RegExp(`^tandem\\d{4}\\._domainkey\\.${domain.replace(/\./g, '\\.')}$`));
  await expect(dkim.getByLabel('DKIM record value')).toContainText('v=DKIM1; k=rsa; p=MII');
  await expect(dkim.getByRole('button', { name: 'Copy DKIM value' })).toBeVisible();
  await expect(card.getByRole('listitem', { name: 'SPF record' })).toContainText('v=spf1');
  await expect(card.getByRole('listitem', { name: 'DMARC record' })).toContainText(`_dmarc.${domain}`);

  // A snippet templates can place.
  await page.getByRole('button', { name: 'New snippet' }).click();
  const snippetDialog = page.getByRole('dialog', { name: 'New snippet' });
  await snippetDialog.getByRole('textbox', { name: 'Name' }).fill(`Signature ${run}`);
  await expect(snippetDialog.getByRole('textbox', { name: 'Key' })).toHaveValue(`signature-${run}`);
  await snippetDialog.getByRole('textbox', { name: 'Content' }).fill('<mj-text>Best regards,<br />The team</mj-text>');
  await shot(page, 'settings-snippet');
  await snippetDialog.getByRole('button', { name: 'Add snippet' }).click();
  await expect(snippetDialog).toBeHidden();
  await expect(row(page, 'Snippets', `Signature ${run}`)).toContainText(`{% snippet "signature-${run}" %}`);
  await shot(page, 'settings');

  // The contact to preview as.
  const created = await page.request.post('/api/v1/contacts', { data: { firstName: 'Pia', lastName: `Preview ${run}`, email: `pia.${run}@email.test` } });
  expect(created.status(), await created.text()).toBe(201);
  const contactId = ((await created.json()) as { id: string }).id;

  // Email: the nav entry is the module now, with its two tabs.
  await mainNav(page).getByRole('link', { name: 'Email' }).click();
  await expect(page).toHaveURL(/\/email$/);
  await expect(page.getByRole('heading', { name: 'Email', level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Templates/ })).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'templates-empty');
  await page.getByRole('link', { name: 'New template' }).first().click();
  await expect(page).toHaveURL(/\/email\/templates\/new$/);

  // A new template starts from the starter; the preview renders it with sample data.
  const editor = page.getByRole('textbox', { name: 'MJML' });
  await expect(editor).toHaveValue(/Hello \{\{ contact\.firstName \| default: "there" \}\}/);
  const preview = page.frameLocator('iframe[title="Email preview"]').locator('body');
  await expect(preview).toContainText('Hello Alex');
  await page.getByRole('textbox', { name: 'Name' }).fill(templateName);
  await page.getByRole('textbox', { name: 'Subject' }).fill('Welcome, {{ contact.firstName | default: "friend" }}');
  await expect(page.getByLabel('Rendered subject')).toHaveText('Welcome, Alex');

  // A merge field from the helper, at the cursor: the preview follows.
  await placeCursorBefore(editor, 'Write your message here.');
  await page.getByRole('button', { name: 'Insert merge field' }).click();
  await expect(page.getByRole('menuitem').filter({ hasText: '{{ unsubscribe_url }}' })).toBeVisible();
  await expect(page.getByRole('menuitem').filter({ hasText: `{% snippet "signature-${run}" %}` })).toBeVisible();
  await shot(page, 'editor-merge-fields');
  await page.getByRole('menuitem').filter({ hasText: '{{ company.name }}' }).click();
  await expect(editor).toHaveValue(/\{\{ company\.name \}\}Write your message here\./);
  await placeCursorBefore(editor, 'Write your message here.');
  await page.keyboard.type(' — welcome aboard. ');
  await expect(preview).toContainText('Example Oy — welcome aboard.');

  // Previewed as a real contact: their name fills in.
  await page.getByRole('combobox', { name: 'Preview as' }).fill('Pia');
  await page.getByRole('option', { name: new RegExp(`Pia Preview ${run}`) }).click();
  await expect(preview).toContainText('Hello Pia,');
  await expect(page.getByLabel('Rendered subject')).toHaveText('Welcome, Pia');
  await shot(page, 'editor');

  // The plain-text part, at phone width.
  await segment(page, 'Plain text').click();
  await segment(page, 'Mobile').click();
  await expect(page.getByLabel('Plain-text part')).toContainText('Hello Pia,');
  await shot(page, 'editor-text-mobile');
  await segment(page, 'HTML').click();
  await segment(page, 'Desktop').click();

  // Broken MJML: the server's error shows above the editor, its line marked; saving is refused too.
  const good = await editor.inputValue();
  const header = /(<mj-section padding="28px 0 12px">\n)\s*<mj-column>\n([\s\S]*?)\s*<\/mj-column>\n/;
  const broken = good.replace(header, '$1$2\n');
  expect(broken).not.toBe(good);
  // The line of the header's text, now straight inside the section.
  const line = String(broken.split('\n').findIndex((text) => text.includes('<mj-text align="center" font-size="20px"')) + 1);
  await editor.fill(broken);
  const compileError = page.getByRole('alert', { name: 'Compile error' });
  await expect(compileError).toContainText('mj-text cannot be used inside mj-section');
  await expect(compileError).toContainText(`Line ${line}:`);
  await expect(page.locator('[data-error-line]')).toHaveText(line);
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(compileError).toContainText(`Line ${line}:`);
  await expect(page).toHaveURL(/\/email\/templates\/new$/);
  await compileError.getByRole('button', { name: `Go to line ${line}` }).click();
  await shot(page, 'editor-error');

  // Fixed and saved: version 1.
  await editor.fill(good);
  await expect(compileError).toBeHidden();
  await expect(preview).toContainText('Hello Pia,');
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(page).toHaveURL(/\/email\/templates\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`${templateName} was created.`)).toBeVisible();
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  const templateUrl = page.url();

  // A change is a new version.
  const save = page.getByRole('button', { name: 'Save template' });
  await expect(save).toBeDisabled();
  await page.getByRole('textbox', { name: 'Preheader' }).fill('A warm welcome from E2E Co');
  await expect(page.getByRole('group', { name: 'Inbox' })).toContainText('A warm welcome from E2E Co');
  await save.click();
  await expect(page.getByText(`${templateName} was saved (version 2).`)).toBeVisible();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(save).toBeDisabled();

  // It is in the list.
  await page.getByRole('link', { name: 'Email', exact: true }).first().click();
  const templateRow = row(page, 'Templates', templateName);
  await expect(templateRow).toContainText('Marketing');
  await expect(templateRow).toContainText('Welcome, {{ contact.firstName | default: "friend" }}');
  await expect(templateRow).toContainText('v2');
  await shot(page, 'templates');

  // A test to an address: transactional, so no consent is needed. The e2e server has no SMTP
  // server, and the ledger says so.
  await templateRow.getByRole('link', { name: templateName }).click();
  await page.getByRole('button', { name: 'Send test' }).click();
  const testDialog = page.getByRole('dialog', { name: 'Send test' });
  await testDialog.getByRole('textbox', { name: 'Send to' }).fill(testAddress);
  await shot(page, 'send-test');
  await testDialog.getByRole('button', { name: 'Send test' }).click();
  await expect(testDialog).toBeHidden();
  await expect(page.getByText('Test queued')).toBeVisible();

  await page.goto('/email');
  await page.getByRole('tab', { name: 'Sent' }).click();
  await expect(page).toHaveURL(/\/email\?tab=sent$/);
  const sentRow = row(page, 'Sent messages', testAddress);
  await expect(sentRow).toContainText('Failed');
  await expect(sentRow).toContainText('no SMTP server configured (SMTP_URL)');
  await expect(sentRow).toContainText('Transactional');

  // A marketing send to the contact, through the API: it shows on the contact's Emails card too.
  const templateId = templateUrl.split('/').pop()!;
  const queued = await page.request.post('/api/v1/messages', { data: { contactId, templateId } });
  expect(queued.status(), await queued.text()).toBe(202);
  await page.reload();
  // Pia never gave consent: the ledger says the message was skipped, and why.
  await expect(row(page, 'Sent messages', `pia.${run}@email.test`)).toContainText('Skipped');
  await expect(row(page, 'Sent messages', `pia.${run}@email.test`)).toContainText('no consent given');
  await shot(page, 'sent');

  await page.goto(`/contacts/${contactId}`);
  const emails = page.getByRole('region', { name: 'Emails', exact: true });
  const item = emails.getByRole('listitem', { name: templateName });
  await expect(item).toContainText('Welcome, {{ contact.firstName | default: "friend" }}');
  await expect(item).toContainText('Skipped');
  await expect(item).toContainText('no consent given');
  await emails.scrollIntoViewIfNeeded();
  await emails.screenshot({ path: path.join(extraDir, 'email-contact-card.png'), animations: 'disabled' });
  await shot(page, 'contact');

  // Archived: out of the list.
  await page.goto(templateUrl);
  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('dialog', { name: 'Archive template' }).getByRole('button', { name: 'Archive template' }).click();
  await expect(page).toHaveURL(/\/email$/);
  await expect(row(page, 'Templates', templateName)).toHaveCount(0);
});

test('email: a template report, reached from the templates list and the editor, counts what was sent and why the rest did not go', async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const templateName = `Offer ${run}`;
  const quietName = `Quiet ${run}`;
  const yes = `yes.${run}@report.test`;
  const no = `no.${run}@report.test`;
  const mjml = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hello {{ contact.firstName | default: "there" }}</mj-text>
  <mj-button href="https://acme.example/offer">See the offer</mj-button>
  <mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

  // Through the API: two marketing templates (one never sent) and two contacts, one of whom gave consent.
  const created = await page.request.post('/api/v1/email/templates', { data: { name: templateName, kind: 'marketing', subject: 'An offer for {{ contact.firstName | default: "you" }}', mjml } });
  expect(created.status(), await created.text()).toBe(201);
  const templateId = ((await created.json()) as { id: string }).id;
  const quiet = await page.request.post('/api/v1/email/templates', { data: { name: quietName, kind: 'transactional', subject: 'Your receipt', mjml } });
  expect(quiet.status(), await quiet.text()).toBe(201);
  const contactIds: string[] = [];
  for (const [email, firstName] of [
    [yes, 'Yusuf'],
    [no, 'Nora'],
  ]) {
    const contact = await page.request.post('/api/v1/contacts', { data: { email, firstName, lastName: `Report ${run}` } });
    expect(contact.status(), await contact.text()).toBe(201);
    contactIds.push(((await contact.json()) as { id: string }).id);
  }
  const consent = await page.request.post(`/api/v1/contacts/${contactIds[0]}/consent`, {
    data: { purpose: 'marketing_email', status: 'granted', source: 'form', wording: 'Send me offers' },
  });
  expect(consent.status(), await consent.text()).toBeLessThan(300);

  // The template to both. The e2e server has no SMTP server: the one with consent fails, saying so;
  // the other is skipped for want of consent. Both get their outcome in the background.
  for (const contactId of contactIds) {
    const queued = await page.request.post('/api/v1/messages', { data: { contactId, templateId } });
    expect(queued.status(), await queued.text()).toBe(202);
  }
  await expect
    .poll(async () => {
      const report = (await (await page.request.get(`/api/v1/email/templates/${templateId}/report`)).json()) as { queued: number; skipped: number; failed: number };
      return [report.queued, report.skipped, report.failed];
    })
    .toEqual([2, 1, 1]);

  // Email → the template's Report, from its row of the list.
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Email' }).click();
  await row(page, 'Templates', templateName).getByRole('link', { name: 'Report', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/email/templates/${templateId}/report$`));
  await expect(page.getByRole('heading', { name: templateName, level: 1 })).toBeVisible();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByRole('group', { name: 'Kind' })).toHaveText(/Marketing/);
  await expect(details.getByRole('group', { name: 'Subject' })).toContainText('An offer for {{ contact.firstName | default: "you" }}');
  await expect(details.getByRole('group', { name: 'Messages' })).toContainText('2');

  // Stat cards: nothing sent (no SMTP), one skipped, one failed; no engagement to count.
  await expect(page.getByRole('region', { name: 'Progress' })).toContainText('All 2 messages have an outcome');
  const cards = page.getByRole('region', { name: 'Report', exact: true });
  const expected: [string, string][] = [
    ['Sent', '0'],
    ['Skipped', '1'],
    ['Failed', '1'],
    ['Bounces', '0'],
    ['Opened', '0'],
    ['Clicked', '0'],
    ['Unsubscribed', '0'],
    ['Complaints', '0'],
  ];
  for (const [label, value] of expected) {
    await expect(cards.getByRole('group', { name: label, exact: true }).locator('p').nth(1)).toHaveText(value);
  }
  await expect(cards.getByRole('group', { name: 'Sent', exact: true })).toContainText('of 2 messages');
  await expect(cards.getByRole('group', { name: 'Bounces', exact: true })).toContainText('0 hard · 0 other');
  // Rates need something sent.
  const engagement = page.getByRole('region', { name: 'Engagement' });
  const openRate = engagement.getByRole('group', { name: 'Open rate', exact: true });
  await expect(openRate).toContainText('0 of 0 sent');
  await expect(openRate.locator('[data-rate]')).toHaveText('—');

  // Why the two did not go, by reason.
  const reasons = page.getByRole('region', { name: 'Why messages did not go' });
  await expect(reasons).toContainText('2 of 2');
  await expect(row(reasons, 'Reasons', 'no consent given')).toContainText('Skipped');
  await expect(row(reasons, 'Reasons', 'no consent given').getByRole('cell').last()).toHaveText('1');
  await expect(row(reasons, 'Reasons', 'no SMTP server configured (SMTP_URL)')).toContainText('Failed');
  await expect(row(reasons, 'Reasons', 'no SMTP server configured (SMTP_URL)').getByRole('cell').last()).toHaveText('1');
  await expect(page.getByRole('region', { name: 'Clicks by link' })).toContainText('No clicks yet.');

  // Each message, with its outcome.
  const messages = page.getByRole('region', { name: 'Messages', exact: true });
  await expect(messages).toContainText('2 messages');
  await expect(row(messages, 'Template messages', yes)).toContainText('Failed');
  await expect(row(messages, 'Template messages', no)).toContainText('Skipped');
  await expect(row(messages, 'Template messages', no)).toContainText('no consent given');

  await shot(page, 'template-report');
  await mkdir('/tmp/email-report-shots', { recursive: true });
  await copyFile('/tmp/email-shots/email-template-report.png', '/tmp/email-report-shots/report.png');

  // The failed ones in the Sent ledger, filtered by their state.
  await reasons.getByRole('link', { name: 'failed', exact: true }).click();
  await expect(page).toHaveURL(/\/email\?tab=sent&state=failed$/);
  await expect(row(page, 'Sent messages', yes)).toContainText('Failed');
  await expect(row(page, 'Sent messages', no)).toHaveCount(0);

  // A template never sent: its report, from the editor's header, says so.
  await page.goto('/email');
  await row(page, 'Templates', quietName).getByRole('link', { name: quietName }).click();
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  await expect(page).toHaveURL(/\/email\/templates\/[0-9a-f-]{36}\/report$/);
  await expect(page.getByRole('heading', { name: quietName, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Nothing sent yet' })).toContainText('Nothing sent from this template yet');
  await expect(page.getByRole('region', { name: 'Report', exact: true })).toHaveCount(0);
  await shot(page, 'template-report-empty');
  await copyFile('/tmp/email-shots/email-template-report-empty.png', '/tmp/email-report-shots/report-empty.png');
});
