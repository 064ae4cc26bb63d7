// bench/forms: public form submissions end to end — `POST /f/:id` with a new email each time
// (contact made, the anonymous visitor identified, consent recorded, a Form Submitted event
// stored and fanned out, the submission kept) — from BENCH_CONNECTIONS (20) concurrent
// clients for BENCH_SECONDS (10) on one `tandem api` process, beside a bare Fastify handler
// that parses the same JSON post and answers, in the same run.
// Then personalisation: `GET /v1/slots` for two slots, each request for a random one of
// BENCH_VISITORS (100,000) known visitors whose contacts are in 0–3 of the slots' segments,
// from BENCH_CONNECTIONS clients, beside a bare Fastify handler answering fixed content.
// Reported: requests/s, client latency, and the server's own time (its Server-Timing) p95.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabase, printTable, startServer, tandemCli, tandemServer } from './_support.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3996);
const barePort = port + 1;
const visitorCount = Number(process.env.BENCH_VISITORS ?? 100_000);

function load(url, formId, label) {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections, duration: seconds,
      requests: [{
        method: 'POST', path: `/f/${formId}`, headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          n += 1;
          const id = `${label}-${process.pid}-${n}`;
          return {
            ...request,
            body: JSON.stringify({
              answers: { email: `${id}@bench.example`, first_name: 'Bench', company: `Company ${n % 500}` }, consents: { consent_0: true }, anonymousId: `anon-${id}`,
              page: { url: 'https://acme.example/demo?utm_source=bench', referrer: 'https://www.google.com/' },
            }),
          };
        },
      }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(name, url, formId, label) {
  await load(url, formId, `${label}-warm`);
  const result = await load(url, formId, label);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { name, 'requests/s': Math.round(result.requests.average), 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99, total: result.requests.total };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** A closed loop: `connections` clients, each sending its next GET as soon as the last is answered. */
async function closedLoop(base, nextPath) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const serverTimes = [];
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const get = (path) => new Promise((resolve) => {
    const started = performance.now();
    http.get(`${base}${path}`, { agent }, (response) => {
      response.resume();
      response.on('end', () => {
        latencies.push(performance.now() - started);
        const timing = /dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''));
        if (timing) serverTimes.push(Number(timing[1]));
        if (response.statusCode !== 200) failed += 1;
        resolve();
      });
    }).on('error', () => { failed += 1; resolve(); });
  });
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) await get(nextPath());
  }));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  serverTimes.sort((a, b) => a - b);
  return { requests: latencies.length, failed, latencies, serverTimes };
}

async function measureSlots(name, base, nextPath) {
  await closedLoop(base, nextPath);
  const run = await closedLoop(base, nextPath);
  if (run.failed) throw new Error(`${name}: ${run.failed} failed requests`);
  const ms = (value) => Number(value.toFixed(2));
  return {
    name, 'requests/s': Math.round(run.requests / seconds), 'p50 ms': ms(percentile(run.latencies, 0.5)), 'p95 ms': ms(percentile(run.latencies, 0.95)),
    'server p95 ms': ms(percentile(run.serverTimes, 0.95)), 'server p99 ms': ms(percentile(run.serverTimes, 0.99)),
  };
}

/** Known visitors straight into Postgres: contacts, their browsers, and the memberships of three segments. */
async function seedVisitors(client, workspaceId, segments) {
  await client.query('alter table contacts disable trigger contacts_inserted_feed');
  await client.query(`
    insert into contacts (workspace_id, email, first_name, country, job_title, created_at, updated_at)
    select $1, 'visitor' || i || '@bench.example', 'Visitor ' || i, (array['FI','SE','DE','US'])[1 + i % 4],
           (array['CTO','Developer','Marketing manager'])[1 + (i / 4) % 3], now(), now()
      from generate_series(1, $2::int) as i`, [workspaceId, visitorCount]);
  await client.query('alter table contacts enable trigger contacts_inserted_feed');
  await client.query(`
    insert into visitors (workspace_id, key, contact_id, first_seen_at)
    select workspace_id, 'v' || substring(email from 'visitor(\\d+)@'), id, now() from contacts where workspace_id = $1 and email like 'visitor%'`, [workspaceId]);
  // The memberships the segments' definitions give (their computation is bench/segments' subject).
  const members = [[segments.ctos, `job_title = 'CTO'`], [segments.finns, `country = 'FI'`], [segments.marketers, `job_title = 'Marketing manager'`]];
  for (const [segmentId, where] of members) {
    await client.query(`insert into segment_members (workspace_id, segment_id, contact_id, entered_at) select $1, $2, id, now() from contacts where workspace_id = $1 and ${where}`, [workspaceId, segmentId]);
  }
  await client.query('analyze contacts; analyze visitors; analyze segment_members');
}

