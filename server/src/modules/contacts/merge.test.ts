import { describe, expect, it } from 'vitest';
import { type ApiTestBed, useApiTestBed } from '../../test/harness.js';

const bed = useApiTestBed();
const api: ApiTestBed['api'] = (path, init) => bed.api(path, init);

describe('duplicates and merge', () => {
  it('finds the same mailbox written differently and the same name at the same company', async () => {
    const a = (await api('/api/v1/contacts', { body: { email: 'jane.doe@gmail.com', firstName: 'Jane' } })).body;
    const b = (await api('/api/v1/contacts', { body: { email: 'janedoe+newsletter@gmail.com' } })).body;
    const c = (await api('/api/v1/contacts', { body: { email: 'mikko@tieto.com', firstName: 'Mikko', lastName: 'Salo' } })).body;
    const d = (await api('/api/v1/contacts', { body: { email: 'm.salo@tieto.com', firstName: 'mikko', lastName: 'SALO' } })).body;
    await api('/api/v1/contacts', { body: { email: 'other@tieto.com', firstName: 'Mikko', lastName: 'Virta' } });

    const groups = (await api('/api/v1/contacts/duplicates')).body.items.map((g: { reason: string; records: { id: string }[] }) =>
      [g.reason, g.records.map((r) => r.id).sort()]);
    expect(groups).toEqual(expect.arrayContaining([
      ['same mailbox', [a.id, b.id].sort()],
      ['same name at the same company', [c.id, d.id].sort()],
    ]));
    expect(groups).toHaveLength(2);

    const companies = [(await api('/api/v1/companies', { body: { name: 'Tieto Oyj' } })).body, (await api('/api/v1/companies', { body: { name: 'TIETO' } })).body];
    const companyGroups = (await api('/api/v1/companies/duplicates')).body.items;
    // "Tieto" made from the tieto.com addresses belongs to the same group.
    expect(companyGroups.map((g: { records: { name: string }[] }) => g.records.map((r) => r.name).sort())).toEqual([['TIETO', 'Tieto', 'Tieto Oyj']]);
    expect(companyGroups[0].records.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(companies.map((x) => x.id)));
  });

  it('merges two contacts keeping chosen values, moves deals, activities, tasks and history, and keeps the old id resolvable', async () => {
    const primary = (await api('/api/v1/contacts', { body: { email: 'laura@vaisala.com', firstName: 'Laura', jobTitle: 'Engineer', tags: ['webinar'], custom: {} } })).body;
    const duplicate = (await api('/api/v1/contacts', { body: { email: 'laura.k@vaisala.com', firstName: 'Laura', lastName: 'Korhonen', jobTitle: 'Head of R&D', phone: '+358 50 111', tags: ['trade-fair'] } })).body;
    const deal = (await api('/api/v1/deals', { body: { name: 'Vaisala sensors', contacts: [{ contactId: duplicate.id, role: 'technical' }] } })).body;
    const note = (await api('/api/v1/activities', { body: { kind: 'note', body: 'Met at the fair', contactId: duplicate.id } })).body;
    const task = (await api('/api/v1/tasks', { body: { title: 'Send datasheet', contactId: duplicate.id } })).body;

    const merged = await api('/api/v1/contacts/merge', { body: { primaryId: primary.id, duplicateId: duplicate.id, keep: { jobTitle: 'duplicate' } } });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: primary.id, email: 'laura@vaisala.com', lastName: 'Korhonen', jobTitle: 'Head of R&D', phone: '+358 50 111', tags: ['trade-fair', 'webinar'],
    });

    expect((await api(`/api/v1/contacts/${duplicate.id}`)).body.id).toBe(primary.id);
    expect((await api(`/api/v1/deals/${deal.id}`)).body.contacts).toEqual([expect.objectContaining({ contactId: primary.id, role: 'technical' })]);
    expect((await api(`/api/v1/activities?contactId=${primary.id}`)).body.items.map((x: { id: string }) => x.id)).toEqual([note.id]);
    expect((await api(`/api/v1/tasks?contactId=${primary.id}`)).body.items.map((x: { id: string }) => x.id)).toEqual([task.id]);
    const kinds = (await api(`/api/v1/contacts/${primary.id}/timeline?limit=50`)).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('record.merged');
    expect(kinds).toEqual(expect.arrayContaining(['activity.note', 'deal.contact_added', 'task.created']));
    expect(kinds.filter((k: string) => k === 'record.created')).toHaveLength(2);

    const audit = await bed.database.ctx.db.selectFrom('audit_log').select(['action', 'target_id', 'data']).where('action', '=', 'contact.merged').executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(primary.id);
    expect((audit.data as { mergedId: string }).mergedId).toBe(duplicate.id);
  });

  it('merges companies: contacts and deals follow, and a twice-merged id still resolves', async () => {
    const a = (await api('/api/v1/companies', { body: { name: 'Posti Group', domain: 'posti.fi' } })).body;
    const b = (await api('/api/v1/companies', { body: { name: 'Posti Oy', industry: 'Logistics' } })).body;
    const c = (await api('/api/v1/companies', { body: { name: 'Posti' } })).body;
    const person = (await api('/api/v1/contacts', { body: { email: 'ceo@example-mail.fi', companyId: b.id } })).body;
    const deal = (await api('/api/v1/deals', { body: { name: 'Posti parcels', companyId: b.id } })).body;

    const first = await api('/api/v1/companies/merge', { body: { primaryId: c.id, duplicateId: b.id } });
    expect(first.body).toMatchObject({ id: c.id, industry: 'Logistics' });
    await api('/api/v1/companies/merge', { body: { primaryId: a.id, duplicateId: c.id } });

    expect((await api(`/api/v1/companies/${b.id}`)).body).toMatchObject({ id: a.id, name: 'Posti Group', domain: 'posti.fi', industry: 'Logistics' });
    expect((await api(`/api/v1/contacts/${person.id}`)).body.companyId).toBe(a.id);
    expect((await api(`/api/v1/deals/${deal.id}`)).body.companyId).toBe(a.id);
    expect((await api('/api/v1/companies/merge', { body: { primaryId: a.id, duplicateId: a.id } })).body.field).toBe('duplicateId');
  });
});

