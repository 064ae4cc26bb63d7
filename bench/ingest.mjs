// bench/ingest: POST /v1/batch with 100-event batches from concurrent clients over loopback,
// identity resolution included (visitors, identify calls that create and link contacts,
// visits, touchpoints), beside a raw multi-row INSERT of the same rows into the same
// PostgreSQL from the same number of connections, in the same run.
//
// BENCH_EVENTS (default 200000), BENCH_CLIENTS (8), BENCH_VISITORS (20000), BENCH_IDENTITY (true),
// TANDEM_INGEST_CONCURRENCY (Tandem's default).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { benchDatabase, cpuMeter, printTable, tandemCli, tandemServer } from './_support.mjs';

const totalEvents = Number(process.env.BENCH_EVENTS ?? 200_000);
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const visitorCount = Number(process.env.BENCH_VISITORS ?? 20_000);
// BENCH_IDENTITY=false: page views and track calls only, to see what identity calls cost.
const withIdentity = process.env.BENCH_IDENTITY !== 'false';
const batchSize = 100;
const paths = ['/', '/pricing', '/features', '/blog/segments', '/blog/scoring', '/docs', '/customers', '/demo'];
// One page view in ten lands from outside (a search, a post, a typed URL); the rest are
// navigation within the site.
const referrers = ['https://www.google.com/', 'https://www.linkedin.com/', 'https://news.example.org/post', ''];

/**
 * Web traffic as a site produces it: page views (70%), product and marketing events (27%),
 * identify calls (2%) and group calls (1%) from the one visitor in ten who is known (signed
 * up or filled a form), who identifies more than once, as analytics.js does on every page of
 * a signed-in user.
 */
function makeBatches() {
  const visitors = Array.from({ length: visitorCount }, () => randomUUID());
  const start = Date.now() - 3600_000;
  const batches = [];
  for (let b = 0; b < totalEvents / batchSize; b++) {
    const batch = [];
    for (let i = 0; i < batchSize; i++) {
      const n = b * batchSize + i;
      const visitor = visitors[(n * 7919) % visitorCount];
      const timestamp = new Date(start + (n / totalEvents) * 3600_000).toISOString();
      const path = paths[n % paths.length];
      const url = `https://acme.example${path}${n % 50 === 0 ? '?utm_source=newsletter&utm_medium=email&utm_campaign=nov' : ''}`;
      const referrer = n % 10 === 0 ? referrers[(n / 10) % referrers.length] : 'https://acme.example/';
      const context = { page: { path, url, referrer, title: `Acme ${path}` }, userAgent: 'Mozilla/5.0 bench', locale: 'fi-FI' };
      const roll = n % 100;
      const common = { anonymousId: visitor, messageId: randomUUID(), timestamp, context };
      if (roll < 70) batch.push({ type: 'page', ...common, properties: { path, url, title: `Acme ${path}` } });
      else if (roll < 97 || !withIdentity) batch.push({ type: 'track', ...common, event: roll % 2 ? 'Button Clicked' : 'Video Played', properties: { label: `cta-${n % 13}`, value: n % 100 } });
      else {
        const known = Math.floor(((n * 7919) % visitorCount) / 10) * 10;
        const identity = { ...common, anonymousId: visitors[known], userId: `user-${known}` };
        if (roll < 99) batch.push({ type: 'identify', ...identity, traits: { email: `visitor-${known}@bench${known % 300}.example`, firstName: 'Bench', plan: 'trial' } });
        else batch.push({ type: 'group', ...identity, groupId: `org-${known % 500}`, traits: { name: `Org ${known % 500}`, employees: 50 } });
      }
    }
    batches.push(batch);
  }
  return batches;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** `clients` loops, each sending its share of the batches one after the other. */
async function drive(batches, send) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const t0 = performance.now();
      await send(batch);
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { 'events/s': Math.round((batches.length * batchSize) / seconds), 'p50 ms': +percentile(latencies, 0.5).toFixed(1), 'p99 ms': +percentile(latencies, 0.99).toFixed(1), seconds: +seconds.toFixed(1) };
}

/**
 * The load generator stays light so that the machine's CPU goes to what is measured: the
 * bodies are serialised before the clock starts (sentAt is spliced in at send time) and
 * sent over keep-alive connections with node:http.
 */
