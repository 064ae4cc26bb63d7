// bench/crm: CRM at scale. Imports N contacts (default 1,000,000) from one CSV through
// Tandem's import (upload → background batches) beside a raw COPY of the same file into a
// table with the contacts table's own columns and indexes, in the same run. Then measures,
// over HTTP on the loaded workspace, the p95 of a contact list filtered by a custom field and
// of search, each beside the same SQL run directly.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { benchDatabase, printTable, tandemCli, tandemServer } from './_support.mjs';

const rows = Number(process.env.BENCH_CRM_ROWS ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const port = 3993;
const firstNames = ['Aino', 'Eero', 'Laura', 'Mikko', 'Sanna', 'Juha', 'Kirsi', 'Ville', 'Anna', 'Timo', 'Outi', 'Pekka', 'Heidi', 'Janne'];
const lastNames = ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen'];
const segments = ['smb', 'mid', 'ent'];

async function writeCsv(file) {
  const out = createWriteStream(file);
  out.write('email,first_name,last_name,phone,country,segment,arr\n');
  for (let i = 0; i < rows; i++) {
    const line = `person${i}@company${i % 50000}.example,${firstNames[i % 14]},${lastNames[(i * 7) % 10]},+358 40 ${String(i).padStart(7, '0')},${Math.floor(i / 3) % 3 ? 'Finland' : 'Sweden'},${segments[i % 3]},${(i % 1000) * 100}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function timeEach(count, run) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 0.5).toFixed(1), p95: percentile(times, 0.95).toFixed(1) };
}

export default async function run() {
  const file = path.join(os.tmpdir(), `tandem-bench-crm-${rows}.csv`);
  await writeCsv(file);
  const bytes = statSync(file).size;
  const database = await benchDatabase('crm');
  const env = { DATABASE_URL: database.url, TANDEM_DB_POOL_SIZE: '10', TANDEM_WORKER_CONCURRENCY: '1' };
  const client = new pg.Client({ connectionString: database.url });
  let server;
  try {
    await tandemCli(['migrate'], env);
    const { secretKey, workspaceId } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));
    await client.connect();
    const auth = { authorization: `Bearer ${secretKey}` };

    // Baseline: COPY into a table with the same columns, defaults and indexes as contacts.
    await client.query('create table copy_baseline (like contacts including defaults including indexes)');
    await client.query(`alter table copy_baseline add column segment text, add column arr numeric,
      alter column workspace_id set default '${workspaceId}', alter column created_at set default now(), alter column updated_at set default now()`);
    let started = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(
      'copy copy_baseline (email, first_name, last_name, phone, country, segment, arr) from stdin with (format csv, header true)')));
    const copySeconds = (performance.now() - started) / 1000;
    await client.query('drop table copy_baseline');

    await client.query(`insert into custom_fields (workspace_id, object_type, key, label, type, options, created_at) values
      ($1, 'contact', 'segment', 'Segment', 'select', '[{"value":"smb","label":"SMB"},{"value":"mid","label":"Mid"},{"value":"ent","label":"Enterprise"}]', now()),
      ($1, 'contact', 'arr', 'ARR', 'number', '[]', now())`, [workspaceId]);
    server = await tandemServer('start', { ...env, TANDEM_DEMO_DATA: 'false' }, port);
    const base = `http://127.0.0.1:${port}/api/v1`;

    started = performance.now();
    const upload = await fetch(`${base}/imports?objectType=contact&fileName=bench.csv`, {
      method: 'POST', body: createReadStream(file), duplex: 'half', headers: { ...auth, 'content-type': 'text/csv' },
    }).then((r) => r.json());
    const uploadSeconds = (performance.now() - started) / 1000;
    await fetch(`${base}/imports/${upload.id}/start`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ onDuplicate: 'update', mapping: { email: 'email', first_name: 'firstName', last_name: 'lastName', phone: 'phone', country: 'country', segment: 'custom.segment', arr: 'custom.arr' } }),
    });
    let state;
    do {
      await new Promise((r) => setTimeout(r, 500));
      state = await fetch(`${base}/imports/${upload.id}`, { headers: auth }).then((r) => r.json());
    } while (state.status === 'queued' || state.status === 'running');
    const importSeconds = (performance.now() - started) / 1000;
    if (state.status !== 'done' || state.rowsCreated !== rows) throw new Error(`import ended ${state.status}: ${JSON.stringify(state)}`);
    await client.query('analyze contacts');

    // The list query with filters that match nothing would walk the whole index; these match two in nine contacts.
    const list = await timeEach(samples, (i) => fetch(`${base}/contacts?custom.segment=${segments[i % 3]}&country=Finland&limit=50`, { headers: auth }).then((r) => r.json()));
    const listSql = await timeEach(samples, (i) => client.query(
      `select * from contacts where workspace_id = $1 and custom @> $2::jsonb and country = 'Finland' order by created_at desc, id desc limit 51`,
      [workspaceId, JSON.stringify({ segment: segments[i % 3] })]));
    const searchFor = (terms) => timeEach(samples, (i) => fetch(`${base}/search?q=${encodeURIComponent(terms[i % terms.length])}&limit=10`, { headers: auth }).then((r) => r.json()));
    const search = await searchFor(['virtanen', 'person12345', 'company4711', '+358 40 0004', 'laura mäki', `person${rows - 7}@company${(rows - 7) % 50000}.example`]);
    const typoSearch = await searchFor(['Korhnen', 'Vitranen', 'Hämälänen']);

    printTable(`bench/crm — ${rows.toLocaleString('en')} contacts, ${(bytes / 1e6).toFixed(0)} MB CSV, 1 Tandem process (LOG_LEVEL=warn)`, [
      { measure: 'raw COPY into a table with the contacts indexes (baseline)', value: `${Math.round(rows / copySeconds).toLocaleString('en')} rows/s`, seconds: copySeconds.toFixed(1) },
      { measure: 'Tandem import: upload + map + background batches', value: `${Math.round(rows / importSeconds).toLocaleString('en')} rows/s`, seconds: importSeconds.toFixed(1),
        'vs COPY': `${((copySeconds / importSeconds) * 100).toFixed(0)}%` },
      { measure: '  of which the streamed upload', value: `${(bytes / 1e6 / uploadSeconds).toFixed(0)} MB/s`, seconds: uploadSeconds.toFixed(1) },
      { measure: 'GET /contacts?custom.segment=…&country=Finland (HTTP)', value: `p50 ${list.p50} ms`, 'p95 ms': list.p95 },
      { measure: '  the same query in raw SQL (baseline)', value: `p50 ${listSql.p50} ms`, 'p95 ms': listSql.p95 },
      { measure: 'GET /search (names, emails, domains, phones)', value: `p50 ${search.p50} ms`, 'p95 ms': search.p95 },
      { measure: 'GET /search with a typo in a surname', value: `p50 ${typoSearch.p50} ms`, 'p95 ms': typoSearch.p95 },
    ]);
  } finally {
    await server?.stop();
    await client.end().catch(() => {});
    await database.close();
  }
}