describe('bulk changes', () => {
  it('tags, assigns and deletes many contacts at once, each change on its timeline', async () => {
    const ids: string[] = [];
    for (const name of ['bulk1', 'bulk2', 'bulk3']) ids.push((await api('/api/v1/contacts', { body: { email: `${name}@bulk.fi`, tags: ['old'] } })).body.id);
    expect((await api('/api/v1/contacts/bulk', { body: { ids, action: 'addTags', tags: ['fair-2026'] } })).body).toEqual({ changed: 3 });
    expect((await api('/api/v1/contacts/bulk', { body: { ids: ids.slice(0, 2), action: 'removeTags', tags: ['old'] } })).body).toEqual({ changed: 2 });
    await api('/api/v1/contacts/bulk', { body: { ids, action: 'assignOwner', ownerId: bed.workspace.users.sales.id } });
    const first = (await api(`/api/v1/contacts/${ids[0]}`)).body;
    expect(first).toMatchObject({ tags: ['fair-2026'], ownerId: bed.workspace.users.sales.id });
    expect((await api(`/api/v1/contacts/${ids[2]}`)).body.tags).toEqual(['fair-2026', 'old']);
    const timeline = (await api(`/api/v1/contacts/${ids[0]}/timeline`)).body.items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'record.updated')).toHaveLength(3);
    expect((await api('/api/v1/contacts/bulk', { body: { ids, action: 'assignOwner', ownerId: '00000000-0000-4000-8000-000000000000' } })).body.field).toBe('ownerId');
    expect((await api('/api/v1/contacts/bulk', { body: { ids, action: 'delete' } })).body).toEqual({ changed: 3 });
    expect((await api(`/api/v1/contacts/${ids[1]}`)).status).toBe(404);
  });
});