async function tandemRun(url, writeKey, batches) {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  const bodies = new Map(batches.map((batch) => [batch, `{"batch":${JSON.stringify(batch)},"sentAt":"`]));
  const post = (body) => new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: '/v1/batch', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
  let retried = 0;
  const result = await drive(batches, async (batch) => {
    for (;;) {
      const { status, body } = await post(`${bodies.get(batch)}${new Date().toISOString()}"}`);
      if (status === 200) return;
      // Backpressure is part of the contract: a client waits and retries, as Segment's do.
      if (status === 503 || status === 429) { retried++; await new Promise((r) => setTimeout(r, 200)); continue; }
      throw new Error(`ingest answered ${status}: ${body}`);
    }
  });
  agent.destroy();
  return { ...result, retried };
}

/** The same rows as Tandem stores them, multi-row INSERTed into a plain table with a primary key. */
async function rawRun(databaseUrl, workspaceId, batches) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  await pool.query(`create table raw_events (
    workspace_id uuid not null, id bigint generated always as identity, occurred_at timestamptz not null, received_at timestamptz not null,
    type text not null, name text, message_id text not null, anonymous_id text, user_id text, visitor_key text not null,
    contact_id uuid, session_id uuid, channel text not null, touch_owner text not null, page_path text, payload jsonb not null,
    primary key (workspace_id, id)) with (autovacuum_enabled = false)`); // its vacuum would run during the Tandem phase
  const result = await drive(batches, async (batch) => {
    const values = [];
    const params = [];
    for (const event of batch) {
      const base = params.length;
      params.push(workspaceId, event.timestamp, new Date(), event.type, event.event ?? null, event.messageId, event.anonymousId, event.anonymousId, 'direct', 'brand', event.context.page.path, JSON.stringify(event));
      values.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8}, $${base + 9}, $${base + 10}, $${base + 11}, $${base + 12})`);
    }
    await pool.query(`insert into raw_events (workspace_id, occurred_at, received_at, type, name, message_id, anonymous_id, visitor_key, channel, touch_owner, page_path, payload) values ${values.join(', ')}`, params);
  });
  await pool.end();
  return result;
}

export default async function run() {
  const database = await benchDatabase('ingest');
  const env = { DATABASE_URL: database.url, TANDEM_DB_POOL_SIZE: '12', ...(process.env.TANDEM_INGEST_CONCURRENCY ? { TANDEM_INGEST_CONCURRENCY: process.env.TANDEM_INGEST_CONCURRENCY } : {}) };
  let server;
  try {
    await tandemCli(['migrate'], env);
    const { writeKey, workspaceId } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));
    const port = Number(process.env.BENCH_PORT ?? 3993);
    server = await tandemServer('api', env, port);
    const url = `http://127.0.0.1:${port}`;

    console.log(`generating ${totalEvents} events for ${visitorCount} visitors…`);
    const batches = makeBatches();
    const warmup = makeBatches().slice(0, 100);
    await tandemRun(url, writeKey, warmup);

    // CPU per event, by process: on a shared 2-core machine the steadier figure.
    const perEvent = (cpu) => Object.fromEntries(Object.entries(cpu).map(([name, seconds]) => [`${name} µs/ev`, Math.round((seconds * 1e6) / totalEvents)]));
    let meter = cpuMeter({ client: process.pid });
    const raw = { ...await rawRun(database.url, workspaceId, batches) };
    Object.assign(raw, perEvent(meter()));
    meter = cpuMeter({ api: server.pid, client: process.pid });
    const tandem = await tandemRun(url, writeKey, batches);
    Object.assign(tandem, perEvent(meter()));

    const counts = new pg.Client({ connectionString: database.url });
    await counts.connect();
    const { rows: [stored] } = await counts.query(`select (select count(*) from events where workspace_id = $1) as events,
      (select count(*) from contacts where workspace_id = $1) as contacts, (select count(*) from web_sessions where workspace_id = $1) as visits,
      (select count(*) from events where workspace_id = $1 and contact_id is not null) as attributed`, [workspaceId]);
    await counts.end();

    printTable(`bench/ingest — ${totalEvents} events in batches of ${batchSize}, ${clients} concurrent clients, loopback, 1 API process`, [
      { name: 'raw multi-row INSERT, same rows, same Postgres', ...raw },
      { name: 'Tandem POST /v1/batch (identity, visits, touchpoints)', ...tandem, 'vs raw': `${((tandem['events/s'] / raw['events/s']) * 100).toFixed(0)}%` },
    ]);
    console.log(`stored: ${stored.events} events (incl. ${warmup.length * batchSize} warm-up), ${stored.contacts} contacts, ${stored.visits} visits, ${stored.attributed} events attributed to a contact`);
  } finally {
    await server?.stop();
    await database.close();
  }
}
