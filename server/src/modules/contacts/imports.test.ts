import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../platform/jobs/worker.js';
import { type SeededWorkspace, type TestDatabase, type TestServer, seedWorkspace, startTestServer, testDatabase } from '../../test/harness.js';
import { modules } from '../index.js';
import { cleanUpImports } from './imports.js';

let database: TestDatabase;
let server: TestServer;
let acme: SeededWorkspace;
let worker: Worker;
let api: (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; body: any }>;

beforeAll(async () => {
  database = await testDatabase();
  server = await startTestServer(database.ctx);
  acme = await seedWorkspace(database.ctx, 'Acme');
  const { db, clock, logger } = database.ctx;
  worker = await startWorker({
    db, pool: database.pool, clock, logger, concurrency: 1, pollMs: 50, loop: false,
    handlers: Object.assign({}, ...modules.map((m) => m.jobs?.(database.ctx) ?? {})),
  });
  api = async (path, init = {}) => {
    const response = await server.request(path, { ...init, headers: { authorization: `Bearer ${acme.secretKey}` } });
    const text = await response.text();
    return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  await api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'arr', label: 'ARR', type: 'number' } });
  await api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'newsletter', label: 'Newsletter', type: 'boolean' } });
});

afterAll(async () => {
  await server.app.close();
  await database.close();
});

async function upload(csv: string, objectType = 'contact', fileName = 'people.csv') {
  const response = await fetch(`${server.url}/api/v1/imports?objectType=${objectType}&fileName=${fileName}`, {
    method: 'POST', body: csv, headers: { authorization: `Bearer ${acme.secretKey}`, 'content-type': 'text/csv' },
  });
  return { status: response.status, body: await response.json() };
}

async function importFile(csv: string, mapping: Record<string, string>, onDuplicate: 'update' | 'skip' = 'update', objectType = 'contact') {
  const uploaded = await upload(csv, objectType);
  expect(uploaded.status).toBe(201);
  const started = await api(`/api/v1/imports/${uploaded.body.id}/start`, { body: { mapping, onDuplicate } });
  expect(started.status).toBe(200);
  while (await worker.drain()) { /* until the queue is empty */ }
  return (await api(`/api/v1/imports/${uploaded.body.id}`)).body;
}

