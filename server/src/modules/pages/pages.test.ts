import { describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle } from '../../test/pipeline.js';

const bed = useApiTestBed('Pages');

const browser = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36';

/** A visitor's browser: keeps the cookies Tandem sets, like a real one. */
function visitor() {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      jar.set(name, value);
    }
  };
  const headers = (extra: Record<string, string> = {}) => ({ 'user-agent': browser, cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '), ...extra });
  return {
    jar,
    async get(path: string, extra?: Record<string, string>) {
      const response = await fetch(`${bed.server.url}${path}`, { headers: headers(extra), redirect: 'manual' });
      remember(response);
      return { status: response.status, html: await response.text(), location: response.headers.get('location') };
    },
    async post(path: string, fields: Record<string, string>) {
      const response = await fetch(`${bed.server.url}${path}`, {
        method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(), headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      });
      remember(response);
      return { status: response.status, html: await response.text(), location: response.headers.get('location') };
    },
  };
}

/** The hidden inputs a page's form carries (its variant, address, render token). */
const hiddenInputs = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1]!, match[2]!.replace(/&amp;/g, '&')]));

const hero = (heading: string) => ({ type: 'hero', heading, subheading: 'Plan every campaign in one place', ctaLabel: 'Get the guide', ctaUrl: '#form', imageUrl: 'https://cdn.acme.example/hero.png' });

