import { randomUUID } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import { describe, expect, it } from 'vitest';
import { signIn, useApiTestBed } from '../../test/harness.js';

const bed = useApiTestBed('Collect');

function basic(writeKey: string) {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

async function collect(path: string, body: unknown, init: { writeKey?: string; contentType?: string; raw?: string } = {}) {
  const response = await fetch(`${bed.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json', authorization: basic(init.writeKey ?? bed.workspace.writeKey) },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function eventsOf(query: string) {
  const { body } = await bed.api(`/api/v1/events?limit=200&${query}`);
  return body.items as { type: string; name: string | null; contact: { id: string } | null; messageId: string; occurredAt: string; channel: string; payload: any }[];
}

describe('the Segment-compatible collection API', () => {
  it('takes identify, track, page, group and batch calls from the official Segment client', async () => {
    const analytics = new Analytics({ writeKey: bed.workspace.writeKey, host: bed.server.url, flushAt: 1 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    const userId = `user-${randomUUID()}`;
    analytics.identify({ userId, traits: { email: 'Ada@Lovelace.example', firstName: 'Ada', lastName: 'Lovelace', title: 'CTO', plan: 'pro' } });
    analytics.track({ userId, event: 'Report Exported', properties: { format: 'csv' } });
    analytics.page({ userId, name: 'Pricing', properties: { path: '/pricing', url: 'https://acme.example/pricing' } });
    analytics.group({ userId, groupId: 'org-42', traits: { name: 'Analytical Engines', website: 'https://engines.example', employees: 120, industry: 'Machinery' } });
    await analytics.closeAndFlush();
    expect(errors).toEqual([]);

    const events = await eventsOf(`userId=${userId}`);
    expect(events.map((e) => e.type).sort()).toEqual(['group', 'identify', 'page', 'track']);
    const contactId = events[0]!.contact!.id;
    expect(events.every((e) => e.contact?.id === contactId)).toBe(true);

    const { body: contact } = await bed.api(`/api/v1/contacts/${contactId}`);
    expect(contact).toMatchObject({ email: 'ada@lovelace.example', firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'CTO', source: 'tracking' });
    // A trait without a field is kept on the contact.
    expect(contact.traits).toMatchObject({ plan: 'pro' });
    const { body: company } = await bed.api(`/api/v1/companies/${contact.companyId}`);
    expect(company).toMatchObject({ name: 'Analytical Engines', domain: 'engines.example', employeeCount: 120, industry: 'Machinery' });
    const { body: tracking } = await bed.api(`/api/v1/contacts/${contactId}/tracking`);
    expect(tracking.identities).toEqual([expect.objectContaining({ kind: 'user_id', value: userId })]);
  });

  it('answers {"success": true} and accepts the write key in the body (as browsers send it, text/plain)', async () => {
    const { writeKey } = bed.workspace;
    const response = await fetch(`${bed.server.url}/v1/track`, {
      method: 'POST', headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey, anonymousId: 'anon-body-key', event: 'Signed Up' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ success: true });
    const [event] = await eventsOf('anonymousId=anon-body-key');
    expect(event).toMatchObject({ type: 'track', name: 'Signed Up' });
    expect(event!.payload.writeKey).toBeUndefined();
  });

  it('lets a marketer, but not a sales rep, make a write key for the snippet', async () => {
    const marketer = await signIn(bed.server, bed.workspace.users.marketer);
    const created = await bed.api('/api/v1/tracking/write-keys', { body: { name: 'Landing pages' }, cookie: marketer });
    expect(created).toMatchObject({ status: 201, body: { name: 'Landing pages', key: expect.stringMatching(/^tdm_wk_/) } });
    expect((await collect('/v1/track', { anonymousId: 'new-key', event: 'Works' }, { writeKey: created.body.key })).status).toBe(200);
    const { body: settings } = await bed.api('/api/v1/tracking/settings');
    expect(settings.writeKeys.map((key: { name: string }) => key.name)).toContain('Landing pages');
    const sales = await signIn(bed.server, bed.workspace.users.sales);
    expect((await bed.api('/api/v1/tracking/write-keys', { body: { name: 'Nope' }, cookie: sales })).status).toBe(403);
  });

  it('stores nothing from a browser that asks not to be tracked, once the workspace honours it', async () => {
    const send = (headers: Record<string, string>, anonymousId: string) => fetch(`${bed.server.url}/v1/page`, {
      method: 'POST', headers: { 'content-type': 'text/plain', ...headers },
      body: JSON.stringify({ writeKey: bed.workspace.writeKey, anonymousId, properties: { path: '/' } }),
    });
    await send({ dnt: '1' }, 'dnt-before');
    expect(await eventsOf('anonymousId=dnt-before')).toHaveLength(1);
    await bed.api('/api/v1/tracking/settings', { method: 'PUT', body: { respectDoNotTrack: true } });
    for (const [headers, visitor] of [[{ dnt: '1' }, 'dnt-after'], [{ 'sec-gpc': '1' }, 'gpc-after']] as const) {
      const response = await send(headers, visitor);
      expect(await response.json()).toEqual({ success: true });
      expect(await eventsOf(`anonymousId=${visitor}`)).toEqual([]);
    }
    await send({}, 'no-signal');
    expect(await eventsOf('anonymousId=no-signal')).toHaveLength(1);
    await bed.api('/api/v1/tracking/settings', { method: 'PUT', body: { respectDoNotTrack: false } });
  });

  it('refuses an unknown write key and a missing one', async () => {
    expect((await collect('/v1/track', { anonymousId: 'a', event: 'x' }, { writeKey: 'tdm_wk_nope' })).status).toBe(401);
    const response = await fetch(`${bed.server.url}/v1/track`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ anonymousId: 'a', event: 'x' }) });
    expect(response.status).toBe(401);
    expect((await response.json()).message).toMatch(/write key/);
  });

  it('stores a retried batch once: messageId makes delivery idempotent', async () => {
    const batch = Array.from({ length: 5 }, (_, i) => ({ type: 'track', event: 'Clicked', anonymousId: 'anon-retry', messageId: `retry-${i}` }));
    expect((await collect('/v1/batch', { batch, sentAt: new Date().toISOString() })).body).toEqual({ success: true });
    expect((await collect('/v1/batch', { batch, sentAt: new Date().toISOString() })).body).toEqual({ success: true });
    // The same id twice inside one batch is one event too.
    await collect('/v1/batch', { batch: [batch[0], { ...batch[0] }] });
    expect(await eventsOf('anonymousId=anon-retry')).toHaveLength(5);
  });

  it('stores names, ids and properties exactly as sent, tabs, line breaks and backslashes included', async () => {
    const awkward = 'tab\there\nline\r\nback\\slash \\N "quoted" ünïcødé 🎉';
    const anonymousId = `anon\t${randomUUID()}\\`;
    await collect('/v1/track', { anonymousId, userId: 'user\nid', event: `Clicked ${awkward}`, properties: { label: awkward, nested: { path: 'C:\\temp\\' } } });
    await collect('/v1/page', { anonymousId, properties: { path: '/a\tb', url: 'https://site.example/a%09b', title: awkward } });
    const events = await eventsOf(`anonymousId=${encodeURIComponent(anonymousId)}`);
    expect(events.map((event) => event.type).sort()).toEqual(['page', 'track']);
    const track = events.find((event) => event.type === 'track')!;
    expect(track.name).toBe(`Clicked ${awkward}`);
    expect(track.payload.userId).toBe('user\nid');
    expect(track.payload.properties).toEqual({ label: awkward, nested: { path: 'C:\\temp\\' } });
    expect(events.find((event) => event.type === 'page')!.payload.properties.title).toBe(awkward);
  });

  it("corrects a device's clock skew from sentAt", async () => {
    const skewMs = 3 * 3600_000;
    const now = bed.database.ctx.clock.now().getTime();
    const happened = new Date(now - 60_000 + skewMs);
    await collect('/v1/track', { anonymousId: 'anon-skew', event: 'Skewed', timestamp: happened.toISOString(), sentAt: new Date(now + skewMs).toISOString() });
    const [event] = await eventsOf('anonymousId=anon-skew');
    expect(Math.abs(Date.parse(event!.occurredAt) - (now - 60_000))).toBeLessThan(1000);

    // A few seconds between sentAt and arrival is transit (a beacon sent as a page closed), not a wrong clock.
    const viewed = new Date(now - 5_000).toISOString();
    await collect('/v1/page', { anonymousId: 'anon-transit', timestamp: viewed, sentAt: new Date(now - 3_000).toISOString(), properties: { path: '/one' } });
    expect((await eventsOf('anonymousId=anon-transit'))[0]!.occurredAt).toBe(viewed);
  });

  it('names the problem of bad input, and stores the valid events of a batch', async () => {
    const malformed = await collect('/v1/track', null, { raw: '{"event": ' });
    expect(malformed).toMatchObject({ status: 400, body: { field: 'body', message: expect.stringMatching(/JSON/) } });
    expect(await collect('/v1/track', { event: 'No One' })).toMatchObject({ status: 400, body: { field: 'userId', message: 'anonymousId or userId is required' } });
    expect(await collect('/v1/track', { userId: 'u', event: 42 })).toMatchObject({ status: 400, body: { field: 'event' } });
    expect(await collect('/v1/identify', { userId: 'u', traits: 'not an object' })).toMatchObject({ status: 400, body: { field: 'traits' } });
    expect(await collect('/v1/track', { userId: 'u', event: 'x', timestamp: 'yesterday' })).toMatchObject({ status: 400, body: { field: 'timestamp' } });

    const big = await collect('/v1/track', { userId: 'u', event: 'Big', properties: { blob: 'x'.repeat(40_000) } });
    expect(big).toMatchObject({ status: 413, body: { message: expect.stringMatching(/32 KB/) } });
    const hugeBatch = await collect('/v1/batch', { batch: Array.from({ length: 30 }, () => ({ type: 'track', userId: 'u', event: 'x', properties: { blob: 'y'.repeat(20_000) } })) });
    expect(hugeBatch).toMatchObject({ status: 413, body: { message: expect.stringMatching(/500 KB/) } });

    const mixed = await collect('/v1/batch', { batch: [
      { type: 'track', anonymousId: 'anon-mixed', event: 'Good', messageId: 'mixed-1' },
      { type: 'track', anonymousId: 'anon-mixed' },
      { type: 'teleport', anonymousId: 'anon-mixed' },
      { type: 'page', anonymousId: 'anon-mixed', messageId: 'mixed-2', properties: { blob: 'z'.repeat(33_000) } },
      { type: 'page', anonymousId: 'anon-mixed', messageId: 'mixed-3', name: 'Home' },
    ] });
    expect(mixed.status).toBe(200);
    expect(mixed.body.rejected).toEqual([
      { index: 1, field: 'batch[1].event', message: expect.stringMatching(/required/) },
      { index: 2, field: 'batch[2].type', message: expect.stringMatching(/teleport/) },
      { index: 3, field: 'batch[3].event', message: expect.stringMatching(/32 KB/) },
    ]);
    expect((await eventsOf('anonymousId=anon-mixed')).map((e) => e.messageId).sort()).toEqual(['mixed-1', 'mixed-3']);

    const allBad = await collect('/v1/batch', { batch: [{ type: 'track', userId: 'u' }] });
    expect(allBad).toMatchObject({ status: 400, body: { field: 'batch[0].event' } });
  });
});

describe('the identity graph', () => {
  it("attaches a visitor's anonymous page views to the contact an identify names", async () => {
    const anonymousId = randomUUID();
    for (const path of ['/', '/features', '/pricing']) {
      await collect('/v1/page', { anonymousId, properties: { path, url: `https://acme.example${path}`, title: path } });
    }
    expect((await eventsOf(`anonymousId=${anonymousId}`)).every((e) => e.contact === null)).toBe(true);

    await collect('/v1/identify', { anonymousId, traits: { email: 'grace@navy.example', name: 'Grace Hopper' } });
    const events = await eventsOf(`anonymousId=${anonymousId}`);
    const contactId = events[0]!.contact!.id;
    expect(events.every((e) => e.contact?.id === contactId)).toBe(true);

    const { body: contact } = await bed.api(`/api/v1/contacts/${contactId}`);
    expect(contact).toMatchObject({ firstName: 'Grace', lastName: 'Hopper' });
    const { body: timeline } = await bed.api(`/api/v1/contacts/${contactId}/timeline?limit=50`);
    const pages = timeline.items.filter((item: { kind: string }) => item.kind === 'event.page').map((item: { data: { path: string } }) => item.data.path);
    expect(pages).toEqual(['/pricing', '/features', '/']);
  });

  it('merges two contacts when alias proves they are one person, and audits it', async () => {
    await collect('/v1/identify', { userId: 'alias-old', traits: { firstName: 'Old' } });
    await collect('/v1/identify', { userId: 'alias-new', traits: { email: 'alias@merge.example' } });
    await collect('/v1/alias', { userId: 'alias-new', previousId: 'alias-old' });
    const [oldEvents, newEvents] = [await eventsOf('userId=alias-old'), await eventsOf('userId=alias-new')];
    expect(new Set([...oldEvents, ...newEvents].map((e) => e.contact?.id)).size).toBe(1);
    const { body: audit } = await bed.api('/api/v1/audit-log?limit=50');
    expect(audit.items.some((entry: { action: string; actor: { label: string } }) => entry.action === 'contact.merged' && /identity/.test(entry.actor.label))).toBe(true);
  });

  it('never merges two contacts with different emails', async () => {
    await collect('/v1/identify', { userId: 'person-a', traits: { email: 'a@two.example' } });
    await collect('/v1/identify', { userId: 'person-b', traits: { email: 'b@two.example' } });
    const response = await collect('/v1/alias', { userId: 'person-b', previousId: 'person-a' });
    expect(response.status).toBe(200);
    const a = (await eventsOf('userId=person-a'))[0]!.contact!.id;
    const b = (await eventsOf('userId=person-b'))[0]!.contact!.id;
    expect(a).not.toBe(b);
    const { body: audit } = await bed.api('/api/v1/audit-log?limit=50');
    expect(audit.items.some((entry: { action: string }) => entry.action === 'contact.merge_refused')).toBe(true);
  });

  it('keeps a shared browser apart: a second person identifying on it is a new contact', async () => {
    const anonymousId = randomUUID();
    await collect('/v1/identify', { anonymousId, traits: { email: 'first@shared.example' } });
    await collect('/v1/identify', { anonymousId, traits: { email: 'second@shared.example' } });
    await collect('/v1/page', { anonymousId, properties: { path: '/after' } });
    const events = await eventsOf(`anonymousId=${anonymousId}`);
    const emails = await Promise.all(events.map(async (e) => (await bed.api(`/api/v1/contacts/${e.contact!.id}`)).body.email));
    expect(new Set(emails)).toEqual(new Set(['first@shared.example', 'second@shared.example']));
    // From the second identify on, the browser is the second person's.
    expect(emails[0]).toBe('second@shared.example');
  });

  it("does not undo a person's manual correction when identify sends the same traits again", async () => {
    await collect('/v1/identify', { userId: 'manual-edit', traits: { email: 'edit@fix.example', title: 'Engineer' } });
    const contactId = (await eventsOf('userId=manual-edit'))[0]!.contact!.id;
    await bed.api(`/api/v1/contacts/${contactId}`, { method: 'PATCH', body: { jobTitle: 'VP Engineering' } });
    await collect('/v1/identify', { userId: 'manual-edit', traits: { email: 'edit@fix.example', title: 'Engineer' } });
    expect((await bed.api(`/api/v1/contacts/${contactId}`)).body.jobTitle).toBe('VP Engineering');
    await collect('/v1/identify', { userId: 'manual-edit', traits: { email: 'edit@fix.example', title: 'CTO' } });
    expect((await bed.api(`/api/v1/contacts/${contactId}`)).body.jobTitle).toBe('CTO');
  });
});