describe('CSV import', () => {
  it('reads the header, guesses the mapping (Finnish Excel semicolons included) and shows a sample', async () => {
    const uploaded = await upload('\uFEFFSähköposti;Etunimi;Sukunimi;ARR\nmaija@kesko.fi;Maija;Mäki;100\n');
    expect(uploaded.body).toMatchObject({
      status: 'uploaded', delimiter: ';', headers: ['Sähköposti', 'Etunimi', 'Sukunimi', 'ARR'],
      sample: [['maija@kesko.fi', 'Maija', 'Mäki', '100']],
      suggestedMapping: { 'Sähköposti': 'email', Etunimi: 'firstName', Sukunimi: 'lastName', ARR: 'custom.arr' },
    });
  });

  it('imports good rows, reports every rejected row with its line and reason, and stores nothing of those', async () => {
    const csv = [
      'Email,First name,Company,ARR,Newsletter,Owner',
      'ville@neste.com,Ville,Neste,1000,yes,',
      'not-an-email,Bad,Nowhere,5,no,',
      'emilia@neste.com,Emilia,Neste,lots,no,',
      '"kalle@upm.com","Kalle ""KK"" K",UPM,"2,5",no,sales@acme.test',
      'ghost@upm.com,Ghost,UPM,1,no,stranger@else.where',
      'ville@neste.com,Ville again,Neste,2000,no,',
      'short@row.fi,Short',
    ].join('\n');
    const result = await importFile(csv, { Email: 'email', 'First name': 'firstName', Company: 'companyName', ARR: 'custom.arr', Newsletter: 'custom.newsletter', Owner: 'ownerEmail' });
    expect(result).toMatchObject({ status: 'done', rowsProcessed: 7, rowsCreated: 2, rowsUpdated: 0, rowsRejected: 5 });

    const rejected = (await api(`/api/v1/imports/${result.id}/rejections`)).body.items.map((r: { line: number; field: string; reason: string }) => [r.line, r.field, r.reason]);
    expect(rejected).toEqual([
      [3, 'email', 'email "not-an-email" is not an email address'],
      [4, 'custom.arr', 'ARR "lots" is not a number'],
      [6, 'ownerEmail', 'owner stranger@else.where is not a member of this workspace'],
      [7, 'email', 'same email as line 2 of this file'],
      [8, 'file', 'the row does not have 6 columns like the header'],
    ]);
    // The CSV of rejected rows carries the original columns, ready to fix and import again.
    const csvReport = (await api(`/api/v1/imports/${result.id}/rejections?format=csv`)).body as string;
    const reportLines = csvReport.replace(/^\uFEFF/, '').trim().split('\n');
    expect(reportLines[0]).toBe('line,field,reason,Email,First name,Company,ARR,Newsletter,Owner');
    expect(reportLines[1]).toBe('3,email,"email ""not-an-email"" is not an email address",not-an-email,Bad,Nowhere,5,no,');
    expect(reportLines).toHaveLength(6);
    expect(result.bytesProcessed).toBe(result.bytes);

    const kalle = (await api('/api/v1/contacts?email=kalle@upm.com')).body.items[0];
    expect(kalle).toMatchObject({ firstName: 'Kalle "KK" K', custom: { arr: 2.5, newsletter: false }, ownerId: acme.users.sales.id });
    const company = (await api(`/api/v1/companies/${kalle.companyId}`)).body;
    expect(company).toMatchObject({ name: 'UPM', domain: 'upm.com' });
    expect((await api('/api/v1/contacts?email=emilia@neste.com')).body.items).toEqual([]);
    const timeline = (await api(`/api/v1/contacts/${kalle.id}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({ kind: 'record.created', actor: { label: 'import of people.csv' }, data: { importId: result.id } });
  });

  it('updates existing contacts by email without erasing with empty cells, or skips them', async () => {
    const existing = (await api('/api/v1/contacts', { body: { email: 'tiina@stora.com', firstName: 'Tiina', jobTitle: 'CTO', tags: ['vip'] } })).body;
    const updated = await importFile('email,title,first,tags\nTIINA@stora.com,Chief Technology Officer,,webinar\n', { email: 'email', title: 'jobTitle', first: 'firstName', tags: 'tags' });
    expect(updated).toMatchObject({ rowsCreated: 0, rowsUpdated: 1 });
    expect((await api(`/api/v1/contacts/${existing.id}`)).body).toMatchObject({ firstName: 'Tiina', jobTitle: 'Chief Technology Officer', tags: ['vip', 'webinar'] });

    const skipped = await importFile('email,title\ntiina@stora.com,Intern\nnew@stora.com,Analyst\n', { email: 'email', title: 'jobTitle' }, 'skip');
    expect(skipped).toMatchObject({ rowsCreated: 1, rowsUpdated: 0, rowsSkipped: 1 });
    expect((await api(`/api/v1/contacts/${existing.id}`)).body.jobTitle).toBe('Chief Technology Officer');
  });

  it('streams a file larger than one stored chunk through several batches', async () => {
    const lines = ['email,first_name,notes'];
    for (let i = 0; i < 6000; i++) lines.push(`bulk${i}@bulk-${i % 50}.example,Person ${i},${'x'.repeat(180)}`);
    const csv = lines.join('\n');
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const result = await importFile(csv, { email: 'email', first_name: 'firstName' });
    expect(result).toMatchObject({ status: 'done', rowsProcessed: 6000, rowsCreated: 6000, rowsRejected: 0 });
    const chunks = await database.ctx.db.selectFrom('import_chunks').select('seq').where('import_id', '=', result.id).execute();
    expect(chunks.length).toBe(2);
    const companies = (await api('/api/v1/companies?q=bulk-&limit=200')).body.items;
    expect(companies).toHaveLength(50);
  });

  it('resumes after the last committed batch when a run is interrupted', async () => {
    const lines = ['email'];
    for (let i = 0; i < 2500; i++) lines.push(`resume${i}@resume.example`);
    const uploaded = await upload(lines.join('\n'));
    await api(`/api/v1/imports/${uploaded.body.id}/start`, { body: { mapping: { email: 'email' }, onDuplicate: 'update' } });
    // As if a worker died after committing the first batch: 1000 rows counted, the job claimed again.
    await database.ctx.db.updateTable('imports').set({ rows_processed: 1000, status: 'running' }).where('id', '=', uploaded.body.id).execute();
    while (await worker.drain()) { /* run */ }
    const result = (await api(`/api/v1/imports/${uploaded.body.id}`)).body;
    expect(result).toMatchObject({ status: 'done', rowsProcessed: 2500, rowsCreated: 1500 });
    expect((await api('/api/v1/contacts?email=resume999@resume.example')).body.items).toEqual([]);
    expect((await api('/api/v1/contacts?email=resume1000@resume.example')).body.items).toHaveLength(1);
  });

  it('refuses a mapping to unknown columns or fields, and an empty file', async () => {
    const uploaded = await upload('email,name\na@b.fi,A\n');
    expect((await api(`/api/v1/imports/${uploaded.body.id}/start`, { body: { mapping: { mail: 'email' } } })).body.field).toBe('mapping.mail');
    expect((await api(`/api/v1/imports/${uploaded.body.id}/start`, { body: { mapping: { name: 'salary' } } })).body.field).toBe('mapping.name');
    expect((await upload('')).body.field).toBe('file');
  });

  it('imports companies deduplicated by domain', async () => {
    const result = await importFile('Name,Website,Employees\nOrion,https://www.orion.fi,3500\nOrion Pharma,orion.fi,\nKesko,kesko.fi,17000\n',
      { Name: 'name', Website: 'domain', Employees: 'employeeCount' }, 'update', 'company');
    expect(result).toMatchObject({ rowsCreated: 2, rowsRejected: 1 });
    expect((await api('/api/v1/companies?domain=orion.fi')).body.items[0]).toMatchObject({ name: 'Orion', employeeCount: 3500 });
  });

  it('exports the filtered list as CSV with custom fields', async () => {
    const csv = (await api('/api/v1/contacts/export?q=upm.com')).body as string;
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(header).toBe('id,email,firstName,lastName,phone,jobTitle,persona,seniority,country,city,timezone,ownerId,source,tags,lifecycleStage,companyId,createdAt,updatedAt,custom.arr,custom.newsletter');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('kalle@upm.com,"Kalle ""KK"" K"');
    expect(rows[0]!.endsWith(',2.5,false')).toBe(true);
  });
});

describe('CSV import of deals', () => {
  it('creates deals in the named stages, linked to existing companies and contacts, rejecting rows it cannot place', async () => {
    await api('/api/v1/contacts', { body: { email: 'buyer@sampo.fi', firstName: 'Buyer' } });
    const csv = [
      'Deal,Value,Stage,Company,Contact,Close',
      'Sampo renewal,"12 000",Proposal,sampo.fi,buyer@sampo.fi,31.3.2027',
      'Sampo add-on,3000,Closed lost,sampo.fi,,2027-01-15',
      'Mystery deal,100,Imagination,,,',
      'Unknown company deal,100,Proposal,nowhere.example,,',
      'Sampo pilot,lots,Proposal,sampo.fi,,',
    ].join('\n');
    const result = await importFile(csv, { Deal: 'name', Value: 'amount', Stage: 'stage', Company: 'companyDomain', Contact: 'contactEmail', Close: 'expectedCloseDate' }, 'update', 'deal');
    expect(result).toMatchObject({ status: 'done', rowsCreated: 1, rowsRejected: 4 });
    const rejected = (await api(`/api/v1/imports/${result.id}/rejections`)).body.items.map((r: { line: number; field: string }) => [r.line, r.field]);
    expect(rejected).toEqual([[3, 'lostReason'], [4, 'stage'], [5, 'companyDomain'], [6, 'amount']]);
    const deals = (await api('/api/v1/deals?q=Sampo')).body.items;
    expect(deals).toHaveLength(1);
    const deal = (await api(`/api/v1/deals/${deals[0].id}`)).body;
    expect(deal).toMatchObject({ name: 'Sampo renewal', amount: 12000, expectedCloseDate: '2027-03-31', stageHistory: [expect.objectContaining({ stageName: 'Proposal' })] });
    expect(deal.contacts).toHaveLength(1);
    expect((await api(`/api/v1/deals?q=add-on`)).body.items).toEqual([]);
  });
});

describe('import housekeeping', () => {
  it('drops uploads never started after a day and frees the file of finished imports', async () => {
    const abandoned = await upload('email\nlost@x.fi\n');
    const finished = await importFile('email\nkept@x.fi\n', { email: 'email' });
    const { db, clock } = database.ctx;
    await cleanUpImports(db, clock);
    expect((await api(`/api/v1/imports/${abandoned.body.id}`)).status).toBe(200);

    clock.advance(25 * 3600_000);
    await cleanUpImports(db, clock);
    expect((await api(`/api/v1/imports/${abandoned.body.id}`)).status).toBe(404);
    expect((await api(`/api/v1/imports/${finished.id}`)).body).toMatchObject({ status: 'done', rowsCreated: 1 });
    const chunks = await db.selectFrom('import_chunks').select('seq').where('import_id', '=', finished.id).execute();
    expect(chunks).toEqual([]);
  });
});
