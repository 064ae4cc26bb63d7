import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiTestBed, useApiTestBed } from '../../test/harness.js';

const bed = useApiTestBed();
const api: ApiTestBed['api'] = (path, init) => bed.api(path, init);

beforeAll(async () => {
  await api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'arr', label: 'ARR (EUR)', type: 'number' } });
  await api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'segment', label: 'Segment', type: 'select',
    options: [{ value: 'smb', label: 'SMB' }, { value: 'ent', label: 'Enterprise' }] } });
  await api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'interests', label: 'Interests', type: 'multi_select',
    options: [{ value: 'email', label: 'Email' }, { value: 'crm', label: 'CRM' }] } });
  await api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'renewal', label: 'Renewal', type: 'date' } });
});

describe('contacts', () => {
  it('normalises the email, finds the contact by it, and refuses a second contact with it', async () => {
    const created = await api('/api/v1/contacts', { body: { email: '  Aino.Koskinen@Metso.fi ', firstName: 'Aino', lastName: 'Koskinen' } });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('aino.koskinen@metso.fi');
    const found = await api('/api/v1/contacts?email=AINO.KOSKINEN@metso.fi');
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const duplicate = await api('/api/v1/contacts', { body: { email: 'aino.koskinen@METSO.fi' } });
    expect(duplicate).toEqual({ status: 409, body: expect.objectContaining({ field: 'email' }) });
  });

  it('links a contact to its company by email domain, creating the company once, never for free mail', async () => {
    const first = await api('/api/v1/contacts', { body: { email: 'pekka@kone.com', firstName: 'Pekka' } });
    const second = await api('/api/v1/contacts', { body: { email: 'sanna@kone.com', firstName: 'Sanna' } });
    expect(first.body.companyId).toBeTruthy();
    expect(second.body.companyId).toBe(first.body.companyId);
    const company = await api(`/api/v1/companies/${first.body.companyId}`);
    expect(company.body).toMatchObject({ name: 'Kone', domain: 'kone.com' });

    const gmail = await api('/api/v1/contacts', { body: { email: 'someone@gmail.com' } });
    expect(gmail.body.companyId).toBeNull();
    expect((await api('/api/v1/companies?domain=gmail.com')).body.items).toEqual([]);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = (await api('/api/v1/contacts?limit=200')).body.items.length;
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ email: 'x@valid.fi', favouriteColour: 'blue' }, 'favouriteColour'],
      [{ email: 'x@valid.fi', custom: { arr: 'lots' } }, 'custom.arr'],
      [{ email: 'x@valid.fi', custom: { segment: 'huge' } }, 'custom.segment'],
      [{ email: 'x@valid.fi', custom: { renewal: '2026-02-30' } }, 'custom.renewal'],
      [{ email: 'x@valid.fi', custom: { unknown_field: 1 } }, 'custom.unknown_field'],
      [{ email: 'x@valid.fi', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ email: 'x@valid.fi', firstName: 'x'.repeat(201) }, 'firstName'],
      [{ email: 'x@valid.fi', ownerId: '00000000-0000-4000-8000-000000000000' }, 'ownerId'],
      [{ email: 'x@valid.fi', lifecycleStage: 'hot' }, 'lifecycleStage'],
      [{ tags: ['only-tags'] }, 'email'],
    ];
    for (const [body, field] of cases) {
      const response = await api('/api/v1/contacts', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.field, JSON.stringify(body)).toBe(field);
    }
    expect((await api('/api/v1/contacts?limit=200')).body.items.length).toBe(before);
  });

  it('records every changed field, with who changed it, on the timeline (newest first)', async () => {
    const contact = (await api('/api/v1/contacts', { body: { email: 'eero@wartsila.com', firstName: 'Eero', custom: { arr: 1000 } } })).body;
    bed.database.ctx.clock.advance(60_000);
    const updated = await api(`/api/v1/contacts/${contact.id}`, { method: 'PATCH', body: { jobTitle: 'CFO', custom: { arr: 2500, segment: 'ent' } } });
    expect(updated.body).toMatchObject({ jobTitle: 'CFO', custom: { arr: 2500, segment: 'ent' } });
    bed.database.ctx.clock.advance(60_000);
    // A no-op update leaves no entry.
    await api(`/api/v1/contacts/${contact.id}`, { method: 'PATCH', body: { jobTitle: 'CFO' } });

    const timeline = (await api(`/api/v1/contacts/${contact.id}/timeline`)).body;
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual(['record.updated', 'record.created']);
    expect(timeline.items[0].actor).toMatchObject({ type: 'api_key', label: 'test' });
    expect(timeline.items[0].data.changes).toEqual([
      { field: 'jobTitle', old: null, new: 'CFO' },
      { field: 'custom', old: { arr: 1000 }, new: { arr: 2500, segment: 'ent' } },
    ]);
  });

  it('shows the touchpoints of a company and of its contacts on the company timeline, page by page', async () => {
    const company = (await api('/api/v1/companies', { body: { name: 'Fiskars', domain: 'https://www.fiskars.com/en' } })).body;
    expect(company.domain).toBe('fiskars.com');
    for (const name of ['Anna', 'Ville', 'Outi']) {
      bed.database.ctx.clock.advance(1000);
      await api('/api/v1/contacts', { body: { email: `${name.toLowerCase()}@fiskars.com`, firstName: name } });
    }
    bed.database.ctx.clock.advance(1000);
    await api(`/api/v1/companies/${company.id}`, { method: 'PATCH', body: { industry: 'Consumer goods' } });

    const first = (await api(`/api/v1/companies/${company.id}/timeline?limit=3`)).body;
    expect(first.items.map((e: { kind: string; contactId: string | null }) => [e.kind, Boolean(e.contactId)])).toEqual([
      ['record.updated', false], ['record.created', true], ['record.created', true],
    ]);
    const second = (await api(`/api/v1/companies/${company.id}/timeline?limit=3&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((e: { kind: string; contactId: string | null }) => [e.kind, Boolean(e.contactId)])).toEqual([
      ['record.created', true], ['record.created', false],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('filters by custom fields, tags and company, and pages through a sorted list without gaps or repeats', async () => {
    const company = (await api('/api/v1/companies', { body: { name: 'Valio', domain: 'valio.fi' } })).body;
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      bed.database.ctx.clock.advance(1000);
      const contact = await api('/api/v1/contacts', { body: {
        email: `buyer${i}@valio.fi`, lastName: `Buyer ${String.fromCharCode(71 - i)}`, tags: i % 2 ? ['event-2026'] : [],
        custom: { arr: i * 100, segment: i < 3 ? 'smb' : 'ent', interests: i === 4 ? ['crm', 'email'] : ['email'] },
      } });
      made.push(contact.body.id);
    }
    const ids = (path: string) => api(path).then((r) => r.body.items.map((c: { id: string }) => c.id));
    expect(new Set(await ids(`/api/v1/contacts?companyId=${company.id}&custom.segment=smb`))).toEqual(new Set(made.slice(0, 3)));
    expect(await ids(`/api/v1/contacts?companyId=${company.id}&custom.interests=crm`)).toEqual([made[4]]);
    expect(await ids(`/api/v1/contacts?companyId=${company.id}&custom.arr=300`)).toEqual([made[3]]);
    expect(new Set(await ids(`/api/v1/contacts?companyId=${company.id}&tag=event-2026`))).toEqual(new Set([made[1], made[3], made[5]]));

    for (const sort of ['-created_at', 'last_name', '-custom.arr']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } =
          (await api(`/api/v1/contacts?companyId=${company.id}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      // Made in order, with last names G…A and arr rising: each of these sorts is the reverse.
      expect(seen, sort).toEqual([...made].reverse());
    }
    expect((await api('/api/v1/contacts?custom.nope=1')).body.field).toBe('custom.nope');
    expect((await api('/api/v1/contacts?sort=password')).body.field).toBe('sort');
  });

  it('finds contacts and companies by name, email, domain and phone, ranked, forgiving a typo', async () => {
    const company = (await api('/api/v1/companies', { body: { name: 'Marimekko', domain: 'marimekko.com' } })).body;
    const contact = (await api('/api/v1/contacts', { body: { email: 'kirsi.laaksonen@marimekko.com', firstName: 'Kirsi', lastName: 'Laaksonen', phone: '+358 40 123 4567' } })).body;
    const search = async (q: string) => (await api(`/api/v1/search?q=${encodeURIComponent(q)}`)).body.items as { type: string; id: string; score: number }[];

    expect((await search('kirsi.laaksonen@marimekko.com'))[0]).toMatchObject({ type: 'contact', id: contact.id });
    expect((await search('marimekko.com'))[0]).toMatchObject({ type: 'company', id: company.id });
    expect((await search('Laaksonen')).map((h) => h.id)).toContain(contact.id);
    expect((await search('123 4567')).map((h) => h.id)).toEqual([contact.id]);
    expect((await search('Laaksnen')).map((h) => h.id)).toContain(contact.id);
    const hits = await search('marimekko');
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('lets an admin require a custom field; new contacts must then fill it', async () => {
    const cookie = { authorization: `Bearer ${bed.workspace.secretKey}` };
    const field = await (await bed.server.request('/api/v1/custom-fields', { body: { objectType: 'company', key: 'vat_id', label: 'VAT ID', type: 'text', required: true }, headers: cookie })).json();
    const missing = await api('/api/v1/companies', { body: { name: 'No VAT Oy' } });
    expect(missing).toEqual({ status: 400, body: expect.objectContaining({ field: 'custom.vat_id', message: 'custom.vat_id is required' }) });
    expect((await api('/api/v1/companies', { body: { name: 'VAT Oy', custom: { vat_id: 'FI12345678' } } })).status).toBe(201);
    await api(`/api/v1/custom-fields/${field.id}`, { method: 'PATCH', body: { archived: true } });
    expect((await api('/api/v1/companies', { body: { name: 'Later Oy' } })).status).toBe(201);
  });
});

describe('search with typos', () => {
  it('corrects a misspelt name to the nearest known one before searching', async () => {
    const contact = (await api('/api/v1/contacts', { body: { email: 'p.hamalainen@ponsse.com', firstName: 'Petteri', lastName: 'Hämäläinen' } })).body;
    for (const typo of ['hämälänen', 'Petterri', 'hamalainen']) {
      const hits = (await api(`/api/v1/search?q=${encodeURIComponent(typo)}`)).body.items.map((h: { id: string }) => h.id);
      expect(hits, typo).toContain(contact.id);
    }
    const words = await bed.database.ctx.db.selectFrom('search_words').select('word').where('workspace_id', '=', bed.workspace.workspaceId).where('word', 'in', ['petteri', 'hämäläinen', 'ponsse']).execute();
    expect(words.map((w) => w.word).sort()).toEqual(['hämäläinen', 'petteri', 'ponsse']);
  });
});
