import { BASE_URL, WORKSPACE_NAME } from './env';
import { choose, expect, snap, test } from './fixtures';

async function getWorkspace(key: string) {
  return fetch(`${BASE_URL}/api/v1/workspace`, { headers: { authorization: `Bearer ${key}` } });
}

test('an admin creates a secret key that is shown once, works with the API, and stops working when revoked', async ({ adminPage: page }) => {
  const name = `Warehouse sync ${Date.now()}`;
  await page.goto('/settings/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Create API key' }).click();

  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Secret key', { exact: true }).check();
  await choose(page, 'Role', 'Viewer', dialog);
  await snap(page, 'api-key-create');
  await dialog.getByRole('button', { name: 'Create key' }).click();

  const created = page.getByRole('dialog', { name: 'API key created' });
  await expect(created).toContainText('it will not be shown again');
  const key = await created.getByLabel('Secret key', { exact: true }).inputValue();
  expect(key.length).toBeGreaterThan(20);
  await snap(page, 'api-key-created');
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();

  // Only once: neither the page nor the list holds the full key any more.
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Secret');
  await expect(row).toContainText('Viewer');
  await expect(row).toContainText('Active');
  await expect(page.locator('body')).not.toContainText(key);
  const listed = await page.request.get('/api/v1/api-keys');
  expect(await listed.text()).not.toContain(key);

  const ok = await getWorkspace(key);
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { name: string }).name).toBe(WORKSPACE_NAME);

  await page.reload();
  await expect(row).not.toContainText('Never');
  await snap(page, 'settings-api-keys');

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke API key' });
  await expect(confirm).toContainText(name);
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);

  const refused = await getWorkspace(key);
  expect(refused.status).toBe(401);
});

test('an admin creates a write key for the website', async ({ adminPage: page }) => {
  const name = `Website ${Date.now()}`;
  await page.goto('/settings/api-keys');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Write key', { exact: true }).check();
  await expect(dialog.getByLabel('Role', { exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create key' }).click();

  const created = page.getByRole('dialog', { name: 'API key created' });
  const key = await created.getByLabel('Write key', { exact: true }).inputValue();
  expect(key.length).toBeGreaterThan(20);
  await created.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Write');
  await expect(row).toContainText('Active');

  // A write key is not a secret key: it cannot read the API.
  const refused = await getWorkspace(key);
  expect(refused.status).toBe(401);
});