describe('touchpoints and visits', () => {
  it('classifies channels, splits visits after 30 minutes and keeps first and last touch', async () => {
    const anonymousId = randomUUID();
    const start = bed.database.ctx.clock.now().getTime() - 3 * 3600_000;
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const page = (minutes: number, url: string, referrer?: string) => ({
      type: 'page', anonymousId, timestamp: at(minutes), properties: { url, path: new URL(url).pathname, referrer },
    });
    await collect('/v1/batch', { batch: [
      page(0, 'https://acme.example/blog?utm_source=google&utm_medium=cpc&utm_campaign=spring', 'https://www.google.com/'),
      page(5, 'https://acme.example/pricing', 'https://acme.example/blog'),
      // 40 minutes later: a new visit, from a search result.
      page(45, 'https://acme.example/', 'https://duckduckgo.com/'),
      page(50, 'https://acme.example/demo', 'https://acme.example/'),
    ] });
    await collect('/v1/identify', { anonymousId, traits: { email: 'touch@points.example' } });
    const events = (await eventsOf(`anonymousId=${anonymousId}&type=page`)).reverse();
    expect(events.map((e) => e.channel)).toEqual(['paid_search', 'paid_search', 'organic_search', 'organic_search']);

    const contactId = events[0]!.contact!.id;
    const { body: contact } = await bed.api(`/api/v1/contacts/${contactId}`);
    expect(contact.firstTouch).toMatchObject({ channel: 'paid_search', owner: 'brand', source: 'google', medium: 'cpc', campaign: 'spring' });
    expect(contact.lastTouch).toMatchObject({ channel: 'organic_search', owner: 'external', source: 'duckduckgo.com' });
    const { body: company } = await bed.api(`/api/v1/companies/${contact.companyId}`);
    expect(company.firstTouch).toMatchObject({ channel: 'paid_search', campaign: 'spring' });
    // The account's timeline shows its people's visits too.
    const { body: companyTimeline } = await bed.api(`/api/v1/companies/${contact.companyId}/timeline?limit=50`);
    expect(companyTimeline.items.filter((item: { kind: string }) => item.kind === 'event.page')).toHaveLength(4);

    const { body: tracking } = await bed.api(`/api/v1/contacts/${contactId}/tracking`);
    expect(tracking.sessions.map((s: { pageCount: number; channel: string }) => [s.channel, s.pageCount])).toEqual([['organic_search', 2], ['paid_search', 2]]);
  });
});
