import { describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle } from '../../test/pipeline.js';

const bed = useApiTestBed('Consent');
const wording = 'Yes, send me product news and offers by email. I can unsubscribe at any time.';

async function contact(email: string): Promise<string> {
  return (await bed.api('/api/v1/contacts', { body: { email } })).body.id;
}

async function members(definition: unknown): Promise<string[]> {
  const segment = await bed.api('/api/v1/segments', { body: { name: `s${Math.random()}`, definition: { version: 1, match: definition } } });
  expect(segment.status, JSON.stringify(segment.body)).toBe(201);
  await settle(bed);
  const page = await bed.api(`/api/v1/segments/${segment.body.id}/members`);
  return page.body.items.map((item: { contact: { email: string } }) => item.contact.email);
}

describe('consent', () => {
  it('refuses consent without the wording shown, or for an unknown purpose, and records nothing', async () => {
    const id = await contact('nowording@example.com');
    const noWording = await bed.api(`/api/v1/contacts/${id}/consent`, { body: { purpose: 'marketing_email', status: 'granted', source: 'form' } });
    expect(noWording.status).toBe(400);
    expect(noWording.body.field).toBe('wording');
    const unknown = await bed.api(`/api/v1/contacts/${id}/consent`, { body: { purpose: 'topic:nope', status: 'granted', source: 'form', wording } });
    expect(unknown.body.field).toBe('purpose');
    const state = await bed.api(`/api/v1/contacts/${id}/consent`);
    expect(state.body).toMatchObject({ state: [], history: [], marketing: { allowed: false, reason: 'no consent given (the workspace requires opt-in)' } });
  });

  it('keeps the evidence, decides whether marketing email may go, and keeps segments current', async () => {
    const id = await contact('anna@example.com');
    await contact('bo@example.com');
    const granted = await bed.api(`/api/v1/contacts/${id}/consent`, {
      body: { purpose: 'marketing_email', status: 'granted', lawfulBasis: 'consent', source: 'form', wording, ip: '192.0.2.10' },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body.marketing).toEqual({ allowed: true, reason: 'consent given' });
    expect(granted.body.history[0]).toMatchObject({ status: 'granted', wording, ip: '192.0.2.10', source: 'form', actor: { type: 'api_key' } });
    const timeline = await bed.api(`/api/v1/contacts/${id}/timeline`);
    expect(timeline.body.items.map((item: { kind: string }) => item.kind)).toContain('consent.granted');

    const consenting = { type: 'field', field: 'consent.marketingEmail', operator: 'equals', value: 'granted' };
    expect(await members(consenting)).toEqual(['anna@example.com']);
    const segments = (await bed.api('/api/v1/segments')).body.items;
    const consentSegment = segments.find((segment: { definition: { match: { field?: string } } }) => segment.definition.match.field === 'consent.marketingEmail');

    await bed.api(`/api/v1/contacts/${id}/consent`, { body: { purpose: 'marketing_email', status: 'withdrawn', source: 'unsubscribe_link' } });
    await settle(bed);
    expect((await bed.api(`/api/v1/segments/${consentSegment.id}/members`)).body.items).toEqual([]);
    const after = await bed.api(`/api/v1/contacts/${id}/consent`);
    expect(after.body.marketing).toEqual({ allowed: false, reason: 'consent withdrawn' });
    expect(after.body.history.map((row: { status: string }) => row.status)).toEqual(['withdrawn', 'granted']);
  });

  it('suppresses an address whatever the consent, and lifts it', async () => {
    const id = await contact('carla@example.com');
    await bed.api(`/api/v1/contacts/${id}/consent`, { body: { purpose: 'marketing_email', status: 'granted', source: 'form', wording } });
    const suppressed = await bed.api('/api/v1/suppressions', { body: { email: 'Carla@Example.com', note: 'asked by phone' } });
    expect(suppressed.status).toBe(201);
    expect(suppressed.body).toMatchObject({ email: 'carla@example.com', reason: 'manual' });
    expect((await bed.api(`/api/v1/contacts/${id}/consent`)).body.marketing).toEqual({ allowed: false, reason: 'suppressed (manual)' });
    expect(await members({ type: 'field', field: 'suppressed', operator: 'is_true' })).toEqual(['carla@example.com']);
    expect((await bed.api('/api/v1/suppressions', { body: { email: 'not an address' } })).body.field).toBe('email');

    expect((await bed.api('/api/v1/suppressions/carla@example.com', { method: 'DELETE' })).status).toBe(204);
    expect((await bed.api(`/api/v1/contacts/${id}/consent`)).body.marketing.allowed).toBe(true);
  });

  it('accepts legitimate interest only where the workspace allows it', async () => {
    const id = await contact('dan@example.com');
    await bed.api(`/api/v1/contacts/${id}/consent`, { body: { purpose: 'marketing_email', status: 'granted', lawfulBasis: 'legitimate_interest', source: 'api' } });
    expect((await bed.api(`/api/v1/contacts/${id}/consent`)).body.marketing.allowed).toBe(false);
    await bed.api('/api/v1/messaging/settings', { method: 'PUT', body: { marketingBasis: 'consent_or_legitimate_interest', doubleOptIn: true } });
    expect((await bed.api(`/api/v1/contacts/${id}/consent`)).body.marketing).toEqual({ allowed: true, reason: 'legitimate interest' });
  });

  it('records subscriptions to topics that segments can select on', async () => {
    const topic = await bed.api('/api/v1/subscription-topics', { body: { key: 'newsletter', name: 'Monthly newsletter' } });
    expect(topic.status).toBe(201);
    expect((await bed.api('/api/v1/subscription-topics', { body: { key: 'Bad Key', name: 'x' } })).body.field).toBe('key');
    const id = await contact('eve@example.com');
    await bed.api(`/api/v1/contacts/${id}/consent`, { body: { purpose: 'topic:newsletter', status: 'granted', source: 'preference_centre', wording: 'Send me the monthly newsletter' } });
    expect(await members({ type: 'field', field: 'consent.topic.newsletter', operator: 'equals', value: 'granted' })).toEqual(['eve@example.com']);
  });
});
