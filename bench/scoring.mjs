// bench/scoring: lead scoring at scale.
//  1. replay: BENCH_EVENTS events (default 1,000,000, in time order over 30 days) of
//     BENCH_SCORED contacts (100,000) through 20 engagement rules, half of them capped per
//     day — Tandem's event consumer in batches of 1,000 (as the fan-out hands them over) and
//     Tandem's set-based rescore of everyone, beside one hand-written set-based statement;
//  2. decay: the daily decay of BENCH_CONTACTS scored contacts (1,000,000) beside a bare
//     UPDATE of the same rows (target: under 10 s);
//  3. real time: ~1,000 events/s on /v1/batch, of which 100/s lift a contact over the live
//     lead definition's threshold; the latency from the event stored to the lead assigned.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { benchDatabase, printTable, root, startServer, steadyLoad, tandemCli } from './_support.mjs';

const contactCount = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const scoredCount = Number(process.env.BENCH_SCORED ?? 100_000);
const eventCount = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const liveSeconds = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3994);
const day = 86_400_000;
const batchSize = 1000;

const pages = ['/pricing', '/features', '/demo', '/docs', '/customers', '/blog/a', '/blog/b', '/integrations', '/security', '/about'];
const tracks = ['Signed Up', 'Webinar Attended', 'Whitepaper Downloaded', 'Trial Started', 'Invite Sent', 'Report Created', 'Integration Connected', 'Email Clicked', 'Button Clicked', 'Survey Answered'];
const rules = [
  ...pages.map((page, i) => ({ type: 'page', what: page, points: i + 1, cap: i % 2 === 0 ? 3 * (i + 1) : null })),
  ...tracks.map((name, i) => ({ type: 'track', what: name, points: 2 * (i + 1), cap: i % 2 === 0 ? 4 * (i + 1) : null })),
];

async function seed(client, db, workspaceId) {
  const { ensureEventPartitions } = await import(path.join(root, 'server/dist/modules/events/partitions.js'));
  await ensureEventPartitions(db, Array.from({ length: 32 }, (_, i) => new Date(Date.now() - i * day)));
  for (const trigger of ['contacts_inserted_feed', 'contacts_lifecycle_inserted']) await client.query(`alter table contacts disable trigger ${trigger}`);
  await client.query(`
    insert into contacts (workspace_id, email, first_name, country, job_title, lifecycle_stage, created_at, updated_at)
    select $1, 'person' || i || '@company' || (i % 50000) || '.example', 'Person ' || i,
           (array['FI','SE','NO','DK','DE'])[1 + i % 5], (array['Marketing manager','Developer','CTO','Sales manager'])[1 + (i / 10) % 4],
           'lead', now() - interval '60 days', now()
      from generate_series(1, $2::int) as i`, [workspaceId, contactCount]);
  for (const trigger of ['contacts_inserted_feed', 'contacts_lifecycle_inserted']) await client.query(`alter table contacts enable trigger ${trigger}`);
  await client.query(`create temporary table bench_contacts as
    select (row_number() over (order by created_at, id) - 1)::int as n, id from contacts where workspace_id = $1`, [workspaceId]);
  await client.query('create index on bench_contacts (n); analyze bench_contacts');
  // In time order, as ingestion stores them: a batch of consecutive ids spans a few minutes.
  await client.query(`
    insert into events (workspace_id, occurred_at, received_at, type, name, message_id, visitor_key, contact_id, channel, touch_owner, page_path, payload)
    select $1, t.at, t.at, t.type::event_type, case when t.type = 'track' then ($5::text[])[1 + (g.n / 7) % 11] end, 'm' || g.n, 'v' || b.n, b.id, 'direct', 'brand',
           case when t.type = 'page' then ($4::text[])[1 + (g.n / 3) % 11] end, '{"properties":{}}'::jsonb
      from generate_series(1, $2::bigint) as g(n)
      join bench_contacts b on b.n = (hashint8(g.n * 31) & 2147483647) % $3::int,
           lateral (select date_trunc('milliseconds', now() - interval '30 days' + g.n * (interval '30 days' / $2::bigint)) as at,
                           case when g.n % 10 < 6 then 'page' else 'track' end as type) t`,
  [workspaceId, eventCount, scoredCount, [...pages, '/'], [...tracks, 'Other']]);
  await client.query(`insert into scoring_rules (workspace_id, kind, name, condition, points, cap_points, cap_period, created_at, updated_at)
    select $1, 'engagement', r->>'name', r->'condition', (r->>'points')::int, (r->>'cap')::int, case when r->>'cap' is not null then 'day' end, now(), now()
      from jsonb_array_elements($2::jsonb) as r`,
  [workspaceId, JSON.stringify(rules.map((rule) => ({
    name: `${rule.type} ${rule.what}`, points: rule.points, cap: rule.cap,
    condition: rule.type === 'page' ? { type: 'event', event: { kind: 'page', path: rule.what } } : { type: 'event', event: { kind: 'track', name: rule.what } },
  })))]);
  await client.query('analyze contacts; analyze events');
}

