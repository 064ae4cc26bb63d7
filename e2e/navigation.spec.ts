import { expect, mainNav, snap, test } from './fixtures';

// Built screens, by their path, hold the suite's own records; the modules still to come show what they will hold.
const BUILT: Record<string, string> = { Contacts: '/contacts', Companies: '/companies', Deals: '/deals', 'My tasks': '/tasks', 'Live events': '/events', Segments: '/segments', Lists: '/lists', Scoring: '/scoring', Leads: '/leads', Reports: '/reports', Email: '/email', Journeys: '/journeys', Forms: '/forms', 'Landing pages': '/landing-pages', Personalisation: '/personalisation' };
// Every module is built now; one added to the navigation before its screens goes here and shows its empty state.
const COMING: string[] = [];

test('every module has its page; those still to come show an empty state and no made-up data', async ({ adminPage: page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/contacts$/);
  for (const module of [...Object.keys(BUILT), ...COMING]) {
    await mainNav(page).getByRole('link', { name: module }).click();
    await expect(page).toHaveURL(new RegExp(`${BUILT[module] ?? `/${module.toLowerCase()}`}$`));
    await expect(page.getByRole('heading', { name: module, level: 1 })).toBeVisible();
    if (COMING.includes(module)) {
      await expect(page.getByText(`No ${module.toLowerCase()} yet`)).toBeVisible();
      await expect(page.locator('table')).toHaveCount(0);
    }
  }
  // No module is left out of the two lists: the navigation holds exactly these (and Settings).
  const links = (await mainNav(page).getByRole('link').allInnerTexts()).map((text) => text.trim()).filter((text) => text && text !== 'Settings');
  expect(links.sort()).toEqual([...Object.keys(BUILT), ...COMING].sort());
  if (COMING.length) await snap(page, 'module-coming-soon');

  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  const settingsNav = page.getByRole('navigation', { name: 'Settings' });
  for (const section of ['Users', 'API keys', 'Audit log', 'Workspace', 'Tracking']) {
    await expect(settingsNav.getByRole('link', { name: section })).toBeVisible();
  }

  await page.goto('/no-such-page');
  await expect(page.getByText('Page not found')).toBeVisible();
});

test('workspace settings and the audit log show the workspace and what happened in it', async ({ adminPage: page }) => {
  const workspaceId = process.env.TANDEM_E2E_WORKSPACE_ID!;
  await page.goto('/settings/workspace');
  await expect(page.getByTestId('workspace-name')).toHaveText('E2E Co');
  await expect(page.getByLabel('Workspace ID', { exact: true })).toHaveValue(workspaceId);
  await snap(page, 'settings-workspace');

  await page.goto('/settings/audit-log');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const log = page.getByRole('table', { name: 'Audit log' });
  // The global setup's CLI created the workspace's keys and added the admin: the oldest entries.
  const older = page.getByRole('button', { name: 'Load older entries' });
  for (let pages = 0; pages < 20 && (await older.isVisible()); pages++) {
    const rows = await log.getByRole('row').count();
    await older.click();
    await expect.poll(async () => (await log.getByRole('row').count()) > rows || !(await older.isVisible())).toBe(true);
  }
  await expect(log.getByRole('row').filter({ hasText: 'member.added' }).filter({ hasText: 'tandem CLI' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'api_key.created' }).first()).toBeVisible();
  await snap(page, 'settings-audit-log');
});
