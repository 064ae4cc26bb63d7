import { ADMIN, WORKSPACE_NAME } from './env';
import { expect, mainNav, snap, test } from './fixtures';

test.describe('signing in', () => {
  test('a wrong password shows an error; the right one opens the app with its navigation', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in to Tandem' })).toBeVisible();
    await snap(page, 'login');

    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Invalid email or password');
    await expect(page).toHaveURL(/\/login$/);
    await snap(page, 'login-error');

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    const nav = mainNav(page);
    for (const item of ['Contacts', 'Companies', 'Deals', 'Segments', 'Journeys', 'Email', 'Forms', 'Reports', 'Settings']) {
      await expect(nav.getByRole('link', { name: item })).toBeVisible();
    }
    await expect(page.getByTestId('workspace-switcher')).toContainText(WORKSPACE_NAME);
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await snap(page, 'contacts');
  });

  test('a session that ends sends the user to sign in, and back to the page they wanted', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(mainNav(page)).toBeVisible();
    // Let the landing page finish its own requests first: one still in flight when the session
    // ends would send the user to sign in before the click below, and the test would race it.
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');

    // The session ends behind the page's back (expired, or signed out in another tab):
    // the next API call answers 401 and the app asks to sign in again.
    expect((await page.request.post('/api/v1/auth/logout')).status()).toBe(204);
    await mainNav(page).getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fusers$/);

    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/settings\/users$/);
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

    await page.getByTestId('user-menu').click();
    await expect(page.getByRole('menu')).toContainText(ADMIN.email);
    await snap(page, 'user-menu');
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    await page.goto('/settings/api-keys');
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fapi-keys$/);
  });

  test('too many attempts show how long to wait', async ({ page }) => {
    // An account of its own, so the admin's sign-in budget is not spent here.
    const email = 'guesser@e2e.test';
    const guessUntilRefused = async () => {
      for (let attempt = 0; attempt < 30; attempt++) {
        const response = await page.request.post('/api/v1/auth/login', { data: { email, password: 'guess-number-x' } });
        if (response.status() === 429) return Number(response.headers()['retry-after']);
        expect(response.status()).toBe(401);
      }
      throw new Error('30 wrong passwords in a row were never refused with 429');
    };
    let retryAfter = await guessUntilRefused();
    expect(retryAfter).toBeGreaterThan(0);
    if (retryAfter < 10) {
      // The refusal ends within seconds: wait for it to pass and fill the next one, so the page sees it too.
      await page.waitForTimeout((retryAfter + 1) * 1000);
      retryAfter = await guessUntilRefused();
    }

    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('one-more-guess');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(/^Too many attempts, try again in \d+ s$/);
    await snap(page, 'login-rate-limited');
  });
});
