import { describe, expect, it } from 'vitest';
import { type ApiTestBed, useApiTestBed } from '../../test/harness.js';

const bed = useApiTestBed();
const api: ApiTestBed['api'] = (path, init) => bed.api(path, init);

describe('data quality', () => {
  it('scores each record and each owner by the share of completeness fields filled', async () => {
    await api('/api/v1/data-quality/rules', { method: 'PUT', body: { objectType: 'contact', requiredFields: [], completenessFields: ['email', 'firstName', 'phone', 'jobTitle'] } });
    const full = (await api('/api/v1/contacts', { body: { email: 'a@full.fi', firstName: 'A', phone: '1', jobTitle: 'CEO', ownerId: bed.workspace.users.sales.id } })).body;
    await api('/api/v1/contacts', { body: { email: 'b@half.fi', firstName: 'B', ownerId: bed.workspace.users.sales.id } });
    const sparse = (await api('/api/v1/contacts', { body: { email: 'c@sparse.fi', ownerId: bed.workspace.users.marketer.id } })).body;

    expect((await api(`/api/v1/contacts/${full.id}`)).body.completeness).toEqual({ score: 100, missing: [] });
    expect((await api(`/api/v1/contacts/${sparse.id}`)).body.completeness).toEqual({ score: 25, missing: ['firstName', 'phone', 'jobTitle'] });

    const report = (await api('/api/v1/data-quality?objectType=contact')).body;
    expect(report.overall).toEqual({ records: 3, completeness: 58.3 });
    expect(report.byOwner).toEqual([
      { ownerId: bed.workspace.users.marketer.id, ownerEmail: bed.workspace.users.marketer.email, records: 1, completeness: 25 },
      { ownerId: bed.workspace.users.sales.id, ownerEmail: bed.workspace.users.sales.email, records: 2, completeness: 75 },
    ]);
  });

  it('refuses records without a required field, in the API and in imports', async () => {
    await api('/api/v1/data-quality/rules', { method: 'PUT', body: { objectType: 'contact', requiredFields: ['jobTitle'], completenessFields: ['email'] } });
    const missing = await api('/api/v1/contacts', { body: { email: 'no.title@x.fi' } });
    expect(missing).toEqual({ status: 400, body: expect.objectContaining({ field: 'jobTitle', message: 'jobTitle is required in this workspace' }) });
    const created = (await api('/api/v1/contacts', { body: { email: 'titled@x.fi', jobTitle: 'CFO' } })).body;
    expect((await api(`/api/v1/contacts/${created.id}`, { method: 'PATCH', body: { jobTitle: null } })).body.field).toBe('jobTitle');

    const upload = await fetch(`${bed.server.url}/api/v1/imports?objectType=contact&fileName=a.csv`, {
      method: 'POST', body: 'email,title\nq@x.fi,\n', headers: { authorization: `Bearer ${bed.workspace.secretKey}`, 'content-type': 'text/csv' },
    }).then((r) => r.json());
    const unmapped = await api(`/api/v1/imports/${upload.id}/start`, { body: { mapping: { email: 'email' } } });
    expect(unmapped.body).toMatchObject({ field: 'mapping', message: 'map a column to jobTitle: required in this workspace' });

    expect((await api('/api/v1/data-quality/rules', { method: 'PUT', body: { objectType: 'contact', requiredFields: ['shoeSize'], completenessFields: ['email'] } })).body.field).toBe('requiredFields');
  });
});
