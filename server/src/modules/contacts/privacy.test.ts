import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { signIn, useApiTestBed } from '../../test/harness.js';
import { settle, track } from '../../test/pipeline.js';

const bed = useApiTestBed('Privacy');

describe('a person\'s data', () => {
  it('is exported whole for a subject access request, and erased leaving only anonymous counts', async () => {
    await bed.api('/api/v1/scoring/rules', { body: { kind: 'engagement', name: 'Pricing', points: 10, condition: { type: 'event', event: { kind: 'page', path: '/pricing' } } } });
    const segment = await bed.api('/api/v1/segments', { body: { name: 'Pricing viewers', definition: { version: 1, match: { type: 'event', event: { kind: 'page', path: '/pricing' } } } } });
    await track(bed, 'eva-1', 'eva@example.com', [{ type: 'page', name: '/pricing' }, { type: 'track', name: 'Trial Started' }]);
    await settle(bed);
    const id = (await bed.api('/api/v1/contacts?email=eva@example.com')).body.items[0].id;
    await bed.api(`/api/v1/contacts/${id}/consent`, { body: { purpose: 'marketing_email', status: 'granted', source: 'form', wording: 'Send me news', ip: '192.0.2.7' } });
    await bed.api('/api/v1/messages', { body: { contactId: id, content: { kind: 'transactional', subject: 'Welcome', mjml: '<mjml><mj-body></mj-body></mjml>' } } });

    const marketer = await signIn(bed.server, bed.workspace.users.marketer);
    expect((await bed.api(`/api/v1/contacts/${id}/export`, { cookie: marketer })).status).toBe(403);
    const exported = await bed.api(`/api/v1/contacts/${id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({
      contact: { email: 'eva@example.com' },
      identities: expect.arrayContaining([expect.objectContaining({ value: 'eva-1' })]),
      events: expect.arrayContaining([expect.objectContaining({ name: 'Trial Started' })]),
      email: { consent: [expect.objectContaining({ wording: 'Send me news', ip: '192.0.2.7' })], messages: [expect.objectContaining({ subject: 'Welcome' })] },
      scores: { ledger: [expect.objectContaining({ rule_name: 'Pricing' })] },
      memberships: { segments: [expect.objectContaining({ name: 'Pricing viewers' })] },
    });

    const wrong = await bed.api(`/api/v1/contacts/${id}/erase`, { body: { confirm: 'someone@else.com' } });
    expect(wrong.body).toMatchObject({ statusCode: 400, field: 'confirm' });
    expect((await bed.api(`/api/v1/contacts/${id}`)).status).toBe(200);

    const erased = await bed.api(`/api/v1/contacts/${id}/erase`, { body: { confirm: 'EVA@example.com' } });
    expect(erased.body).toEqual({ erased: true, kept: { anonymousEvents: 3, anonymousMessages: 1 } });
    expect((await bed.api(`/api/v1/contacts/${id}`)).status).toBe(404);
    const { db } = bed.database.ctx;
    const { rows: events } = await sql<{ contact_id: string | null; user_id: string | null; payload: unknown }>`
      select contact_id, user_id, payload from events where workspace_id = ${bed.workspace.workspaceId}`.execute(db);
    expect(events.length).toBe(3);
    expect(events.every((event) => event.contact_id === null && event.user_id === null && !JSON.stringify(event.payload).includes('eva'))).toBe(true);
    const messages = await db.selectFrom('email_messages').select(['to_email', 'contact_id']).where('workspace_id', '=', bed.workspace.workspaceId).execute();
    expect(messages).toEqual([{ to_email: 'erased', contact_id: null }]);
    expect(await db.selectFrom('consent_records').select('id').where('workspace_id', '=', bed.workspace.workspaceId).execute()).toEqual([]);
    const audit = await bed.api('/api/v1/audit-log?limit=5');
    const entry = audit.body.items.find((item: { action: string }) => item.action === 'contact.erased');
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain('eva@');
  });
});
