import { readFile } from 'node:fs/promises';
import { expect, snap, test } from './fixtures';

const run = Date.now().toString(36);

test('an admin exports everything held on a person, then erases them', async ({ adminPage: page }) => {
  const email = `erin.${run}@privacy.test`;
  const created = await page.request.post('/api/v1/contacts', { data: { email, firstName: 'Erin', lastName: `Erased ${run}` } });
  expect(created.status()).toBe(201);
  const { id } = await created.json() as { id: string };
  await page.request.post(`/api/v1/contacts/${id}/consent`, { data: { purpose: 'marketing_email', status: 'granted', source: 'form', wording: 'Send me news' } });

  await page.goto(`/contacts/${id}`);
  await expect(page.getByRole('heading', { name: `Erin Erased ${run}`, level: 1 })).toBeVisible();

  // The export is one JSON document with the person and their consent evidence.
  await page.getByRole('button', { name: 'More actions' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export data (JSON)' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8')) as { contact: { email: string }; email: { consent: { wording: string }[] } };
  expect(exported.contact.email).toBe(email);
  expect(exported.email.consent[0]!.wording).toBe('Send me news');

  // Erasure says what goes and what stays, and waits for the address typed in full.
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Erase person…' }).click();
  const dialog = page.getByRole('dialog', { name: `Erase Erin Erased ${run}` });
  await expect(dialog.getByText('Kept, without the person')).toBeVisible();
  const erase = dialog.getByRole('button', { name: 'Erase permanently' });
  await expect(erase).toBeDisabled();
  await dialog.getByLabel('Type the email address to confirm').fill(email.toUpperCase());
  await snap(page, 'privacy-erase');
  await erase.click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByText(`Erin Erased ${run} was erased.`)).toBeVisible();
  expect((await page.request.get(`/api/v1/contacts/${id}`)).status()).toBe(404);
});
