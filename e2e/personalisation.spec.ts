import type { APIRequestContext, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BASE_URL } from './env';
import { choose, expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);
const shotDir = process.env.TANDEM_PERSONALISATION_SHOTS ?? '/tmp/personalisation-shots';
mkdirSync(shotDir, { recursive: true });

/** A picture for a person to judge, in the suite's screenshots and in the personalisation folder. */
async function shot(page: Page, name: string): Promise<void> {
  await snap(page, `personalisation-${name}`);
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

async function created(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function trackingSnippet(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/v1/tracking/settings');
  expect(response.status(), await response.text()).toBe(200);
  const { scriptUrl, writeKeys } = (await response.json()) as { scriptUrl: string; writeKeys: { key: string }[] };
  expect(writeKeys.length).toBeGreaterThan(0);
  return `<script>window.tandem=window.tandem||[];["track","identify","page","group","alias","reset","consent"].forEach(function(m){tandem[m]=tandem[m]||function(){tandem.push([m].concat([].slice.call(arguments)))}});</script>
<script async src="${scriptUrl}" data-write-key="${writeKeys[0]!.key}" data-host="${BASE_URL}"></script>`;
}

const STYLE = `<style>
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; background: #f8fafc; }
  header { padding: 18px 48px; background: #fff; border-bottom: 1px solid #e2e8f0; font-weight: 700; color: #0f766e; }
  main { max-width: 960px; margin: 0 auto; padding: 64px 48px; }
  [data-tandem-slot] h2 { font-size: 40px; letter-spacing: -.02em; margin: 0 0 12px; }
</style>`;

/** A customer's home page on an origin of its own, with the tracker and the hero slot. */
async function startWebsite(head: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html><head><meta charset="utf-8"><title>Acme ${run}</title>${STYLE}${head}</head>
<body><header>Acme Analytics</header><main><div data-tandem-slot="home-hero" role="region" aria-label="Hero">Loading…</div>
<p>Dashboards your whole team understands.</p></main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('a marketer personalises the home hero for CTOs, previews it as a contact, and the website shows each visitor their content', async ({ adminPage: page, browser }) => {
  const segmentName = `CTOs ${run}`;
  const cto = { firstName: 'Chloe', lastName: `Tanaka ${run}`, email: `chloe.${run}@personalisation.test`, jobTitle: 'CTO' };
  const ctoName = `${cto.firstName} ${cto.lastName}`;

  // ── The list, before any slot of this run ──────────────────────────────────────────
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Personalisation' }).click();
  await expect(page.getByRole('heading', { name: 'Personalisation', level: 1 })).toBeVisible();
  if (await page.getByText('No content slots yet').isVisible()) await shot(page, 'list-empty');

  // ── Records made through the API: a segment of CTOs with one contact, and a slot whose key we will try to reuse ──
  const contactId = await created(page.request, '/api/v1/contacts', cto);
  const segmentId = await created(page.request, '/api/v1/segments', {
    name: segmentName,
    definition: { version: 1, match: { type: 'field', field: 'jobTitle', operator: 'equals', value: 'CTO' } },
  });
  await created(page.request, '/api/v1/content-slots', {
    key: `pricing-banner-${run}`, name: `Pricing banner ${run}`, defaultContent: '<p>Start free for 14 days</p>',
  });
  await expect(async () => {
    const members = await page.request.get(`/api/v1/segments/${segmentId}/members?limit=50`);
    expect(members.status()).toBe(200);
    expect(JSON.stringify(await members.json())).toContain(contactId);
  }).toPass({ timeout: 20_000 });

  // ── The editor ─────────────────────────────────────────────────────────────────────
  await page.reload();
  await page.getByRole('link', { name: 'New content slot' }).first().click();
  await expect(page).toHaveURL(/\/personalisation\/new$/);
  await page.getByLabel('Name', { exact: true }).fill('Home hero');
  await expect(page.getByLabel('Key', { exact: true })).toHaveValue('home-hero');
  await page.getByRole('region', { name: 'Default content' }).getByLabel('HTML', { exact: true }).fill('<h2>Welcome</h2>');
  await expect(page.frameLocator('iframe[title="Preview of the default content"]').locator('h2')).toHaveText('Welcome');

  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByRole('group', { name: 'Rule 1' });
  await choose(page, 'If the visitor is in segment', segmentName, rule);
  await rule.getByLabel('Show this content', { exact: true }).fill('<h2>Hello, CTO</h2>');
  await expect(rule.frameLocator('iframe').locator('h2')).toHaveText('Hello, CTO');

  // A rule without a segment is caught before saving; rules move and go.
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('group', { name: 'Rule 2' }).getByLabel('Show this content', { exact: true }).fill('<h2>Hi there</h2>');
  await page.getByRole('button', { name: 'Create slot' }).click();
  await expect(page.getByRole('group', { name: 'Rule 2' }).getByText('Pick the segment this rule is for')).toBeVisible();
  await shot(page, 'editor-rules');
  await page.getByRole('button', { name: 'Move rule 2 up' }).click();
  await expect(rule.getByLabel('Show this content', { exact: true })).toHaveValue('<h2>Hi there</h2>');
  await expect(page.getByRole('group', { name: 'Rule 2' }).getByRole('combobox', { name: 'If the visitor is in segment' })).toHaveValue(segmentName);
  await page.getByRole('button', { name: 'Remove rule 1' }).click();
  await expect(page.getByRole('group', { name: 'Rule 2' })).toHaveCount(0);
  await expect(rule.getByLabel('Show this content', { exact: true })).toHaveValue('<h2>Hello, CTO</h2>');

  // A key another slot has: the server's answer shows on the key, and nothing typed is lost.
  await page.getByLabel('Key', { exact: true }).fill(`pricing-banner-${run}`);
  await page.getByRole('button', { name: 'Create slot' }).click();
  await expect(page.getByLabel('Key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Content' }).getByText(`a slot with the key pricing-banner-${run} exists`)).toBeVisible();
  await expect(page).toHaveURL(/\/personalisation\/new$/);
  await expect(rule.getByLabel('Show this content', { exact: true })).toHaveValue('<h2>Hello, CTO</h2>');
  await shot(page, 'editor-error');

  await page.getByLabel('Key', { exact: true }).fill('home-hero');
  await page.getByRole('button', { name: 'Create slot' }).click();
  await expect(page).toHaveURL(/\/personalisation\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Home hero', level: 1 })).toBeVisible();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();

  // Preview as a contact: the CTO sees the rule's content, and why.
  await page.getByRole('combobox', { name: 'Contact', exact: true }).fill(cto.lastName);
  await page.getByRole('option', { name: new RegExp(ctoName) }).click();
  const seen = page.getByRole('region', { name: 'What the contact sees' });
  await expect(seen).toContainText('Rule 1');
  await expect(seen).toContainText(`${ctoName} is in ${segmentName}, the first rule.`);
  await expect(seen.frameLocator('iframe').locator('h2')).toHaveText('Hello, CTO');
  await shot(page, 'editor-preview');

  await page.getByRole('tab', { name: 'Embed' }).click();
  await expect(page.getByLabel('Slot snippet', { exact: true })).toHaveText('<div data-tandem-slot="home-hero"><h2>Welcome</h2></div>');
  await shot(page, 'editor-embed');

  // ── The website, on an origin of its own ────────────────────────────────────────────
  const site = await startWebsite(await trackingSnippet(page.request));
  const visitorContext = await browser.newContext();
  try {
    const visitor = await visitorContext.newPage();
    await visitor.goto(site.url);
    const hero = visitor.getByRole('region', { name: 'Hero' });
    await expect(hero.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await expect(hero).toHaveAttribute('data-tandem-variant', 'default');
    await shot(visitor, 'website-anonymous');

    // The visitor signs in on the website: the tracker identifies them as the CTO.
    await visitor.evaluate(
      ([userId, email]) => (window as unknown as { tandem: { identify(id: string, traits: object): void } }).tandem.identify(userId!, { email }),
      [`cto-${run}`, cto.email],
    );
    await expect(async () => {
      await visitor.reload();
      await expect(hero.getByRole('heading', { name: 'Hello, CTO' })).toBeVisible({ timeout: 1_500 });
    }).toPass({ timeout: 20_000 });
    await expect(hero).toHaveAttribute('data-tandem-variant', segmentId);
    await shot(visitor, 'website-cto');
  } finally {
    await visitorContext.close();
    await site.close();
  }

  // ── The results, back in the app ───────────────────────────────────────────────────
  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Impressions by content' });
  const ruleRow = table.getByRole('row').filter({ hasText: segmentName });
  const defaultRow = table.getByRole('row').filter({ hasText: 'Everyone else' });
  await expect(ruleRow.getByRole('cell').nth(1)).not.toHaveText('0');
  await expect(defaultRow.getByRole('cell').nth(1)).not.toHaveText('0');
  await expect(ruleRow).toContainText('Rule 1');
  await shot(page, 'results');

  await page.getByRole('link', { name: 'Personalisation' }).first().click();
  const row = page.getByRole('table', { name: 'Content slots' }).getByRole('row').filter({ hasText: 'Home hero' });
  await expect(row).toContainText('home-hero');
  await expect(row).toContainText('1 segment rule');
  await expect(row.getByRole('cell').nth(3)).not.toHaveText(/^(0|…)$/);
  await shot(page, 'list');

  // Archived, the slot leaves the website's default in place; restored, it personalises again.
  await row.getByRole('link', { name: 'Home hero' }).click();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Archive slot' }).click();
  await expect(page.getByText('Archived', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Restore slot' }).click();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
});
