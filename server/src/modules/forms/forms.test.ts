import { describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle } from '../../test/pipeline.js';

const bed = useApiTestBed('Forms');

const email = { key: 'email', label: 'Work email', type: 'email', mapTo: 'email', required: true };
const firstName = { key: 'first_name', label: 'First name', type: 'text', mapTo: 'firstName', required: true };

async function form(body: Record<string, unknown>) {
  const created = await bed.api('/api/v1/forms', { body: { name: 'Demo request', afterSubmit: { kind: 'message', message: 'Thanks, we will be in touch.' }, ...body } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; embed: { hostedUrl: string } };
}

/** What the embed script does: ask for the form (as this visitor), wait like a person, post it. */
async function render(id: string, anonymousId?: string, page = 'https://acme.example/demo') {
  const query = new URLSearchParams({ url: page, ...(anonymousId ? { anonymousId } : {}) });
  const response = await fetch(`${bed.server.url}/f/${id}/form.json?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { token: string; known: boolean; fields: { key: string }[]; consents: { key: string; wording: string }[] };
}

async function submit(id: string, body: Record<string, unknown>, options: { wait?: number } = {}) {
  bed.database.ctx.clock.advance(options.wait ?? 5000);
  const response = await fetch(`${bed.server.url}/f/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function contactByEmail(address: string) {
  const found = await bed.api(`/api/v1/contacts?email=${encodeURIComponent(address)}`);
  return found.body.items[0] as { id: string; firstName: string; custom: Record<string, unknown>; companyId: string | null; jobTitle: string | null } | undefined;
}

describe('forms', () => {
  it('refuses a definition it cannot use, naming the field', async () => {
    const noEmail = await bed.api('/api/v1/forms', { body: { name: 'x', fields: [firstName], afterSubmit: { kind: 'message', message: 'hi' } } });
    expect(noEmail.body).toMatchObject({ statusCode: 400, field: 'fields', message: expect.stringContaining('email') });
    const unknown = await bed.api('/api/v1/forms', { body: { name: 'x', fields: [email, { ...firstName, mapTo: 'shoeSize' }], afterSubmit: { kind: 'message', message: 'hi' } } });
    expect(unknown.body).toMatchObject({ statusCode: 400, field: 'fields[1].mapTo' });
    const twice = await bed.api('/api/v1/forms', { body: { name: 'x', fields: [email, { ...firstName, key: 'email' }], afterSubmit: { kind: 'message', message: 'hi' } } });
    expect(twice.body).toMatchObject({ statusCode: 400, field: 'fields[1].key' });
    const consent = await bed.api('/api/v1/forms', { body: { name: 'x', fields: [email], consents: [{ purpose: 'topic:nope', wording: 'Yes' }], afterSubmit: { kind: 'message', message: 'hi' } } });
    expect(consent.body).toMatchObject({ statusCode: 400, field: 'consents[0].purpose' });
    expect((await bed.api('/api/v1/forms')).body.items).toEqual([]);
  });

  it('turns an anonymous visitor into a known contact: fields, company, consent with its wording, the earlier page views, the campaign', async () => {
    const plan = await bed.api('/api/v1/custom-fields', {
      body: { objectType: 'contact', key: 'plan', label: 'Plan', type: 'select', options: [{ value: 'starter', label: 'Starter' }, { value: 'pro', label: 'Pro' }] },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const demo = await form({
      fields: [email, firstName, { key: 'company', label: 'Company', type: 'text', mapTo: 'company.name' }, { key: 'plan', label: 'Plan', type: 'select', mapTo: 'custom.plan', options: ['starter', 'pro'] },
        { key: 'campaign', label: 'Campaign', type: 'hidden', mapTo: null, source: 'utm_campaign' }],
      consents: [{ purpose: 'marketing_email', wording: 'Send me product news. I can unsubscribe at any time.' }],
    });
    // Browsing before the form: three page views of an anonymous visitor.
    const anonymousId = 'anon-visitor-1';
    const pages = ['/', '/pricing', '/demo'].map((path, i) => ({
      type: 'page', anonymousId, messageId: `pv-${i}`, timestamp: bed.database.ctx.clock.now().toISOString(), properties: { path, url: `https://acme.example${path}` },
      context: { page: { path, url: `https://acme.example${path}` } },
    }));
    expect((await fetch(`${bed.server.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: bed.workspace.writeKey, batch: pages }) })).status).toBe(200);

    const shown = await render(demo.id, anonymousId, 'https://acme.example/demo?utm_source=newsletter&utm_campaign=spring');
    expect(shown.known).toBe(false);
    expect(shown.fields.map((field) => field.key)).toEqual(['email', 'first_name', 'company', 'plan', 'campaign']);
    const sent = await submit(demo.id, {
      answers: { email: 'Nora@Northwind.example', first_name: 'Nora', company: 'Northwind Oy', plan: 'pro' }, consents: { [shown.consents[0]!.key]: true }, anonymousId,
      page: { url: 'https://acme.example/demo?utm_source=newsletter&utm_campaign=spring', referrer: 'https://mail.example/', title: 'Book a demo' }, token: shown.token,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.afterSubmit).toEqual({ kind: 'message', message: 'Thanks, we will be in touch.' });
    await settle(bed);

    const nora = (await contactByEmail('nora@northwind.example'))!;
    expect(nora).toMatchObject({ firstName: 'Nora', custom: { plan: 'pro' }, source: 'form' });
    expect((await bed.api(`/api/v1/companies/${nora.companyId}`)).body.name).toBe('Northwind Oy');
    const events = (await bed.api(`/api/v1/events?contactId=${nora.id}`)).body.items as { type: string; name: string | null; path: string | null }[];
    expect(events.filter((event) => event.type === 'page')).toHaveLength(3);
    expect(events.some((event) => event.name === 'Form Submitted')).toBe(true);
    const consent = (await bed.api(`/api/v1/contacts/${nora.id}/consent`)).body;
    // Double opt-in (the default): pending until Nora confirms by the emailed link, with the wording she saw.
    expect(consent.history[0]).toMatchObject({ purpose: 'marketing_email', status: 'pending', wording: 'Send me product news. I can unsubscribe at any time.', source: `form:${demo.id}` });
    const submissions = (await bed.api(`/api/v1/forms/${demo.id}/submissions`)).body.items;
    expect(submissions).toEqual([expect.objectContaining({ contactId: nora.id, source: 'newsletter', utm: { utm_source: 'newsletter', utm_campaign: 'spring' }, answers: expect.objectContaining({ campaign: 'spring', plan: 'pro' }) })]);

    // The form's submission is an event segments see: "submitted this form".
    const segment = await bed.api('/api/v1/segments', { body: { name: 'Demo requests', definition: { version: 1, match: { type: 'form', formId: demo.id } } } });
    await settle(bed);
    expect((await bed.api(`/api/v1/segments/${segment.body.id}/members`)).body.items.map((member: { contact: { id: string } }) => member.contact.id)).toEqual([nora.id]);

    const conversion = (await bed.api(`/api/v1/forms/${demo.id}/conversion`)).body;
    expect(conversion).toMatchObject({ views: 1, submissions: 1, rate: 100, bySource: [{ key: 'newsletter', views: 1, submissions: 1 }] });
    const csv = await fetch(`${bed.server.url}/api/v1/forms/${demo.id}/submissions.csv`, { headers: { authorization: `Bearer ${bed.workspace.secretKey}` } });
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('submitted_at,contact_id,email,email,first_name,company,plan,campaign,page_url,source,utm_campaign');
    expect(lines[1]).toContain('nora@northwind.example,Nora,Northwind Oy,pro,spring');
  });

  it('asks a returning visitor the next questions instead of what it already knows', async () => {
    const profile = await form({
      name: 'Newsletter', progressive: { maxFields: 2 },
      fields: [email, firstName, { key: 'title', label: 'Job title', type: 'text', mapTo: 'jobTitle' }, { key: 'phone', label: 'Phone', type: 'tel', mapTo: 'phone' }],
    });
    const first = await render(profile.id, 'anon-returning');
    expect(first.fields.map((field) => field.key)).toEqual(['email', 'first_name']);
    // The visit came from a LinkedIn campaign the tracker kept; the form's own page has no UTM parameters.
    const firstVisit = await submit(profile.id, {
      answers: { email: 'remy@acme.example', first_name: 'Remy' }, consents: {}, anonymousId: 'anon-returning', page: { url: 'https://acme.example/newsletter' },
      campaign: { source: 'linkedin', medium: 'social', name: 'spring' }, token: first.token,
    });
    expect(firstVisit.status, JSON.stringify(firstVisit.body)).toBe(200);
    const [submission] = (await bed.api(`/api/v1/forms/${profile.id}/submissions`)).body.items;
    expect(submission).toMatchObject({ source: 'linkedin', utm: { utm_source: 'linkedin', utm_medium: 'social', utm_campaign: 'spring' } });
    await settle(bed);
    const second = await render(profile.id, 'anon-returning');
    expect(second.known).toBe(true);
    expect(second.fields.map((field) => field.key)).toEqual(['title', 'phone']);
    const again = await submit(profile.id, { answers: { title: 'CTO', phone: '+358 40 123' }, consents: {}, anonymousId: 'anon-returning', page: {}, token: second.token });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    await settle(bed);
    expect(await contactByEmail('remy@acme.example')).toMatchObject({ firstName: 'Remy', jobTitle: 'CTO' });
  });

  it('says which field is wrong, refuses bots, and saves nothing of a refused submission', async () => {
    const strict = await form({ name: 'Strict', fields: [email, firstName, { key: 'note', label: 'Note', type: 'textarea', mapTo: null, maxLength: 20 }], consents: [{ purpose: 'marketing_email', wording: 'Yes please', required: true }] });
    const shown = await render(strict.id);
    const wrong = await submit(strict.id, { answers: { email: 'not-an-address', note: 'x'.repeat(21) }, consents: {}, page: {}, token: shown.token });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { field: 'email', message: 'Work email must be an email address' },
      { field: 'first_name', message: 'First name is required' },
      { field: 'note', message: 'Note is longer than 20 characters' },
    ]);
    const unticked = await submit(strict.id, { answers: { email: 'ok@acme.example', first_name: 'Ok' }, consents: {}, page: {}, token: shown.token });
    expect(unticked.body).toMatchObject({ statusCode: 400, field: 'consent_0' });
    const bot = await submit(strict.id, { answers: { email: 'bot@spam.example', first_name: 'Bot' }, consents: { consent_0: true }, page: {}, token: shown.token, _hp: 'http://spam.example' });
    expect(bot.body).toMatchObject({ statusCode: 400, field: '_hp' });
    const fresh = await render(strict.id);
    const fast = await submit(strict.id, { answers: { email: 'fast@spam.example', first_name: 'Fast' }, consents: { consent_0: true }, page: {}, token: fresh.token }, { wait: 500 });
    expect(fast.body).toMatchObject({ statusCode: 400, field: '_t' });
    await settle(bed);
    for (const address of ['ok@acme.example', 'bot@spam.example', 'fast@spam.example']) expect(await contactByEmail(address)).toBeUndefined();
    expect((await bed.api(`/api/v1/forms/${strict.id}/submissions`)).body.items).toEqual([]);
  });

  it('takes a plain HTML form post with no JavaScript: thank-you page, redirect, errors on the page', async () => {
    const plain = await form({ name: 'Plain', fields: [email], consents: [{ purpose: 'marketing_email', wording: 'News, please' }] });
    const embed = (plain as unknown as { embed: { html: string } }).embed.html;
    expect(embed).toContain(`action="http://tandem.test/f/${plain.id}"`);
    expect(embed).toContain('name="email"');
    expect(embed).toContain('name="consent_0"> News, please');
    expect(embed).toContain('name="_hp"');
    const page = await fetch(`${bed.server.url}/f/${plain.id}`);
    const html = await page.text();
    expect(html).toContain(`action="/f/${plain.id}"`);
    const token = /name="_t" value="([^"]+)"/.exec(html)![1]!;
    bed.database.ctx.clock.advance(5000);
    const post = (body: string) => fetch(`${bed.server.url}/f/${plain.id}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    const thanked = await post(`email=plain%40acme.example&_t=${encodeURIComponent(token)}&_hp=`);
    expect(thanked.status).toBe(200);
    expect(await thanked.text()).toContain('Thanks, we will be in touch.');
    const invalid = await post('email=nope');
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Work email must be an email address');

    const redirecting = await form({ name: 'Redirecting', fields: [email], afterSubmit: { kind: 'redirect', url: 'https://acme.example/thanks' } });
    const moved = await fetch(`${bed.server.url}/f/${redirecting.id}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=moved%40acme.example', redirect: 'manual' });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe('https://acme.example/thanks');
    await settle(bed);
    expect(await contactByEmail('plain@acme.example')).toBeDefined();
    expect(await contactByEmail('moved@acme.example')).toBeDefined();
  });
});
