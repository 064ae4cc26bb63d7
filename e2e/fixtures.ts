import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { ADMIN_STATE } from './env';

const screenshotDir = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

/** Saves a full-page picture of what the user sees, for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** The left navigation of the signed-in app. */
export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main navigation' });
}

export const test = base.extend<{ adminPage: Page }>({
  /** A page signed in as the workspace admin (the session saved by the global setup). */
  adminPage: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
});

export { expect };

/** Picks an option of a Mantine Select by its label. */
export async function choose(page: Page, label: string, option: string, scope = page.locator('body')): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