async function guideForm() {
  const created = await bed.api('/api/v1/forms', {
    body: {
      name: 'Guide download', minSeconds: 1,
      fields: [{ key: 'email', label: 'Work email', type: 'email', mapTo: 'email', required: true }, { key: 'first_name', label: 'First name', type: 'text', mapTo: 'firstName' }],
      consents: [{ purpose: 'marketing_email', wording: 'Send me the guide and product news.' }],
      afterSubmit: { kind: 'asset', url: 'https://cdn.acme.example/guide.pdf', message: 'Thanks! Your guide is ready.' },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

describe('landing pages', () => {
  it('refuses a page it cannot serve, naming the field', async () => {
    const formId = await guideForm();
    const base = { name: 'Guide', slug: 'guide', title: 'The guide', variants: [{ key: 'A', name: 'Control', weight: 100, blocks: [hero('Hi')] }] };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ slug: 'Not A Slug!' }, 400, 'slug'],
      [{ variants: [{ key: 'A', name: 'A', weight: 60, blocks: [hero('x')] }, { key: 'B', name: 'B', weight: 30, blocks: [hero('y')] }] }, 400, 'variants'],
      [{ variants: [{ key: 'A', name: 'A', weight: 100, blocks: [hero('x'), { type: 'cta', label: 'Go', url: 'javascript:alert(1)' }] }] }, 400, 'variants[0].blocks[1].url'],
      [{ variants: [{ key: 'A', name: 'A', weight: 100, blocks: [{ type: 'form', formId: '00000000-0000-4000-8000-000000000000' }] }] }, 400, 'variants[0].blocks[0].formId'],
      [{ variants: [{ key: 'A', name: 'A', weight: 100, blocks: [{ type: 'form', formId }, { type: 'form', formId }] }] }, 400, 'variants[0].blocks'],
      [{ variants: [{ key: 'A', name: 'A', weight: 50, blocks: [hero('x')] }, { key: 'A', name: 'again', weight: 50, blocks: [hero('y')] }] }, 400, 'variants[1].key'],
    ];
    for (const [change, status, field] of cases) {
      const refused = await bed.api('/api/v1/pages', { body: { ...base, ...change } });
      expect(refused.body, JSON.stringify(change)).toMatchObject({ statusCode: status, field });
    }
    expect((await bed.api('/api/v1/pages', { body: base })).status).toBe(201);
    expect((await bed.api('/api/v1/pages', { body: { ...base, name: 'Other' } })).body).toMatchObject({ statusCode: 409, field: 'slug' });
    // A draft is not public.
    expect((await visitor().get('/p/guide')).status).toBe(404);
  });

  it('serves an A/B test: each visitor keeps their variant, the form converts, the page view joins the contact, results per variant', async () => {
    const formId = await guideForm();
    const created = await bed.api('/api/v1/pages', {
      body: {
        name: 'Spring guide', slug: 'spring-guide', title: 'The spring campaign guide', description: 'Twelve plays for a spring campaign.', status: 'published',
        variants: [
          { key: 'A', name: 'Plain headline', weight: 50, blocks: [hero('Plan your spring campaign'), { type: 'text', heading: 'Inside', body: 'Twelve plays.\n\nTwo templates.' }, { type: 'form', formId, heading: 'Get the guide' }, { type: 'testimonial', quote: 'We doubled our pipeline.', author: 'Nora', role: 'CMO' }] },
          { key: 'B', name: 'Number headline', weight: 50, blocks: [hero('12 plays for spring'), { type: 'image', url: 'https://cdn.acme.example/plays.png', alt: 'The twelve plays' }, { type: 'form', formId }] },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pageId = created.body.id as string;
    expect(created.body.url).toMatch(/\/p\/spring-guide$/);

    // Forty new visitors are split between the variants; each sees theirs again on return.
    const seen = { A: 0, B: 0 };
    for (let i = 0; i < 40; i++) {
      const someone = visitor();
      const first = await someone.get('/p/spring-guide');
      expect(first.status).toBe(200);
      const variant = first.html.includes('Plan your spring campaign') ? 'A' : 'B';
      seen[variant]++;
      expect((await someone.get('/p/spring-guide')).html.includes('Plan your spring campaign')).toBe(variant === 'A');
    }
    expect(seen.A).toBeGreaterThan(5);
    expect(seen.B).toBeGreaterThan(5);

    // One more visitor, from an ad; the page is complete and responsive, with its meta tags.
    const nora = visitor();
    const page = await nora.get('/p/spring-guide?utm_source=linkedin&utm_campaign=spring', { referer: 'https://www.linkedin.com/' });
    expect(page.html).toContain('<title>The spring campaign guide</title>');
    expect(page.html).toContain('<meta name="description" content="Twelve plays for a spring campaign.">');
    expect(page.html).toContain('<meta property="og:image" content="https://cdn.acme.example/hero.png">');
    expect(page.html).toContain('name="viewport" content="width=device-width,initial-scale=1"');
    expect(page.html).toMatch(/@media \(min-width:800px\)/);
    const noraVariant = page.html.includes('Plan your spring campaign') ? 'A' : 'B';
    expect(nora.jar.get('tdm_aid')).toBeTruthy();
    const hidden = hiddenInputs(page.html);
    expect(hidden).toMatchObject({ _v: noraVariant, _url: expect.stringContaining('utm_campaign=spring'), _ref: 'https://www.linkedin.com/' });

    // A wrong email: the page again, the field named, what she typed kept, nothing saved.
    bed.database.ctx.clock.advance(3000);
    const wrong = await nora.post('/p/spring-guide', { ...hidden, email: 'nora-at-northwind', first_name: 'Nora', consent_0: 'on' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Work email must be an email address');
    expect(wrong.html).toContain('value="Nora"');
    expect((await bed.api('/api/v1/contacts?email=nora-at-northwind')).body.items).toEqual([]);

    bed.database.ctx.clock.advance(3000);
    const sent = await nora.post('/p/spring-guide', { ...hiddenInputs(wrong.html), email: 'nora@northwind.example', first_name: 'Nora', consent_0: 'on' });
    expect(sent.status, sent.html).toBe(200);
    expect(sent.html).toContain('Thanks! Your guide is ready.');
    expect(sent.html).toContain('href="https://cdn.acme.example/guide.pdf"');
    await settle(bed);

    const contact = (await bed.api('/api/v1/contacts?email=nora%40northwind.example')).body.items[0];
    expect(contact).toMatchObject({ firstName: 'Nora', source: 'form' });
    const events = (await bed.api(`/api/v1/events?contactId=${contact.id}`)).body.items as { type: string; pagePath: string | null }[];
    expect(events.filter((event) => event.type === 'page').map((event) => event.pagePath)).toEqual(['/p/spring-guide']);
    const submissions = (await bed.api(`/api/v1/forms/${formId}/submissions`)).body.items;
    expect(submissions[0]).toMatchObject({ source: 'linkedin', utm: { utm_source: 'linkedin', utm_campaign: 'spring' } });

    const results = (await bed.api(`/api/v1/pages/${pageId}/results`)).body;
    const expected = { A: seen.A + (noraVariant === 'A' ? 1 : 0), B: seen.B + (noraVariant === 'B' ? 1 : 0) };
    expect(results.variants.map((variant: { key: string; visitors: number; conversions: number }) => [variant.key, variant.visitors, variant.conversions]))
      .toEqual([['A', expected.A, noraVariant === 'A' ? 1 : 0], ['B', expected.B, noraVariant === 'B' ? 1 : 0]]);
    expect(results).toMatchObject({ visitors: 41, views: 81, conversions: 1 });
    // The form's own report counts the landing page's views.
    expect((await bed.api(`/api/v1/forms/${formId}/conversion`)).body).toMatchObject({ views: 81, submissions: 1 });

    // Unpublished, it is gone — even when its form has been archived since, which a republish would refuse.
    await bed.api(`/api/v1/forms/${formId}`, { method: 'PATCH', body: { archived: true } });
    expect((await bed.api(`/api/v1/pages/${pageId}`, { method: 'PATCH', body: { status: 'draft' } })).status).toBe(200);
    expect((await visitor().get('/p/spring-guide')).status).toBe(404);
    expect((await bed.api(`/api/v1/pages/${pageId}`, { method: 'PATCH', body: { status: 'published' } })).body).toMatchObject({ statusCode: 400, field: 'variants[0].blocks[2].formId' });
  });

  it('counts clicks on a call to action as conversions (one per visitor), with the significance of the difference', async () => {
    const created = await bed.api('/api/v1/pages', {
      body: {
        name: 'Trial', slug: 'trial', title: 'Start a trial', status: 'published',
        variants: [
          { key: 'A', name: 'Button', weight: 50, blocks: [hero('Try Tandem'), { type: 'cta', heading: 'Ready?', label: 'Start free trial', url: 'https://app.acme.example/signup' }] },
          { key: 'B', name: 'Link only', weight: 50, blocks: [hero('Try Tandem today'), { type: 'cta', label: 'Sign up', url: 'https://app.acme.example/signup?b' }] },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (let i = 0; i < 60; i++) {
      const someone = visitor();
      const page = await someone.get('/p/trial');
      // Everyone shown A clicks; nobody shown B does.
      if (page.html.includes('Start free trial')) {
        expect(page.html).toContain('href="/p/trial/go/1"');
        const click = await someone.get('/p/trial/go/1');
        expect(click).toMatchObject({ status: 302, location: 'https://app.acme.example/signup' });
        // A second click is the same converted visitor.
        expect(await someone.get('/p/trial/go/1')).toMatchObject({ status: 302 });
      }
    }
    // A crawler sees the page but is nobody's visitor.
    const robot = await fetch(`${bed.server.url}/p/trial`, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' } });
    expect(robot.status).toBe(200);
    expect(robot.headers.getSetCookie()).toEqual([]);

    const results = (await bed.api(`/api/v1/pages/${created.body.id}/results`)).body;
    const [a, b] = results.variants;
    expect(a.visitors + b.visitors).toBe(60);
    expect(a).toMatchObject({ conversions: a.visitors, rate: 100, pValue: null });
    expect(b).toMatchObject({ conversions: 0, rate: 0, lift: -100 });
    expect(b.pValue).toBeLessThan(0.001);
    expect(results.pValue).toBeLessThan(0.001);

    const preview = await fetch(`${bed.server.url}/api/v1/pages/${created.body.id}/preview?variant=B`, { headers: { authorization: `Bearer ${bed.workspace.secretKey}` } });
    const html = await preview.text();
    expect(html).toContain('Try Tandem today');
    expect(html).toContain('<meta name="robots" content="noindex">');

    // Variant B removed: its counts go with it, so a new B would start from nothing.
    await bed.api(`/api/v1/pages/${created.body.id}`, { method: 'PATCH', body: { variants: [{ ...created.body.variants[0], weight: 100 }] } });
    expect((await bed.api(`/api/v1/pages/${created.body.id}/results`)).body).toMatchObject({ visitors: a.visitors, variants: [{ key: 'A' }] });
  });
});