export default async function run() {
  const database = await benchDatabase('forms');
  // One client address sends everything: the per-address limits are lifted.
  const env = { DATABASE_URL: database.url, TANDEM_FORM_RATE_PER_IP: '100000000', TANDEM_INGEST_RATE_PER_IP: '100000000', TANDEM_DB_POOL_SIZE: '10' };
  const servers = [];
  const client = new pg.Client({ connectionString: database.url });
  try {
    await tandemCli(['migrate'], env);
    const { secretKey, workspaceId, writeKey } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));
    // Without double opt-in the consent is granted at once (no confirmation email queued).
    await client.connect();
    await client.query(`insert into messaging_settings (workspace_id, double_opt_in, updated_at) values ($1, false, now())`, [workspaceId]);
    servers.push(await tandemServer('api', env, port));
    servers.push(await startServer([fileURLToPath(new URL('./bare-fastify.mjs', import.meta.url)), String(barePort)], {}, `http://127.0.0.1:${barePort}/healthz`));
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/forms`, {
      method: 'POST', headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench demo request', minSeconds: 0, afterSubmit: { kind: 'message', message: 'Thanks' },
        fields: [
          { key: 'email', label: 'Email', type: 'email', mapTo: 'email', required: true },
          { key: 'first_name', label: 'First name', type: 'text', mapTo: 'firstName' },
          { key: 'company', label: 'Company', type: 'text', mapTo: 'company.name' },
        ],
        consents: [{ purpose: 'marketing_email', wording: 'Send me news' }],
      }),
    });
    const form = await created.json();
    if (created.status !== 201) throw new Error(`creating the form: ${JSON.stringify(form)}`);

    const bare = await measure('bare Fastify: JSON post parsed and answered', `http://127.0.0.1:${barePort}`, form.id, 'bare');
    const tandem = await measure('Tandem POST /f/:id (contact, identity, consent, event, submission)', `http://127.0.0.1:${port}`, form.id, 'tandem');
    const { rows: [stored] } = await client.query(`
      select (select count(*) from form_submissions where workspace_id = $1) as submissions,
             (select count(*) from consent_records where workspace_id = $1) as consents,
             (select count(*) from events where workspace_id = $1 and name = 'Form Submitted') as events`, [workspaceId]);
    printTable(`bench/forms — public submissions, ${connections} connections for ${seconds} s, loopback, 1 API process`, [
      bare,
      { ...tandem, 'vs bare': `${((tandem['requests/s'] / bare['requests/s']) * 100).toFixed(1)}%` },
    ]);
    console.log(`stored (warm-up included): ${stored.submissions} submissions, ${stored.consents} consent records, ${stored.events} Form Submitted events`);

    const api = async (path, body) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = await response.json();
      if (response.status !== 201) throw new Error(`POST ${path}: ${JSON.stringify(json)}`);
      return json;
    };
    const segment = async (name, field, value) => (await api('/segments', { name, definition: { version: 1, match: { type: 'field', field, operator: 'equals', value } } })).id;
    const segments = { ctos: await segment('CTOs', 'jobTitle', 'CTO'), finns: await segment('Finland', 'country', 'FI'), marketers: await segment('Marketers', 'jobTitle', 'Marketing manager') };
    await seedVisitors(client, workspaceId, segments);
    await api('/content-slots', {
      key: 'home-hero', name: 'Home hero', defaultContent: '<h2>Welcome</h2>',
      rules: [{ segmentId: segments.ctos, content: '<h2>Built for CTOs</h2>' }, { segmentId: segments.finns, content: '<h2>Tervetuloa</h2>' }, { segmentId: segments.marketers, content: '<h2>Campaigns, sorted</h2>' }],
    });
    await api('/content-slots', { key: 'pricing', name: 'Pricing note', defaultContent: 'From 9 € a month', rules: [{ segmentId: segments.finns, content: 'Hinnat alkaen 9 €' }] });
    // One in ten requests is a stranger's (no contact): the default content.
    const nextPath = () => {
      const n = Math.floor(Math.random() * visitorCount * 1.1) + 1;
      return `/v1/slots?writeKey=${writeKey}&anonymousId=${n > visitorCount ? `stranger-${n}` : `v${n}`}&keys=home-hero,pricing`;
    };
    const bareSlots = await measureSlots('bare Fastify: fixed content', `http://127.0.0.1:${barePort}`, nextPath);
    const tandemSlots = await measureSlots('Tandem GET /v1/slots (key, visitor → contact → segments, two slots)', `http://127.0.0.1:${port}`, nextPath);
    printTable(`bench/forms — personalisation, ${visitorCount.toLocaleString('en')} known visitors, ${connections} connections for ${seconds} s, loopback, 1 API process`, [
      bareSlots,
      { ...tandemSlots, 'vs bare': `${((tandemSlots['requests/s'] / bareSlots['requests/s']) * 100).toFixed(1)}%` },
    ]);
  } finally {
    for (const server of servers) await server.stop();
    await client.end().catch(() => {});
    await database.close();
  }
}
