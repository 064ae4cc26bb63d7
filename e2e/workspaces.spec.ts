import { ADMIN, WORKSPACE_NAME } from './env';
import { expect, mainNav, snap, test } from './fixtures';

test('an admin creates a second workspace and switches between the two', async ({ browser }) => {
  // A session of its own: switching workspaces changes the open workspace of the session.
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = await page.request.post('/api/v1/auth/login', { data: ADMIN });
  expect(login.status()).toBe(200);
  const second = `Second Co ${Date.now()}`;

  await page.goto('/settings/workspace');
  await expect(page.getByTestId('workspace-name')).toHaveText(WORKSPACE_NAME);
  const switcher = page.getByTestId('workspace-switcher');
  await expect(switcher).toContainText(WORKSPACE_NAME);

  await switcher.click();
  await expect(page.getByRole('menuitem', { name: 'Create workspace' })).toBeVisible();
  await snap(page, 'workspace-switcher');
  await page.getByRole('menuitem', { name: 'Create workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create workspace' });
  await dialog.getByLabel('Workspace name', { exact: true }).fill(second);
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog).toBeHidden();

  // The new workspace is open, with its own (empty) settings.
  await expect(switcher).toContainText(second);
  await expect(switcher).toContainText('Admin');
  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Workspace' }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText(second);
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Users' }).click();
  const members = page.getByRole('table', { name: 'Members' });
  await expect(members.getByRole('row')).toHaveCount(2);
  await expect(members).toContainText(ADMIN.email);
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByText('No API keys yet')).toBeVisible();
  await snap(page, 'second-workspace-api-keys');

  // Switching back refetches everything for the first workspace.
  await switcher.click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: new RegExp(WORKSPACE_NAME) })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: new RegExp(second) })).toBeVisible();
  await menu.getByRole('menuitem', { name: new RegExp(WORKSPACE_NAME) }).click();
  await expect(switcher).toContainText(WORKSPACE_NAME);
  await expect(page.getByText('No API keys yet')).toBeHidden();
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Workspace' }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText(WORKSPACE_NAME);

  // The choice is kept by the server, not just the page.
  await page.reload();
  await expect(switcher).toContainText(WORKSPACE_NAME);
  const workspace = await page.request.get('/api/v1/workspace');
  expect(((await workspace.json()) as { name: string }).name).toBe(WORKSPACE_NAME);

  await switcher.click();
  await page.getByRole('menuitem', { name: new RegExp(second) }).click();
  await expect(switcher).toContainText(second);
  await expect(page.getByTestId('workspace-name')).toHaveText(second);
  await context.close();
});
