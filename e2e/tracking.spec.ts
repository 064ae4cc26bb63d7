import type { APIRequestContext } from '@playwright/test';
import { BASE_URL } from './env';
import { choose, expect, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's values. */
const run = Date.now().toString(36);

interface TrackingSettings {
  retentionDays: number;
  respectDoNotTrack: boolean;
  requireConsent: boolean;
  ownDomains: string[];
  partnerDomains: string[];
  traitMappings: Record<string, string>;
  scriptUrl: string;
  writeKeys: { key: string }[];
}

async function trackingSettings(request: APIRequestContext): Promise<TrackingSettings> {
  const response = await request.get('/api/v1/tracking/settings');
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as TrackingSettings;
}

// The settings belong to the whole workspace: each test leaves them as it found them (consent
// required would stop the tracker of other tests).
let before: TrackingSettings;
test.beforeEach(async ({ adminPage: page }) => {
  before = await trackingSettings(page.request);
});
test.afterEach(async ({ adminPage: page }) => {
  const { retentionDays, respectDoNotTrack, requireConsent, ownDomains, partnerDomains, traitMappings } = before;
  const restored = await page.request.put('/api/v1/tracking/settings', {
    data: { retentionDays, respectDoNotTrack, requireConsent, ownDomains, partnerDomains, traitMappings },
  });
  expect(restored.status()).toBe(200);
});

test('an admin installs the snippet and changes retention, domains, consent and trait mappings, which persist', async ({ adminPage: page }) => {
  await page.goto('/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Tracking' }).click();
  await expect(page).toHaveURL(/\/settings\/tracking$/);
  await expect(page.getByRole('heading', { name: 'Tracking', level: 1 })).toBeVisible();

  const createKey = page.getByRole('button', { name: 'Create a write key' });
  if (before.writeKeys.length === 0) await createKey.click();
  await expect(createKey).toHaveCount(0);
  const { scriptUrl, writeKeys } = await trackingSettings(page.request);
  const snippet = page.getByLabel('Tracking snippet', { exact: true });
  await expect(snippet).toContainText(`src="${scriptUrl}"`);
  await expect(snippet).toContainText(`data-write-key="${writeKeys[0]!.key}"`);
  await expect(snippet).not.toContainText('data-consent');
  await expect(page.getByRole('button', { name: 'Copy snippet' })).toBeVisible();

  await page.getByRole('tab', { name: 'Node.js' }).click();
  await expect(page.getByLabel('Node.js example', { exact: true })).toContainText(`host: '${BASE_URL}'`);

  const form = page.getByRole('region', { name: 'Privacy, domains and traits' });
  await form.getByLabel('Keep events for', { exact: true }).fill('90');
  await form.getByRole('switch', { name: 'Require consent' }).check();
  await form.getByLabel('Own domains', { exact: true }).fill(`shop-${run}.example`);
  await form.getByLabel('Own domains', { exact: true }).press('Enter');
  await form.getByRole('button', { name: 'Add mapping' }).click();
  await form.getByRole('group', { name: 'Mapping of a new trait' }).getByLabel('Trait', { exact: true }).fill(`role_${run}`);
  const mapping = form.getByRole('group', { name: `Mapping of role_${run}` });
  await choose(page, 'Contact field', 'Job title', mapping);
  await snap(page, 'tracking-settings-edit');
  await form.getByRole('button', { name: 'Save tracking settings' }).click();
  await expect(page.getByText('Tracking settings saved.')).toBeVisible();
  // With consent required, the snippet waits for tandem.consent(true).
  await expect(snippet).toContainText('data-consent="required"');

  await page.reload();
  await expect(form.getByLabel('Keep events for', { exact: true })).toHaveValue('90 days');
  await expect(form.getByRole('switch', { name: 'Require consent' })).toBeChecked();
  await expect(form.getByText(`shop-${run}.example`, { exact: true })).toBeVisible();
  await expect(mapping.getByLabel('Trait', { exact: true })).toHaveValue(`role_${run}`);
  await expect(mapping.getByRole('combobox', { name: 'Contact field' })).toHaveValue('Job title');
  await expect(snippet).toContainText('data-consent="required"');
  await snap(page, 'tracking-settings');

  // A domain that is none is refused, and the refusal shows at the field.
  await form.getByLabel('Own domains', { exact: true }).fill('not a domain');
  await form.getByLabel('Own domains', { exact: true }).press('Enter');
  await form.getByRole('button', { name: 'Save tracking settings' }).click();
  await expect(form.getByLabel('Own domains', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('"not a domain" is not a web domain')).toBeVisible();
  await snap(page, 'tracking-settings-error');
  await page.reload();
  await expect(form.getByText('not a domain')).toHaveCount(0);
});

test('a sales rep sees the tracking settings but cannot change them', async ({ adminPage: admin, browser }) => {
  const email = `sales-tracking-${run}@e2e.test`;
  const invited = await admin.request.post('/api/v1/invitations', { data: { email, role: 'sales' } });
  expect(invited.status()).toBe(201);
  const { inviteUrl } = (await invited.json()) as { inviteUrl: string };

  // Accepting the invitation signs the rep in, in a browser of their own.
  const context = await browser.newContext();
  const page = await context.newPage();
  const accepted = await page.request.post(`/api/v1/invitations/accept/${inviteUrl.split('/invite/')[1]}`, {
    data: { name: 'Sam Sales', password: 'sales-password-1' },
  });
  expect(accepted.status()).toBe(200);

  await page.goto('/settings/tracking');
  await expect(page.getByText('You need the admin or marketer role to change tracking settings.')).toBeVisible();
  await expect(page.getByLabel('Tracking snippet', { exact: true })).toBeVisible();
  const form = page.getByRole('region', { name: 'Privacy, domains and traits' });
  await expect(form.getByLabel('Keep events for', { exact: true })).toBeDisabled();
  await expect(form.getByRole('switch', { name: 'Require consent' })).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Save tracking settings' })).toHaveCount(0);
  await snap(page, 'tracking-settings-read-only');

  const refused = await page.request.put('/api/v1/tracking/settings', { data: { retentionDays: 7 } });
  expect(refused.status()).toBe(403);
  await context.close();
});