/** The same scoring written by hand: one statement for the ledger, one for the totals. */
async function handWritten(client, workspaceId) {
  await client.query('drop table if exists hand_ledger, hand_scores');
  await client.query(`
    create temporary table hand_ledger as
    with r(kind, what, points, cap) as (select * from jsonb_to_recordset($2::jsonb) as x(kind text, what text, points int, cap int)),
    m as (
      select e.contact_id, e.id, e.occurred_at, r.what, r.points, r.cap from events e
        join r on e.type::text = r.kind and coalesce(e.page_path, e.name) = r.what
       where e.workspace_id = $1 and e.contact_id is not null
    ),
    x as (select m.*, sum(points) over (partition by contact_id, what, date_trunc('day', occurred_at, 'UTC') order by occurred_at, id) as run from m)
    select contact_id, id as event_id, what, case when cap is null then points else greatest(0, least(points, cap - (run - points))) end as granted, occurred_at
      from x`, [workspaceId, JSON.stringify(rules.map((rule) => ({ kind: rule.type, what: rule.what, points: rule.points, cap: rule.cap })))]);
  const { rowCount } = await client.query('create temporary table hand_scores as select contact_id, sum(granted) as engagement from hand_ledger where granted > 0 group by contact_id');
  const { rows: [{ count }] } = await client.query('select count(*) from hand_ledger where granted > 0');
  return { ledger: Number(count), contacts: rowCount };
}

async function timed(run) {
  const started = performance.now();
  const result = await run();
  return { ms: Math.round(performance.now() - started), result };
}

