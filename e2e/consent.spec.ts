import type { Locator, Page } from '@playwright/test';
import path from 'node:path';
import { choose, expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

const wording = 'Yes, send me product news and offers by email. I can unsubscribe at any time.';

/** A full-page picture from the top (the app's header stays put while the page scrolls), and one of the card alone, at full size. */
async function shot(page: Page, name: string, card?: Locator): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, `consent-${name}`);
  if (card) await card.screenshot({ path: path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots', `consent-${name}-card.png`), animations: 'disabled' });
}

function row(scope: Page | Locator, table: string, text: string) {
  return scope.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

test('consent is recorded with its evidence, decides whether marketing email may go, and suppression overrides it', async ({ adminPage: page }) => {
  const topic = `Product news ${run}`;
  const email = `nina.${run}@consent.test`;
  const other = `bounced.${run}@consent.test`;

  // Settings → Consent: a subscription topic, its key made from the name.
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Consent' }).click();
  await expect(page).toHaveURL(/\/settings\/consent$/);
  await expect(page.getByRole('heading', { name: 'Consent', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Add topic' }).click();
  const topicDialog = page.getByRole('dialog', { name: 'New subscription topic' });
  await topicDialog.getByRole('textbox', { name: 'Name' }).fill(`Product updates ${run}`);
  await expect(topicDialog.getByRole('textbox', { name: 'Key' })).toHaveValue(`product_updates_${run}`);
  await topicDialog.getByRole('textbox', { name: 'Description (optional)' }).fill('New features and releases, about once a month');
  await shot(page, 'topic-modal');
  await topicDialog.getByRole('button', { name: 'Add topic' }).click();
  await expect(topicDialog).toBeHidden();
  const topicRow = row(page, 'Subscription topics', `product_updates_${run}`);
  await expect(topicRow).toContainText(`Product updates ${run}`);
  await expect(topicRow).toContainText('Active');

  // Renamed: the key stays.
  await topicRow.getByRole('button', { name: `Edit Product updates ${run}` }).click();
  const editDialog = page.getByRole('dialog', { name: `Edit Product updates ${run}` });
  await expect(editDialog.getByRole('textbox', { name: 'Key' })).toBeDisabled();
  await editDialog.getByRole('textbox', { name: 'Name' }).fill(topic);
  await editDialog.getByRole('button', { name: 'Save topic' }).click();
  await expect(editDialog).toBeHidden();
  await expect(topicRow).toContainText(topic);

  // The basis: consent or legitimate interest, saved, and back to opt-in only.
  const basisForm = page.getByRole('form', { name: 'Marketing email settings' });
  await expect(basisForm.getByRole('radio', { name: 'Opt-in consent only' })).toBeChecked();
  await expect(basisForm.getByRole('button', { name: 'Save' })).toBeDisabled();
  await basisForm.getByRole('radio', { name: 'Consent or legitimate interest' }).check();
  await basisForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Consent settings saved.')).toBeVisible();
  await page.reload();
  await expect(basisForm.getByRole('radio', { name: 'Consent or legitimate interest' })).toBeChecked();
  await shot(page, 'settings');
  await basisForm.getByRole('radio', { name: 'Opt-in consent only' }).check();
  await basisForm.getByRole('button', { name: 'Save' }).click();
  await expect(basisForm.getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.reload();
  await expect(basisForm.getByRole('radio', { name: 'Opt-in consent only' })).toBeChecked();

  // A new contact: no consent yet, so no marketing email while the workspace requires opt-in.
  const created = await page.request.post('/api/v1/contacts', { data: { firstName: 'Nina', lastName: `Nieminen ${run}`, email } });
  expect(created.status(), await created.text()).toBe(201);
  const contactId = ((await created.json()) as { id: string }).id;
  await page.goto(`/contacts/${contactId}`);
  const card = page.getByRole('region', { name: 'Consent', exact: true });
  const verdict = card.getByRole('status', { name: 'Marketing email' });
  await expect(verdict).toContainText('Marketing email: not allowed — no consent given (the workspace requires opt-in)');
  const purposes = card.getByRole('list', { name: 'Consent by purpose' });
  await expect(purposes.getByRole('listitem', { name: 'Marketing email' })).toContainText('No answer');
  await expect(purposes.getByRole('listitem', { name: topic })).toContainText('No answer');
  await expect(card.getByRole('group', { name: 'History' })).toContainText('No consent recorded yet.');
  await shot(page, 'contact-none', card);

  // Consent given from a form needs the words the person agreed to: the server's 400 shows at the wording.
  await card.getByRole('button', { name: 'Record consent', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Record consent' });
  await expect(dialog.getByRole('combobox', { name: 'Purpose' })).toHaveValue('Marketing email (all marketing email)');
  await expect(dialog.getByRole('combobox', { name: 'Source' })).toHaveValue('Form or web page');
  await dialog.getByRole('button', { name: 'Record consent given' }).click();
  const wordingBox = dialog.getByRole('textbox', { name: 'Wording' });
  await expect(wordingBox).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('consent given needs the wording the person agreed to');
  await shot(page, 'record-error');
  await wordingBox.fill(wording);
  await expect(wordingBox).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'IP address (optional)' }).fill('192.0.2.10');
  await dialog.getByRole('button', { name: 'Record consent given' }).click();
  await expect(dialog).toBeHidden();
  await expect(verdict).toContainText('Marketing email: allowed (consent given)');
  await expect(purposes.getByRole('listitem', { name: 'Marketing email' })).toContainText('Given');

  // A topic opted out of from the preference centre: withdrawing needs no wording.
  await card.getByRole('button', { name: 'Record consent', exact: true }).click();
  await choose(page, 'Purpose', `Topic: ${topic}`, dialog);
  await dialog.getByText('Withdrawn', { exact: true }).click();
  await choose(page, 'Source', 'Preference centre', dialog);
  await dialog.getByRole('button', { name: 'Record withdrawal' }).click();
  await expect(dialog).toBeHidden();
  await expect(purposes.getByRole('listitem', { name: topic })).toContainText('Withdrawn');
  await expect(verdict).toContainText('Marketing email: allowed (consent given)');

  // The history is the evidence: the words, where, from which address, who and when.
  await card.getByRole('button', { name: 'Show history' }).click();
  const records = card.getByRole('list', { name: 'Consent records' }).getByRole('listitem');
  await expect(records).toHaveCount(2);
  await expect(records.first()).toContainText(`Consent withdrawn · ${topic}`);
  await expect(records.first()).toContainText('No wording recorded.');
  const entry = records.nth(1);
  await expect(entry).toContainText('Consent given · Marketing email');
  await expect(entry.getByLabel('Wording')).toContainText(wording);
  await expect(entry).toContainText('Form or web page');
  await expect(entry).toContainText('192.0.2.10');
  await expect(entry).toContainText('Ada Admin');
  await shot(page, 'contact-allowed', card);

  // Suppressed, whatever the consent; then lifted.
  await card.getByRole('button', { name: 'Suppress address' }).click();
  const suppressDialog = page.getByRole('dialog', { name: 'Suppress address' });
  await expect(suppressDialog).toContainText(email);
  await suppressDialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Asked by phone to get no more newsletters');
  await suppressDialog.getByRole('button', { name: 'Suppress address' }).click();
  await expect(suppressDialog).toBeHidden();
  await expect(verdict).toContainText('Marketing email: not allowed — suppressed');
  const suppression = card.getByRole('group', { name: 'Suppression' });
  await expect(suppression).toContainText('Added by hand');
  await expect(suppression).toContainText('Asked by phone');
  await shot(page, 'contact-suppressed', card);

  // The address is on the list in Settings too.
  await page.goto('/settings/consent');
  const search = page.getByRole('textbox', { name: 'Search suppressed addresses' });
  await search.fill(email);
  await expect(row(page, 'Suppressed addresses', email)).toContainText('Added by hand');

  await page.goto(`/contacts/${contactId}`);
  await card.getByRole('button', { name: 'Lift suppression' }).click();
  const liftDialog = page.getByRole('dialog', { name: 'Lift suppression' });
  await liftDialog.getByRole('button', { name: 'Lift suppression' }).click();
  await expect(liftDialog).toBeHidden();
  await expect(verdict).toContainText('Marketing email: allowed (consent given)');
  await expect(card.getByRole('group', { name: 'Suppression' })).toContainText('Not suppressed.');

  // Settings: the lifted address is gone from the suppression list; an address added there shows, and lifts.
  await page.goto('/settings/consent');
  await search.fill(email);
  await expect(page.getByRole('table', { name: 'Suppressed addresses' })).toContainText(`No suppressed address matches “${email}”.`);
  await search.fill('');
  await page.getByRole('button', { name: 'Suppress address' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Suppress address' });
  const address = addDialog.getByRole('textbox', { name: 'Email address' });
  await address.fill('not an address');
  await addDialog.getByRole('button', { name: 'Suppress address' }).click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(addDialog).toContainText('email must be an email address');
  await address.fill(other);
  await addDialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Mailbox does not exist (bounce report)');
  await addDialog.getByRole('button', { name: 'Suppress address' }).click();
  await expect(addDialog).toBeHidden();
  const otherRow = row(page, 'Suppressed addresses', other);
  await expect(otherRow).toContainText('Mailbox does not exist');
  await expect(row(page, 'Suppressed addresses', email)).toHaveCount(0);
  await shot(page, 'settings-suppressions');

  await otherRow.getByRole('button', { name: `Lift suppression of ${other}` }).click();
  await page.getByRole('dialog', { name: 'Lift suppression' }).getByRole('button', { name: 'Lift suppression' }).click();
  await expect(otherRow).toHaveCount(0);

  // Archived: it stays in the table, marked.
  await topicRow.getByRole('button', { name: `Archive ${topic}` }).click();
  await page.getByRole('dialog', { name: 'Archive topic' }).getByRole('button', { name: 'Archive topic' }).click();
  await expect(topicRow).toContainText('Archived');
});
