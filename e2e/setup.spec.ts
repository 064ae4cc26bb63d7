import path from 'node:path';
import { E2E_DIR } from './env';
import { expect, mainNav, snap, test } from './fixtures';
import { freePort, startServer, stopServer, type RunningServer } from './server';

// A second Tandem with an empty database: the first person to open it creates the admin account.
let server: RunningServer | undefined;

test.describe('first run', () => {
  test.beforeAll(async () => {
    test.setTimeout(150_000);
    server = await startServer({ dataDir: path.join(E2E_DIR, 'first-run'), port: await freePort(), pgPort: await freePort() });
  });

  test.afterAll(async () => {
    if (server) await stopServer(server.pid);
  });

  test('the sign-in page leads to creating the admin account, which opens the app', async ({ page }) => {
    const url = server!.url;
    await page.goto(`${url}/login`);
    await expect(page).toHaveURL(`${url}/setup`);
    await expect(page.getByRole('heading', { name: 'Create your admin account' })).toBeVisible();
    await snap(page, 'setup');

    await page.getByLabel('Email', { exact: true }).fill('first@e2e.test');
    await page.getByLabel('Name', { exact: true }).fill('Fiona First');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    // The server names the password as the field at fault; the form marks it and stays put.
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(`${url}/setup`);
    expect((await page.request.get(`${url}/api/v1/me`)).status()).toBe(401);
    await snap(page, 'setup-error');

    await page.getByLabel('Password', { exact: true }).fill('first-admin-password');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await expect(page).toHaveURL(`${url}/contacts`);
    await expect(mainNav(page)).toBeVisible();
    await expect(page.getByTestId('workspace-switcher')).toContainText('Admin');

    const status = await page.request.get(`${url}/api/v1/setup`);
    expect(await status.json()).toEqual({ needed: false, workspaceName: null });
    const again = await page.request.post(`${url}/api/v1/setup`, {
      data: { email: 'second@e2e.test', name: 'Late', password: 'late-password-1' },
    });
    expect(again.status()).toBeGreaterThanOrEqual(400);
    await page.goto(`${url}/setup`);
    await expect(page).toHaveURL(`${url}/contacts`);

    // Once set up, a visitor who is not signed in gets the sign-in page instead.
    const visitor = await page.context().browser()!.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`${url}/setup`);
    await expect(visitorPage).toHaveURL(`${url}/login`);
    await expect(visitorPage.getByRole('heading', { name: 'Sign in to Tandem' })).toBeVisible();
    await visitor.close();
  });
});