export default async function run() {
  const database = await benchDatabase('scoring');
  const env = { DATABASE_URL: database.url, TANDEM_DB_POOL_SIZE: '10' };
  const client = new pg.Client({ connectionString: database.url });
  let server;
  let db;
  try {
    await tandemCli(['migrate'], env);
    const { writeKey, workspaceId } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));
    const rep = JSON.parse(await tandemCli(['user', 'create', '--email', 'rep@bench.test', '--password', 'bench password 1', '--role', 'sales', '--workspace', workspaceId, '--json'], env));
    await client.connect();
    const { createDb, createPool } = await import(path.join(root, 'server/dist/platform/db/database.js'));
    const pool = createPool(database.url, 4);
    pool.on('error', () => {});
    db = createDb(pool);
    console.log(`seeding ${contactCount} contacts and ${eventCount} events of ${scoredCount} of them…`);
    const seedStarted = performance.now();
    await seed(client, db, workspaceId);
    console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);

    const { scoreEvents, rescoreEngagement, decayEngagement } = await import(path.join(root, 'server/dist/modules/scoring/engine.js'));
    const { getSettings } = await import(path.join(root, 'server/dist/modules/scoring/settings.js'));
    const { systemClock } = await import(path.join(root, 'server/dist/platform/clock.js'));
    const settings = await getSettings(db, workspaceId);

    // 1. Replay.
    const hand = await timed(() => handWritten(client, workspaceId));
    const { rows: [{ min_id: minId }] } = await client.query('select min(id) as min_id from events where workspace_id = $1', [workspaceId]);
    const batches = await timed(async () => {
      for (let first = Number(minId); first < Number(minId) + eventCount; first += batchSize) {
        const ids = Array.from({ length: Math.min(batchSize, Number(minId) + eventCount - first) }, (_, i) => first + i);
        const { rows: [range] } = await client.query('select min(occurred_at) as "from", max(occurred_at) as "to" from events where workspace_id = $1 and id between $2 and $3', [workspaceId, first, first + ids.length - 1]);
        await db.transaction().execute((trx) => scoreEvents(trx, systemClock, workspaceId, settings, { kind: 'batch', ids, from: range.from, to: range.to, relinked: [] }));
      }
    });
    const { rows: [{ count: ledgerRows }] } = await client.query(`select count(*) from score_ledger where workspace_id = $1 and kind = 'engagement'`, [workspaceId]);
    const rescore = await timed(() => db.transaction().execute((trx) => rescoreEngagement(trx, systemClock, workspaceId, settings)));
    const { rows: [check] } = await client.query(`
      select (select count(*) from score_ledger where workspace_id = $1 and kind = 'engagement') as ledger,
             (select count(*) from hand_scores h join contact_scores s on s.workspace_id = $1 and s.contact_id = h.contact_id and s.engagement = h.engagement) as agreeing`, [workspaceId]);
    const perSecond = (count, ms) => Math.round(count / (ms / 1000));
    printTable(`bench/scoring — replay of ${eventCount} events through ${rules.length} rules into ${scoredCount} contacts`, [
      { name: 'hand-written set-based SQL', ms: hand.ms, 'score updates': hand.result.ledger, 'updates/s': perSecond(hand.result.ledger, hand.ms) },
      { name: `Tandem consumer, batches of ${batchSize}`, ms: batches.ms, 'score updates': Number(ledgerRows), 'updates/s': perSecond(Number(ledgerRows), batches.ms), 'vs hand': `${(batches.ms / hand.ms).toFixed(2)}x` },
      { name: 'Tandem rescore of everyone (set-based)', ms: rescore.ms, 'score updates': Number(check.ledger), 'updates/s': perSecond(Number(check.ledger), rescore.ms), 'vs hand': `${(rescore.ms / hand.ms).toFixed(2)}x` },
    ]);
    console.log(`contacts whose engagement equals the hand-written total: ${check.agreeing} of ${hand.result.contacts} (no decay has run, so they must all agree)`);

    // 2. Decay of everyone.
    await client.query(`insert into contact_scores (workspace_id, contact_id, engagement, updated_at)
      select $1, id, 10 + (hashint8(n) & 1023) % 90, now() from bench_contacts on conflict (workspace_id, contact_id) do nothing`, [workspaceId]);
    await client.query('vacuum analyze contact_scores');
    const bare = await timed(() => client.query('update contact_scores set engagement = round(engagement * 0.977, 2) where workspace_id = $1 and engagement <> 0', [workspaceId]));
    await client.query('vacuum contact_scores');
    const decay = await timed(() => db.transaction().execute((trx) => decayEngagement(trx, systemClock, workspaceId, settings)));
    printTable(`bench/scoring — daily decay of ${contactCount} scored contacts (target under 10 s)`, [
      { name: 'bare UPDATE of engagement', ms: bare.ms, contacts: bare.result.rowCount },
      { name: 'Tandem decay (grades and tiers with it)', ms: decay.ms, contacts: decay.result, 'vs bare': `${(decay.ms / bare.ms).toFixed(2)}x` },
    ]);

    // 3. Real time: candidates sit just under the threshold; one "Demo Requested" lifts them over it.
    const { rows: [team] } = await client.query(`insert into sales_teams (workspace_id, name, created_at) values ($1, 'Bench team', now()) returning id`, [workspaceId]);
    await client.query(`insert into sales_team_members (workspace_id, team_id, user_id, capacity) values ($1, $2, $3, 1000000)`, [workspaceId, team.id, rep.userId]);
    await client.query(`insert into lead_definitions (workspace_id, version, status, criteria, sla_hours, routing, created_at, live_at)
      values ($1, 1, 'live', '{"fitMin": 0, "engagementMin": 1000, "conditions": null}', 48, $2, now(), now())`,
    [workspaceId, JSON.stringify({ accountOwnerFirst: false, rules: [], fallbackTeamId: team.id })]);
    await client.query(`insert into scoring_rules (workspace_id, kind, name, condition, points, created_at, updated_at)
      values ($1, 'engagement', 'Demo requested', '{"type":"event","event":{"kind":"track","name":"Demo Requested"}}', 100, now(), now())`, [workspaceId]);
    const candidates = (await client.query(`select id from bench_contacts where n >= $1 order by n limit $2`, [scoredCount, liveSeconds * 100 + 100])).rows.map((row) => row.id);
    const browsers = (await client.query('select id from bench_contacts where n < $1 order by n limit 20000', [scoredCount])).rows.map((row) => row.id);
    await client.query(`update contact_scores set engagement = 950 where workspace_id = $1 and contact_id = any($2::uuid[])`, [workspaceId, candidates]);
    await client.query(`insert into contact_identities (workspace_id, kind, value, contact_id, created_at)
      select $1, 'user_id', 'u-' || id, id, now() from unnest($2::uuid[]) as id`, [workspaceId, [...candidates, ...browsers]]);
    // Today's decay has run (above): the server's ticker must not run it again during the measurement.
    await client.query(`insert into jobs (workspace_id, queue, payload, idempotency_key, run_at, state, created_at)
      values (null, 'scoring.decay', '{}', $1, now(), 'done', now())`, [new Date(Math.floor(Date.now() / day) * day).toISOString()]);
    server = await startServer([path.join(root, 'server/dist/cli.js'), 'start'], { ...env, LOG_LEVEL: 'warn', PORT: String(port), TANDEM_WORKER_CONCURRENCY: '4' }, `http://127.0.0.1:${port}/healthz`);
    const liveStart = new Date();
    let nextCandidate = 0;
    const rate = await steadyLoad({ port, writeKey, seconds: liveSeconds, nextBatch: (sent) => Array.from({ length: 100 }, (_, i) => {
      const timestamp = new Date().toISOString();
      if (i < 10 && nextCandidate < candidates.length) {
        return { type: 'track', event: 'Demo Requested', userId: `u-${candidates[nextCandidate++]}`, messageId: randomUUID(), timestamp, properties: {} };
      }
      const path = pages[(sent + i) % pages.length];
      return { type: 'page', userId: `u-${browsers[(sent + i) % browsers.length]}`, messageId: randomUUID(), timestamp, properties: { path }, context: { page: { path } } };
    }) });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const { rows: [latency] } = await client.query(`
      with stored as (
        select e.contact_id, min(e.received_at) as at from events e
         where e.workspace_id = $1 and e.received_at >= $2 and e.name = 'Demo Requested' group by 1
      )
      select count(*) as leads,
             percentile_cont(0.5) within group (order by extract(epoch from (l.assigned_at - s.at)) * 1000) as p50,
             percentile_cont(0.95) within group (order by extract(epoch from (l.assigned_at - s.at)) * 1000) as p95
        from leads l join stored s on s.contact_id = l.contact_id
       where l.workspace_id = $1 and l.assigned_at is not null`, [workspaceId, liveStart]);
    const { rows: queues } = await client.query(`
      select queue, count(*) as jobs, count(*) filter (where state <> 'done') as unfinished,
             round(avg(extract(epoch from (finished_at - greatest(run_at, created_at))) * 1000)) as "avg ms due → done"
        from jobs where created_at >= $1 group by queue order by queue`, [liveStart]);
    console.table(queues);
    printTable(`bench/scoring — real time: ${liveSeconds} s of ~${rate} events/s on /v1/batch (stored → MQL and assigned)`, [
      { name: 'candidates lifted', value: nextCandidate },
      { name: 'leads assigned', value: Number(latency.leads) },
      { name: 'p50 ms', value: Math.round(latency.p50) },
      { name: 'p95 ms', value: Math.round(latency.p95) },
    ]);
  } finally {
    await db?.destroy();
    await server?.stop();
    await client.end().catch(() => {});
    await database.close();
  }
}
