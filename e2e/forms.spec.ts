import type { APIRequestContext, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BASE_URL } from './env';
import { expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);
const shotDir = process.env.TANDEM_FORMS_SHOTS ?? '/tmp/forms-shots';
mkdirSync(shotDir, { recursive: true });

/** A picture for a person to judge, in the suite's screenshots and in the forms folder. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await snap(page, `forms-${name}`);
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage, animations: 'disabled' });
}

async function trackingSnippet(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/v1/tracking/settings');
  expect(response.status(), await response.text()).toBe(200);
  const { scriptUrl, writeKeys } = (await response.json()) as { scriptUrl: string; writeKeys: { key: string }[] };
  expect(writeKeys.length).toBeGreaterThan(0);
  return `<script>window.tandem=window.tandem||[];["track","identify","page","group","alias","reset","consent"].forEach(function(m){tandem[m]=tandem[m]||function(){tandem.push([m].concat([].slice.call(arguments)))}});</script>
<script async src="${scriptUrl}" data-write-key="${writeKeys[0]!.key}"></script>`;
}

const STYLE = `<style>
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; background: #f8fafc; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 18px 48px; background: #fff; border-bottom: 1px solid #e2e8f0; }
  header b { font-size: 20px; letter-spacing: -.02em; color: #0f766e; }
  nav a { margin-left: 24px; color: #334155; text-decoration: none; font-weight: 500; }
  main { max-width: 1080px; margin: 0 auto; padding: 56px 48px; }
  h1 { font-size: 40px; line-height: 1.15; letter-spacing: -.02em; margin: 0 0 16px; }
  .split { display: grid; grid-template-columns: 1.1fr 1fr; gap: 56px; align-items: start; }
  .card { background: #fff; border: 1px solid #e2e8f0; border-radius: 14px; padding: 32px; box-shadow: 0 10px 30px rgba(15, 23, 42, .06); }
  .card h2 { margin: 0 0 20px; font-size: 20px; }
  ul { padding-left: 20px; color: #334155; } li { margin: 8px 0; }
  [data-tandem-form] { --tandem-form-accent: #0f766e; --tandem-form-radius: 8px; --tandem-form-width: 100%; }
</style>`;

interface Website {
  url: string;
  close(): Promise<void>;
}

/** A customer's website on an origin of its own: a home page, pricing, and a demo page with the form. */
async function startWebsite(head: string, formId: string): Promise<Website> {
  const header = `<header><b>Acme Analytics</b><nav><a href="/">Home</a><a href="/pricing">Pricing</a><a href="/demo?utm_source=newsletter">Book a demo</a></nav></header>`;
  const pages: Record<string, { title: string; body: string }> = {
    '/': { title: `Acme home ${run}`, body: `<main><h1>Analytics your whole team understands</h1><p>Dashboards in minutes.</p><a href="/pricing">See pricing</a></main>` },
    '/pricing': { title: `Acme pricing ${run}`, body: `<main><h1>Pricing</h1><p>Starter, Pro and Enterprise.</p><a href="/demo?utm_source=newsletter">Book a demo</a></main>` },
    '/demo': {
      title: `Acme demo ${run}`,
      body: `<main class="split"><div><h1>See Acme in action</h1><p>A 30-minute walk-through with a product specialist, tailored to your data.</p>
<ul><li>Connect your warehouse in minutes</li><li>Dashboards your whole team can read</li><li>Alerts when a number moves</li></ul></div>
<div class="card"><h2>Book your demo</h2><div data-tandem-form="${formId}" aria-label="Book a demo"></div></div></main>`,
    },
  };
  const server = http.createServer((request, response) => {
    const page = pages[new URL(request.url ?? '/', 'http://site').pathname];
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ? `<!doctype html><html><head><meta charset="utf-8"><title>${page.title}</title>${STYLE}${head}</head><body>${header}${page.body}</body></html>` : 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('a marketer builds a form, a visitor fills it in on another website, and the contact arrives with pages, consent and source', async ({ adminPage: page, browser }) => {
  const formName = `Book a demo ${run}`;
  const wording = `Send me product news and event invitations by email (${run}).`;
  const thanks = `Thanks ${run}! A specialist will be in touch within a day.`;
  const email = `vera-${run}@example.com`;

  // ── The builder ────────────────────────────────────────────────────────────────────
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Forms' }).click();
  await expect(page.getByRole('heading', { name: 'Forms', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New form' }).first().click();
  await expect(page).toHaveURL(/\/forms\/new$/);

  await page.getByLabel('Form name', { exact: true }).fill(formName);
  // A new form asks for the work email and first name; add the job title from the contact fields.
  await expect(page.getByRole('group', { name: 'Field Work email' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Field First name' })).toBeVisible();
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByRole('menuitem', { name: 'Job title', exact: true }).click();
  const jobTitle = page.getByRole('group', { name: 'Field Job title' });
  await expect(jobTitle.getByRole('combobox', { name: 'Saves to' })).toHaveValue('Job title');
  // A key the server refuses, to see its message on the field it names (fields[2].key).
  await jobTitle.getByLabel('Key', { exact: true }).fill('Job Title');

  await page.getByRole('button', { name: 'Add consent box' }).click();
  const consentBox = page.getByRole('group', { name: 'Consent box 1' });
  await consentBox.getByLabel('Wording', { exact: true }).fill(wording);
  await page.getByRole('switch', { name: 'Ask only for what is not known yet' }).check();
  await page.getByLabel('Questions at a time', { exact: true }).fill('2');
  await page.getByLabel('Message shown after sending', { exact: true }).fill(thanks);
  await page.getByLabel('Button label', { exact: true }).fill('Book my demo');
  await page.getByLabel('Minimum seconds to fill in', { exact: true }).fill('1');

  // The live preview: a first-time visitor is asked two questions, with the consent box.
  const preview = page.getByRole('form', { name: 'Form preview' });
  await expect(preview.getByLabel('Work email')).toBeVisible();
  await expect(preview.getByLabel('First name')).toBeVisible();
  await expect(preview.getByLabel('Job title')).toHaveCount(0);
  await expect(preview).toContainText(wording);
  await expect(preview.getByRole('button', { name: 'Book my demo' })).toBeVisible();

  await page.getByRole('button', { name: 'Create form' }).click();
  await expect(jobTitle.getByLabel('Key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(jobTitle.getByText('a field key is lower case letters, digits and _, starting with a letter')).toBeVisible();
  await expect(page).toHaveURL(/\/forms\/new$/);
  await shot(page, 'builder-error');

  await jobTitle.getByLabel('Key', { exact: true }).fill('job_title');
  await page.getByRole('button', { name: 'Create form' }).click();
  await expect(page).toHaveURL(/\/forms\/[0-9a-f-]{36}$/);
  const formId = page.url().split('/forms/')[1]!;
  await expect(page.getByRole('heading', { name: formName, level: 1 })).toBeVisible();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await shot(page, 'builder');

  await page.getByRole('tab', { name: 'Embed' }).click();
  await expect(page.getByLabel('Embed code', { exact: true })).toContainText(`<div data-tandem-form="${formId}"></div>`);
  await expect(page.getByLabel('Hosted page', { exact: true })).toHaveValue(`${BASE_URL}/f/${formId}`);
  await shot(page, 'builder-embed');

  // ── The visitor, on a website of another origin ─────────────────────────────────────
  const site = await startWebsite(await trackingSnippet(page.request), formId);
  const visitorContext = await browser.newContext();
  try {
    expect(new URL(site.url).origin).not.toBe(new URL(BASE_URL).origin);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${site.url}/?utm_source=newsletter`);
    await visitor.getByRole('link', { name: 'See pricing' }).click();
    await expect(visitor.getByRole('heading', { name: 'Pricing' })).toBeVisible();
    await visitor.getByRole('main').getByRole('link', { name: 'Book a demo' }).click();
    await expect(visitor).toHaveURL(/\/demo\?utm_source=newsletter$/);

    const embedded = visitor.getByRole('form', { name: 'Book a demo' });
    await expect(embedded.getByLabel('Work email')).toBeVisible();
    await expect(embedded.getByLabel('First name')).toBeVisible();
    await expect(embedded.getByLabel('Job title')).toHaveCount(0);
    await expect(embedded.getByRole('checkbox', { name: wording })).not.toBeChecked();
    await shot(visitor, 'embedded-form');

    // A wrong answer comes back on its field.
    await embedded.getByLabel('Work email').fill('vera@');
    await embedded.getByLabel('First name').fill('Vera');
    await visitor.waitForTimeout(1100); // the form's minimum time to fill in
    await embedded.getByRole('button', { name: 'Book my demo' }).click();
    await expect(embedded.getByLabel('Work email')).toHaveAttribute('aria-invalid', 'true');
    await expect(embedded.getByText('Work email must be an email address')).toBeVisible();
    await shot(visitor, 'embedded-form-error');

    await embedded.getByLabel('Work email').fill(email);
    await embedded.getByRole('checkbox', { name: wording }).check();
    await embedded.getByRole('button', { name: 'Book my demo' }).click();
    await expect(visitor.getByRole('status')).toHaveText(thanks);
    await shot(visitor, 'embedded-form-thanks');

    // ── The contact, in the app ───────────────────────────────────────────────────────
    await page.getByRole('tab', { name: 'Submissions' }).click();
    const row = page.getByRole('table', { name: 'Submissions' }).getByRole('row').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('newsletter');
    await expect(row).toContainText('/demo?utm_source=newsletter');
    await expect(row).toContainText('Vera');
    await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', `/api/v1/forms/${formId}/submissions.csv`);
    await shot(page, 'submissions');
    const csv = await page.request.get(`/api/v1/forms/${formId}/submissions.csv`);
    expect(await csv.text()).toContain(email);

    await page.getByRole('tab', { name: 'Results' }).click();
    const conversion = page.getByRole('region', { name: 'Conversion' });
    await expect(conversion).toContainText('Views');
    await expect(conversion).toContainText('100%');
    await expect(page.getByRole('table', { name: 'Conversion by source' }).getByRole('row').filter({ hasText: 'newsletter' })).toContainText('1');
    await expect(page.getByRole('table', { name: 'Conversion by page' }).getByRole('row').filter({ hasText: '/demo' })).toBeVisible();
    await shot(page, 'results');

    await page.getByRole('tab', { name: 'Submissions' }).click();
    await row.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Vera');
    // The three pages the visitor saw before they were known belong to the contact now.
    const visit = page.getByRole('list', { name: 'Timeline' }).locator('li[data-kind="event.visit"]');
    await expect(visit).toContainText(/Visited the website.*: 3 pages/);
    await visit.getByRole('button', { name: 'Show pages' }).click();
    await expect(visit.getByRole('list', { name: 'Pages of the visit' }).getByRole('listitem')).toHaveText([
      new RegExp(`Viewed Acme home ${run}`), new RegExp(`Viewed Acme pricing ${run}`), new RegExp(`Viewed Acme demo ${run}`),
    ]);
    await shot(page, 'contact', false);
    // The consent, with the words the visitor agreed to.
    const consent = page.getByRole('region', { name: 'Consent' });
    await consent.getByRole('button', { name: 'Show history' }).click();
    const record = consent.getByRole('list', { name: 'Consent records' }).getByRole('listitem').first();
    await expect(record).toContainText('Marketing email');
    await expect(record.getByLabel('Wording')).toContainText(wording);
    // The campaign that brought them.
    await expect(page.getByRole('region', { name: 'Source' })).toContainText('newsletter');
    await consent.scrollIntoViewIfNeeded();
    await consent.screenshot({ path: path.join(shotDir, 'contact-consent.png'), animations: 'disabled' });
    const contactUrl = page.url();

    // ── Back on the website: known answers are not asked again ────────────────────────
    await visitor.goto(`${site.url}/demo?utm_source=newsletter`);
    await expect(embedded.getByLabel('Job title')).toBeVisible();
    await expect(embedded.getByLabel('Work email')).toHaveCount(0);
    await expect(embedded.getByLabel('First name')).toHaveCount(0);
    await shot(visitor, 'embedded-form-returning');
    await embedded.getByLabel('Job title').fill('Head of Growth');
    await visitor.waitForTimeout(1100);
    await embedded.getByRole('button', { name: 'Book my demo' }).click();
    await expect(visitor.getByRole('status')).toHaveText(thanks);

    await page.goto(contactUrl);
    await expect(page.getByText('Head of Growth').first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('link', { name: formName }).first()).toBeVisible();

    // The list: views, submissions and the rate (two views, two submissions).
    await mainNav(page).getByRole('link', { name: 'Forms' }).click();
    const listed = page.getByRole('table', { name: 'Forms' }).getByRole('row').filter({ hasText: formName });
    await expect(listed).toContainText('100%');
    await shot(page, 'list', false);
  } finally {
    await visitorContext.close();
    await site.close();
  }
});
