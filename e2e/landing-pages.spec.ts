import type { Locator, Page } from '@playwright/test';
import { BASE_URL } from './env';
import { choose, expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

/** A form to put on the page, made through the API; `minSeconds: 0` lets a quick visitor send it. */
async function guideForm(page: Page, thanks: string): Promise<{ id: string; name: string }> {
  const name = `Spring guide form ${run}`;
  const created = await page.request.post('/api/v1/forms', {
    data: {
      name,
      minSeconds: 0,
      fields: [
        { key: 'email', label: 'Work email', type: 'email', mapTo: 'email', required: true },
        { key: 'first_name', label: 'First name', type: 'text', mapTo: 'firstName' },
      ],
      consents: [{ purpose: 'marketing_email', wording: `Send me the guide and product news (${run}).` }],
      afterSubmit: { kind: 'message', message: thanks },
      submitLabel: 'Send me the guide',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { id: ((await created.json()) as { id: string }).id, name };
}

const block = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

/** The preview's width switch (a segmented control: its label takes the click). */
const width = (page: Page, device: 'Desktop' | 'Mobile') => page.getByRole('region', { name: 'Preview' }).locator('label').filter({ hasText: device });

/** A full-page picture from the top, with no tooltip left open by the pointer. */
async function picture(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, name);
}

async function fill(scope: Locator, label: string, value: string) {
  await scope.getByRole('textbox', { name: label, exact: true }).fill(value);
}

test('a marketer builds and A/B tests a landing page; a visitor converts and the results show it', async ({ adminPage: page, browser }) => {
  test.setTimeout(120_000);
  const thanks = `Thanks ${run}! The guide is on its way.`;
  const form = await guideForm(page, thanks);
  const name = `Spring guide ${run}`;
  const slug = `spring-guide-${run}`;
  const headlineA = `Plan your spring campaign ${run}`;
  const headlineB = `12 plays for spring ${run}`;

  // ── The list, then a new page ──────────────────────────────────────────────────────
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Landing pages' }).click();
  await expect(page.getByRole('heading', { name: 'Landing pages', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New landing page' }).first().click();
  await expect(page).toHaveURL(/\/landing-pages\/new$/);

  await fill(page.locator('body'), 'Name', name);
  // The address and the title follow the name until they are typed.
  await expect(page.getByRole('textbox', { name: 'Slug', exact: true })).toHaveValue(slug);
  await expect(page.getByText(`${BASE_URL}/p/${slug}`)).toBeVisible();
  await fill(page.locator('body'), 'Page title', 'The spring campaign guide');
  await page.getByLabel('Meta description', { exact: true }).fill('Twelve plays for a spring campaign, with templates.');

  // A new page starts with a hero, a text and a form block.
  const hero = block(page, 'Hero block 1');
  await fill(hero, 'Headline', headlineA);
  await fill(hero, 'Subheading', 'Twelve plays, two templates and a calendar.');
  await fill(hero, 'Button label', 'Get the guide');
  await fill(hero, 'Button link', '#form');
  const text = block(page, 'Text block 2');
  await fill(text, 'Heading', 'Inside the guide');
  await fill(text, 'Text', 'Twelve plays that worked for our customers.\n\nTwo email templates ready to send.');
  const formBlock = block(page, 'Form block 3');
  await choose(page, 'Form', form.name, formBlock);
  await fill(formBlock, 'Heading above the form', 'Get your copy');
  await page.getByRole('button', { name: 'Add block' }).click();
  await page.getByRole('menuitem', { name: /^Testimonial/ }).click();
  const quote = block(page, 'Testimonial block 4');
  await fill(quote, 'Quote', 'We doubled our spring pipeline.');
  await fill(quote, 'Author', 'Nora Lindqvist');
  await fill(quote, 'Role and company', 'CMO, Northwind');

  // The live preview is the server's page for the unsaved draft, with the form drawn.
  const previewA = page.frameLocator('iframe[title="Page preview, variant A"]');
  await expect(previewA.getByRole('heading', { name: headlineA, level: 1 })).toBeVisible();
  await expect(previewA.getByText('Two email templates ready to send.')).toBeVisible();
  await expect(previewA.getByLabel('Work email')).toBeVisible();
  await expect(previewA.getByRole('button', { name: 'Send me the guide' })).toBeVisible();
  await expect(previewA.getByText('We doubled our spring pipeline.')).toBeVisible();
  await expect(previewA.getByText('Nora Lindqvist')).toBeVisible();
  await picture(page, 'landing-page-editor');

  // Responsive: the phone width narrows the frame to 390 px.
  await width(page, 'Mobile').click();
  await expect(page.getByRole('radio', { name: 'Mobile' })).toBeChecked();
  await expect.poll(async () => (await page.locator('iframe[title="Page preview, variant A"]').boundingBox())?.width).toBeLessThanOrEqual(390);
  await expect(previewA.getByRole('heading', { name: headlineA, level: 1 })).toBeVisible();
  await picture(page, 'landing-page-editor-mobile');
  await width(page, 'Desktop').click();

  // ── Variant B: a copy of A with another headline, half the traffic ────────────────
  await page.getByRole('button', { name: 'Add variant' }).click();
  await expect(page.getByRole('tab', { name: 'Variant B' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Name of variant B', { exact: true }).fill('Number headline');
  await fill(block(page, 'Hero block 1'), 'Headline', headlineB);
  await expect(block(page, 'Testimonial block 4')).toBeVisible();
  const previewB = page.frameLocator('iframe[title="Page preview, variant B"]');
  await expect(previewB.getByRole('heading', { name: headlineB, level: 1 })).toBeVisible();
  const split = page.getByRole('group', { name: 'Traffic split' });
  await expect(split.getByLabel('Traffic to A')).toHaveValue('50%');
  await expect(split.getByLabel('Traffic to B')).toHaveValue('50%');

  // A split that does not add up: the sum shows at once, the server's refusal on the split.
  await split.getByLabel('Traffic to A').fill('60');
  await expect(split.getByLabel('Split total')).toHaveText('Total 110% (must be 100%)');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(split.getByRole('alert')).toHaveText("The variants' weights add up to 110; they must add up to 100");
  await expect(page).toHaveURL(/\/landing-pages\/new$/);
  await split.getByRole('button', { name: 'Split evenly' }).click();
  await expect(split.getByLabel('Split total')).toHaveText('Total 100%');

  // A call to action with a script for a link: refused on the block's field, edits kept.
  await page.getByRole('button', { name: 'Add block' }).click();
  await page.getByRole('menuitem', { name: /^Call to action/ }).click();
  const cta = block(page, 'Call to action block 5');
  await fill(cta, 'Button link', 'javascript:x');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(cta.getByRole('textbox', { name: 'Button link', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(cta.getByText('Button link must be an http(s) address, a path or an anchor')).toBeVisible();
  await expect(page.getByLabel('Name of variant B', { exact: true })).toHaveValue('Number headline');
  await expect(block(page, 'Hero block 1').getByRole('textbox', { name: 'Headline', exact: true })).toHaveValue(headlineB);
  await picture(page, 'landing-page-editor-error');
  await cta.getByRole('button', { name: 'Remove Call to action block 5' }).click();

  // ── Publish ────────────────────────────────────────────────────────────────────────
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/landing-pages\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const live = page.getByLabel('Public address');
  await expect(live).toContainText(`${BASE_URL}/p/${slug}`);
  await expect(live.getByRole('link', { name: 'Open' })).toHaveAttribute('href', `${BASE_URL}/p/${slug}`);
  await expect(page.getByRole('button', { name: 'Unpublish' })).toBeVisible();

  // ── A visitor, in a browser of their own ───────────────────────────────────────────
  // Its user agent is a person's: the server counts no "HeadlessChrome" as a visitor of a test.
  const userAgent = (await page.evaluate(() => navigator.userAgent)).replace('HeadlessChrome', 'Chrome');
  const visitorContext = await browser.newContext({ userAgent });
  let shown: 'A' | 'B';
  try {
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/p/${slug}`);
    await expect(visitor).toHaveTitle('The spring campaign guide');
    const heading = await visitor.getByRole('heading', { level: 1 }).innerText();
    expect([headlineA, headlineB]).toContain(heading);
    shown = heading === headlineA ? 'A' : 'B';
    await expect(visitor.getByText('We doubled our spring pipeline.')).toBeVisible();
    await picture(visitor, 'landing-page-public');
    await visitor.getByLabel('Work email').fill(`nora-${run}@northwind.example`);
    await visitor.getByLabel('First name').fill('Nora');
    await visitor.getByLabel(`Send me the guide and product news (${run}).`).check();
    await visitor.getByRole('button', { name: 'Send me the guide' }).click();
    await expect(visitor.getByRole('status')).toHaveText(thanks);
    await picture(visitor, 'landing-page-public-thanks');
  } finally {
    await visitorContext.close();
  }

  // ── The results: one visitor and one conversion, on the variant they were shown ────
  await page.getByRole('tab', { name: 'Results' }).click();
  const table = page.getByRole('table', { name: 'Results by variant' });
  const other = shown === 'A' ? 'B' : 'A';
  const row = (key: string) => table.getByRole('row', { name: `Variant ${key}` });
  // Columns: variant, visitors, views, conversions, rate, lift, confidence, verdict.
  await expect(row(shown).getByRole('cell').nth(1)).toHaveText('1');
  await expect(row(shown).getByRole('cell').nth(3)).toHaveText('1');
  await expect(row(shown).getByRole('cell').nth(4)).toHaveText('100%');
  await expect(row(other).getByRole('cell').nth(1)).toHaveText('0');
  await expect(row('A')).toContainText('Control');
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Not enough evidence yet');
  await picture(page, 'landing-page-results');

  // The list shows the page live, with its address and its conversion.
  await mainNav(page).getByRole('link', { name: 'Landing pages' }).click();
  const listRow = page.getByRole('table', { name: 'Landing pages' }).getByRole('row').filter({ hasText: name });
  await expect(listRow).toContainText('Published');
  await expect(listRow.getByRole('link', { name: `Open /p/${slug}` })).toHaveAttribute('href', `${BASE_URL}/p/${slug}`);
  await expect(listRow).toContainText('2 (A/B)');
  await expect(listRow).toContainText('100%');
  await picture(page, 'landing-pages-list');

  // Nora is a contact now; her consent names the form it was given on, with a link to it.
  const email = `nora-${run}@northwind.example`;
  let contactId = '';
  await expect.poll(async () => {
    const found = (await (await page.request.get(`/api/v1/contacts?email=${encodeURIComponent(email)}`)).json()) as { items: { id: string }[] };
    contactId = found.items[0]?.id ?? '';
    return contactId;
  }).not.toBe('');
  await page.goto(`/contacts/${contactId}`);
  const consent = page.getByRole('region', { name: 'Consent', exact: true });
  await consent.getByRole('button', { name: 'Show history' }).click();
  const record = consent.getByRole('list', { name: 'Consent records' }).getByRole('listitem').first();
  await expect(record.getByRole('link', { name: 'Web form' })).toHaveAttribute('href', `/forms/${form.id}`);
  await picture(page, 'landing-page-consent-source');
  await page.goBack();

  // Unpublished, the address stops answering.
  await listRow.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByRole('button', { name: 'Publish' })).toBeVisible();
  expect((await page.request.get(`/p/${slug}`)).status()).toBe(404);
});

test('a page without a form converts by clicks; the results name the winner; archived, it goes offline', async ({ adminPage: page, playwright }) => {
  test.setTimeout(120_000);
  const name = `Free trial ${run}`;
  const slug = `free-trial-${run}`;
  const cta = (label: string) => ({ type: 'cta', heading: 'Ready?', label, url: 'https://app.example.com/signup' });
  const created = await page.request.post('/api/v1/pages', {
    data: {
      name, slug, title: 'Start your free trial', status: 'published',
      variants: [
        { key: 'A', name: 'Quiet button', weight: 50, blocks: [{ type: 'hero', heading: 'Try Tandem' }, cta('Sign up')] },
        { key: 'B', name: 'Loud button', weight: 50, blocks: [{ type: 'hero', heading: 'Try Tandem free for 30 days' }, cta('Start my free trial')] },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const pageId = ((await created.json()) as { id: string }).id;

  // Forty visitors, each with a browser's cookies: those shown B click its button, nobody clicks A's.
  const seen = { A: 0, B: 0 };
  for (let i = 0; i < 40; i++) {
    const visitor = await playwright.request.newContext({ baseURL: BASE_URL, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' });
    try {
      const html = await (await visitor.get(`/p/${slug}`)).text();
      const variant = html.includes('Start my free trial') ? 'B' : 'A';
      seen[variant]++;
      if (variant === 'B') {
        const click = await visitor.get(`/p/${slug}/go/1`, { maxRedirects: 0 });
        expect(click.status()).toBe(302);
      }
    } finally {
      await visitor.dispose();
    }
  }
  expect(seen.A).toBeGreaterThan(3);
  expect(seen.B).toBeGreaterThan(3);

  await page.goto(`/landing-pages/${pageId}?tab=results`);
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('B (Loud button) converts better than A (Quiet button): 100% against 0%');
  const table = page.getByRole('table', { name: 'Results by variant' });
  const b = table.getByRole('row', { name: 'Variant B' });
  await expect(b.getByRole('cell').nth(1)).toHaveText(String(seen.B));
  await expect(b.getByRole('cell').nth(3)).toHaveText(String(seen.B));
  await expect(b).toContainText('Converts better than A');
  await expect(table.getByRole('row', { name: 'Variant A' }).getByRole('cell').nth(4)).toHaveText('0%');
  await picture(page, 'landing-page-results-winner');

  // The editor explains how a page without a form converts.
  await page.getByRole('tab', { name: 'Build' }).click();
  await expect(page.getByText('Without a form, a visitor converts by clicking a button of the page.')).toBeVisible();
  await expect(page.frameLocator('iframe[title="Page preview, variant A"]').getByRole('link', { name: 'Sign up' })).toBeVisible();

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Archive page' }).click();
  await expect(page.getByRole('button', { name: 'Restore as draft' })).toBeVisible();
  await expect(page.getByText('This page is archived')).toBeVisible();
  expect((await page.request.get(`/p/${slug}`)).status()).toBe(404);
});
