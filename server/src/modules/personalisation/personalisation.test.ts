import { describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle } from '../../test/pipeline.js';

const bed = useApiTestBed('Personalisation');

async function segment(name: string, field: string, value: string) {
  const created = await bed.api('/api/v1/segments', { body: { name, definition: { version: 1, match: { type: 'field', field, operator: 'equals', value } } } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

/** A browser that became a known contact (identify with traits), as the tracker would send it. */
async function knownVisitor(anonymousId: string, userId: string, traits: Record<string, unknown>) {
  const response = await fetch(`${bed.server.url}/v1/identify`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: bed.workspace.writeKey, anonymousId, userId, traits }),
  });
  expect(response.status).toBe(200);
}

/** What the tracker asks for a page's slots. */
async function slots(query: Record<string, string>) {
  const response = await fetch(`${bed.server.url}/v1/slots?${new URLSearchParams(query)}`);
  return { status: response.status, body: await response.json(), cors: response.headers.get('access-control-allow-origin') };
}

describe('web personalisation', () => {
  it('shows each visitor the content of the first segment they are in, and the default to everyone else', async () => {
    const ctos = await segment('CTOs', 'jobTitle', 'CTO');
    const finns = await segment('Finland', 'country', 'FI');
    await knownVisitor('anon-cto', 'u-cto', { email: 'cto@big.example', title: 'CTO', country: 'FI' });
    await knownVisitor('anon-finn', 'u-finn', { email: 'finn@small.example', title: 'Founder', country: 'FI' });
    await settle(bed);

    // Refused definitions name the field.
    expect((await bed.api('/api/v1/content-slots', { body: { key: 'Home Hero', name: 'Home hero' } })).body).toMatchObject({ statusCode: 400, field: 'key' });
    expect((await bed.api('/api/v1/content-slots', { body: { key: 'home-hero', name: 'Home hero', rules: [{ segmentId: '00000000-0000-4000-8000-000000000000', content: 'x' }] } })).body)
      .toMatchObject({ statusCode: 400, field: 'rules[0].segmentId' });

    const created = await bed.api('/api/v1/content-slots', {
      body: { key: 'home-hero', name: 'Home hero', defaultContent: '<h2>Welcome</h2>', rules: [{ segmentId: ctos, content: '<h2>Hello, CTO</h2>' }, { segmentId: finns, content: '<h2>Moi!</h2>' }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.snippet).toBe('<div data-tandem-slot="home-hero"><h2>Welcome</h2></div>');
    expect((await bed.api('/api/v1/content-slots', { body: { key: 'home-hero', name: 'Again' } })).body).toMatchObject({ statusCode: 409, field: 'key' });
    const slotId = created.body.id as string;
    const writeKey = bed.workspace.writeKey;

    // The CTO is in both segments: the first rule wins. The Finn gets the second; a stranger the default.
    const cto = await slots({ writeKey, anonymousId: 'anon-cto', keys: 'home-hero,nowhere' });
    expect(cto).toMatchObject({ status: 200, cors: '*', body: { slots: { 'home-hero': { content: '<h2>Hello, CTO</h2>', variant: ctos } } } });
    expect(Object.keys(cto.body.slots)).toEqual(['home-hero']);
    expect((await slots({ writeKey, anonymousId: 'anon-finn', keys: 'home-hero' })).body.slots['home-hero']).toEqual({ content: '<h2>Moi!</h2>', variant: finns });
    expect((await slots({ writeKey, anonymousId: 'someone-new', keys: 'home-hero' })).body.slots['home-hero']).toEqual({ content: '<h2>Welcome</h2>', variant: 'default' });
    // A new browser of a known user is recognised by the userId.
    expect((await slots({ writeKey, anonymousId: 'cto-laptop', userId: 'u-cto', keys: 'home-hero' })).body.slots['home-hero'].variant).toBe(ctos);

    // Bad requests are refused, naming what is wrong.
    expect((await slots({ anonymousId: 'x', keys: 'home-hero' })).status).toBe(401);
    expect((await slots({ writeKey: 'tdm_wk_nope', anonymousId: 'x', keys: 'home-hero' })).status).toBe(401);
    expect((await slots({ writeKey, anonymousId: 'x', keys: '' })).body).toMatchObject({ statusCode: 400, field: 'keys' });
    expect((await slots({ writeKey, anonymousId: 'x'.repeat(300), keys: 'home-hero' })).body).toMatchObject({ statusCode: 400, field: 'anonymousId' });

    // The editor's "as this contact" and the impressions per content.
    const contact = (await bed.api('/api/v1/contacts?email=finn%40small.example')).body.items[0];
    expect((await bed.api(`/api/v1/content-slots/${slotId}/preview?contactId=${contact.id}`)).body).toEqual({ content: '<h2>Moi!</h2>', variant: finns, segmentName: 'Finland' });
    const results = (await bed.api(`/api/v1/content-slots/${slotId}/results`)).body;
    expect(results).toEqual({
      impressions: 4,
      variants: [
        { variant: ctos, name: 'CTOs', impressions: 2, current: true, segmentDeleted: false }, { variant: finns, name: 'Finland', impressions: 1, current: true, segmentDeleted: false },
        { variant: 'default', name: 'Default', impressions: 1, current: true, segmentDeleted: false },
      ],
    });
    expect((await bed.api('/api/v1/content-slots')).body.items[0]).toMatchObject({ key: 'home-hero', impressions30d: 4 });

    // A change shows at once; an archived slot is left to its default on the website.
    await bed.api(`/api/v1/content-slots/${slotId}`, { method: 'PATCH', body: { rules: [{ segmentId: finns, content: '<h2>Moi!</h2>' }] } });
    expect((await slots({ writeKey, anonymousId: 'anon-cto', keys: 'home-hero' })).body.slots['home-hero'].variant).toBe(finns);
    // The removed rule's impressions stay in the report, after the current contents.
    expect((await bed.api(`/api/v1/content-slots/${slotId}/results`)).body.variants.map((v: { variant: string; impressions: number; current: boolean }) => [v.variant, v.impressions, v.current]))
      .toEqual([[finns, 2, true], ['default', 1, true], [ctos, 2, false]]);
    await bed.api(`/api/v1/content-slots/${slotId}`, { method: 'PATCH', body: { archived: true } });
    expect((await slots({ writeKey, anonymousId: 'anon-cto', keys: 'home-hero' })).body.slots).toEqual({});
  });
});
