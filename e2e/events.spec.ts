import type { APIRequestContext, Page } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_URL } from './env';
import { choose, expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's events. */
const run = Date.now().toString(36);

/** window.tandem once t.js has loaded (see tracker/README.md). */
interface Tandem {
  identify(userId: string, traits: Record<string, unknown>): void;
  anonymousId(): string;
}
declare global {
  interface Window {
    tandem: Tandem;
  }
}

interface TrackingSettings {
  scriptUrl: string;
  writeKeys: { key: string }[];
}

async function trackingSettings(request: APIRequestContext): Promise<TrackingSettings> {
  const response = await request.get('/api/v1/tracking/settings');
  expect(response.status(), await response.text()).toBe(200);
  const settings = (await response.json()) as TrackingSettings;
  // The workspace of the suite is created with a write key.
  expect(settings.writeKeys.length).toBeGreaterThan(0);
  return settings;
}

function snippet({ scriptUrl, writeKeys }: TrackingSettings): string {
  return `<script>window.tandem=window.tandem||[];["track","identify","page","group","alias","reset","consent"].forEach(function(m){tandem[m]=tandem[m]||function(){tandem.push([m].concat([].slice.call(arguments)))}});</script>
<script async src="${scriptUrl}" data-write-key="${writeKeys[0]!.key}"></script>`;
}

interface Website {
  url: string;
  close(): Promise<void>;
}

/** A customer's website on an origin of its own: two pages with the tracking snippet, linked to each other. */
async function startWebsite(head: string, pages: Record<string, { title: string; body: string }>): Promise<Website> {
  const server = http.createServer((request, response) => {
    const page = pages[request.url ?? ''];
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ? `<!doctype html><html><head><title>${page.title}</title>${head}</head><body>${page.body}</body></html>` : 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function eventRows(page: Page) {
  return page.getByRole('table', { name: 'Events' }).locator('tbody').getByRole('row');
}

test('a visitor of a website with the snippet shows up live, and once identified, with every page on the contact', async ({ adminPage: page, browser }) => {
  const one = `/${run}/one.html`;
  const two = `/${run}/two.html`;
  const site = await startWebsite(snippet(await trackingSettings(page.request)), {
    [one]: { title: `Home ${run}`, body: `<h1>Welcome</h1><a href="${two}">See pricing</a>` },
    [two]: { title: `Pricing ${run}`, body: `<h1>Pricing</h1><a href="${one}">Back home</a>` },
  });
  const visitorContext = await browser.newContext();
  try {
    // The live view is open before the visitor arrives: their events appear without a reload.
    await page.goto('/contacts');
    await mainNav(page).getByRole('link', { name: 'Live events' }).click();
    await expect(page.getByRole('heading', { name: 'Live events', level: 1 })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Live');

    const visitor = await visitorContext.newPage();
    expect(new URL(site.url).origin).not.toBe(new URL(BASE_URL).origin);
    await visitor.goto(`${site.url}${one}`);
    const firstView = eventRows(page).filter({ hasText: one });
    await expect(firstView).toHaveCount(1);
    await expect(firstView).toContainText('Page');
    await expect(firstView).toContainText('Anonymous');

    await visitor.getByRole('link', { name: 'See pricing' }).click();
    await expect(visitor.getByRole('heading', { name: 'Pricing' })).toBeVisible();
    await visitor.waitForFunction(() => typeof window.tandem.anonymousId === 'function');
    const secondView = eventRows(page).filter({ hasText: two });
    await expect(secondView).toHaveCount(1);

    const userId = `user-${run}`;
    const email = `visitor-${run}@example.com`;
    const name = `Vera Visitor ${run}`;
    await visitor.evaluate(
      ([id, address, lastName]) => window.tandem.identify(id!, { email: address, firstName: 'Vera', lastName }),
      [userId, email, `Visitor ${run}`],
    );
    const identify = eventRows(page).filter({ hasText: userId });
    await expect(identify).toContainText('Identify');
    await expect(identify.getByRole('link', { name })).toBeVisible();
    // Identified, the visitor's earlier, anonymous page views belong to the contact too.
    await expect(firstView.getByRole('link', { name })).toBeVisible();
    await expect(secondView.getByRole('link', { name })).toBeVisible();
    await snap(page, 'live-events');

    // So says the server too: the visitor's events, asked for afresh, name the contact.
    await choose(page, 'Who', 'Anonymous ID');
    const anonymousId = await visitor.evaluate(() => window.tandem.anonymousId());
    await page.getByLabel('Anonymous ID', { exact: true }).fill(anonymousId);
    await expect(page).toHaveURL(new RegExp(`anonymousId=${anonymousId}`));
    await expect(eventRows(page)).toHaveCount(3);
    await expect(firstView.getByRole('link', { name })).toBeVisible();
    await expect(secondView.getByRole('link', { name })).toBeVisible();

    await identify.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    const visit = page.getByRole('list', { name: 'Timeline' }).locator('li[data-kind="event.visit"]');
    await expect(visit).toContainText('Visited the website: 2 pages');
    await expect(visit).toContainText(`${one} → ${two}`);
    await visit.getByRole('button', { name: 'Show pages' }).click();
    const pages = visit.getByRole('list', { name: 'Pages of the visit' });
    await expect(pages.getByRole('listitem')).toHaveText([new RegExp(`Viewed Home ${run}`), new RegExp(`Viewed Pricing ${run}`)]);
    await expect(page.locator('li[data-kind="event.identify"]')).toContainText('Identified');

    const source = page.getByRole('region', { name: 'Source' });
    const firstTouch = source.getByRole('group', { name: 'First and last touch' });
    await expect(firstTouch).toContainText('Direct');
    await expect(firstTouch).toContainText(`Landed on ${one}`);
    const tracking = page.getByRole('region', { name: 'Website and app' });
    await expect(tracking.getByRole('group', { name: 'Ids' })).toContainText(userId);
    await expect(tracking.getByRole('group', { name: 'Recent visits' })).toContainText('2 pages');
    await snap(page, 'contact-tracked');
  } finally {
    await visitorContext.close();
    await site.close();
  }
});

test('the live view filters events by type and name, and shows an event with its raw payload', async ({ adminPage: page }) => {
  const { writeKeys } = await trackingSettings(page.request);
  const event = `Trial Started ${run}`;
  const send = (path: string, body: Record<string, unknown>) =>
    page.request.post(`/v1/${path}`, {
      headers: { authorization: `Basic ${Buffer.from(`${writeKeys[0]!.key}:`).toString('base64')}` },
      data: { userId: `api-user-${run}`, ...body },
    });

  await page.goto(`/events?name=${encodeURIComponent(event)}`);
  await expect(page.getByText('No events match these filters')).toBeVisible();
  expect((await send('page', { name: 'Docs', properties: { path: `/docs/${run}` } })).status()).toBe(200);
  expect((await send('track', { event, properties: { plan: 'pro', seats: 3 } })).status()).toBe(200);
  // Only the matching event arrives, while the page is open.
  await expect(eventRows(page).filter({ hasText: event })).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(eventRows(page).filter({ hasText: `/docs/${run}` })).toHaveCount(1);

  await choose(page, 'Type', 'Track');
  await expect(page).toHaveURL(/type=track/);
  await expect(eventRows(page).filter({ hasText: `/docs/${run}` })).toHaveCount(0);
  const row = eventRows(page).filter({ hasText: event });
  await expect(row).toContainText('Track');
  await expect(row).toContainText(`api-user-${run}`.slice(0, 8));

  await row.getByRole('button', { name: event }).click();
  const drawer = page.getByRole('dialog', { name: event });
  await expect(drawer).toContainText('Not tied to a contact yet');
  await expect(drawer.getByText(`api-user-${run}`, { exact: true })).toBeVisible();
  const payload = drawer.getByLabel('Raw payload');
  await expect(payload).toContainText(`"event": "${event}"`);
  await expect(payload).toContainText('"seats": 3');
  await snap(page, 'live-events-drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toHaveText('Paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('status')).toContainText('Live');
});
