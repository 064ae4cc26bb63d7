// bench/journeys: the journey engine at scale.
//  1. throughput: BENCH_CONTACTS contacts (default 100,000) through trigger → wait 1 day →
//     branch (country is FI) → update field → exit, on a virtual clock, by BENCH_RUNNERS
//     runners (2) sharing the work with SKIP LOCKED; steps/s beside one set-based UPDATE of
//     the same field on the same contacts (target: at least 10,000 steps/s);
//  2. timer lateness: a real `tandem worker` process and the real clock; BENCH_TIMERS
//     contacts (2,000) enrolled over 10 s into a journey that waits 5 s; how late each wait
//     ended (target: p99 under 1 s).
import path from 'node:path';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { benchDatabase, printTable, root, tandemCli } from './_support.mjs';

const contactCount = Number(process.env.BENCH_CONTACTS ?? 100_000);
const runners = Number(process.env.BENCH_RUNNERS ?? 2);
const batch = Number(process.env.BENCH_BATCH ?? 1000);
const timerCount = Number(process.env.BENCH_TIMERS ?? 2000);
const day = 86_400_000;
const dist = (file) => import(path.join(root, 'server/dist', file));

const node = (id, type, config = {}) => ({ id, type, ...config });
const edge = (from, to, handle = 'next') => ({ id: `${from}-${handle}`, from, handle, to });

async function timed(run) {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

async function seed(client, workspaceId) {
  for (const trigger of ['contacts_inserted_feed', 'contacts_lifecycle_inserted']) await client.query(`alter table contacts disable trigger ${trigger}`);
  await client.query(`
    insert into contacts (workspace_id, email, first_name, country, created_at, updated_at)
    select $1, 'person' || i || '@bench.example', 'Person ' || i, (array['FI','SE','NO','DK','DE'])[1 + i % 5], now(), now()
      from generate_series(1, $2::int) as i`, [workspaceId, contactCount]);
  for (const trigger of ['contacts_inserted_feed', 'contacts_lifecycle_inserted']) await client.query(`alter table contacts enable trigger ${trigger}`);
  await client.query('analyze contacts');
}

async function launched(db, clock, workspaceId, name, graph) {
  const { createJourney, launchJourney, loadVersion } = await dist('modules/journeys/journeys.js');
  const actor = { type: 'cli', label: 'bench' };
  const journey = await createJourney(db, clock, workspaceId, actor, { name, graph });
  const version = await db.transaction().execute((trx) => launchJourney(trx, clock, workspaceId, actor, journey.id));
  return loadVersion(db, workspaceId, journey.id, version);
}

export default async function run() {
  const database = await benchDatabase('journeys');
  const env = { DATABASE_URL: database.url };
  const client = new pg.Client({ connectionString: database.url });
  let worker;
  let db;
  try {
    await tandemCli(['migrate'], env);
    const { workspaceId } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));
    await client.connect();
    const { createDb, createPool } = await dist('platform/db/database.js');
    const pool = createPool(database.url, 2 * runners + 2);
    pool.on('error', () => {});
    db = createDb(pool);
    console.log(`seeding ${contactCount} contacts…`);
    await seed(client, workspaceId);
    const { manualClock, systemClock } = await dist('platform/clock.js');
    const { loadConfig } = await dist('platform/config.js');
    const { createLogger } = await dist('platform/logger.js');
    const { enrol } = await dist('modules/journeys/enrol.js');
    const { runUntilIdle } = await dist('modules/journeys/engine.js');

    // 1. Throughput on a virtual clock.
    const clock = manualClock(new Date());
    const ctx = { db, clock, config: loadConfig({}), logger: createLogger('warn') };
    const journey = await launched(db, clock, workspaceId, 'Throughput', {
      nodes: [
        node('start', 'trigger', { trigger: { kind: 'manual' } }), node('wait', 'wait', { duration: { amount: 1, unit: 'days' } }),
        node('nordic', 'branch', { condition: { type: 'field', field: 'country', operator: 'equals', value: 'FI' } }),
        node('yes', 'update_field', { field: 'city', value: 'Helsinki' }), node('no', 'update_field', { field: 'city', value: 'Elsewhere' }), node('done', 'exit'),
      ],
      edges: [edge('start', 'wait'), edge('wait', 'nordic'), edge('nordic', 'yes', 'yes'), edge('nordic', 'no', 'no'), edge('yes', 'done'), edge('no', 'done')],
    });
    const ids = (await client.query('select id from contacts where workspace_id = $1', [workspaceId])).rows.map((row) => row.id);

    const baseline = await timed(() => client.query(`update contacts set city = case when country = 'FI' then 'Helsinki' else 'Elsewhere' end, updated_at = now()
      where workspace_id = $1 and id = any($2::uuid[])`, [workspaceId, ids]));
    await client.query('update contacts set city = null where workspace_id = $1', [workspaceId]);
    await client.query('delete from jobs');
    await client.query('vacuum analyze contacts');

    const enrolled = await timed(async () => {
      for (let i = 0; i < ids.length; i += 10_000) await enrol(db, clock, workspaceId, journey, ids.slice(i, i + 10_000));
    });
    const together = () => Promise.all(Array.from({ length: runners }, () => runUntilIdle(ctx, { limit: batch, budgetMs: 3_600_000 })));
    const entering = await timed(together);
    clock.advance(day + 1000);
    const resuming = await timed(together);
    const { rows: [counted] } = await client.query(`
      select (select count(*) from journey_steps where workspace_id = $1) as steps,
             (select count(*) from journey_enrolments where workspace_id = $1 and status = 'exited') as exited,
             (select count(*) from contacts where workspace_id = $1 and city = case when country = 'FI' then 'Helsinki' else 'Elsewhere' end) as updated`, [workspaceId]);
    const steps = Number(counted.steps);
    const engineMs = entering.ms + resuming.ms;
    printTable(`bench/journeys — ${contactCount} contacts: trigger → wait 1 day (virtual clock) → branch → update field → exit, ${runners} runners, batches of ${batch}`, [
      { name: 'set-based UPDATE of the same field (baseline)', ms: Math.round(baseline.ms), rows: baseline.result.rowCount, 'rows/s': Math.round(baseline.result.rowCount / (baseline.ms / 1000)) },
      { name: 'enrol (10,000 per call)', ms: Math.round(enrolled.ms), rows: ids.length, 'rows/s': Math.round(ids.length / (enrolled.ms / 1000)) },
      { name: 'engine: trigger → wait (day 0)', ms: Math.round(entering.ms), steps: steps - 4 * ids.length, 'steps/s': Math.round((steps - 4 * ids.length) / (entering.ms / 1000)) },
      { name: 'engine: wait ends → branch → update → exit (day 1)', ms: Math.round(resuming.ms), steps: 4 * ids.length, 'steps/s': Math.round((4 * ids.length) / (resuming.ms / 1000)) },
      { name: 'engine, all steps', ms: Math.round(engineMs), steps, 'steps/s': Math.round(steps / (engineMs / 1000)), 'field updates/s': Math.round(Number(counted.updated) / (engineMs / 1000)), 'vs baseline': `${(engineMs / baseline.ms).toFixed(1)}x the time` },
    ]);
    console.log(`exited: ${counted.exited} of ${ids.length}; contacts with the field the branch chose: ${counted.updated}`);

    // 2. Timer lateness under the real clock, with a real worker process.
    const timers = await launched(db, systemClock, workspaceId, 'Timers', {
      nodes: [node('start', 'trigger', { trigger: { kind: 'manual' } }), node('wait', 'wait', { duration: { amount: 5 / 60, unit: 'minutes' } }), node('tag', 'tag', { action: 'add', tag: 'timed' })],
      edges: [edge('start', 'wait'), edge('wait', 'tag')],
    });
    worker = spawn(process.execPath, [path.join(root, 'server/dist/cli.js'), 'worker'], { env: { ...process.env, ...env, LOG_LEVEL: 'warn', TANDEM_WORKER_CONCURRENCY: '4' }, stdio: ['ignore', 'ignore', 'inherit'] });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const sample = ids.slice(0, timerCount);
    const perTick = Math.ceil(timerCount / 20);
    for (let i = 0; i < sample.length; i += perTick) {
      await enrol(db, systemClock, workspaceId, timers, sample.slice(i, i + perTick));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows: [left] } = await client.query(`select count(*) as n from journey_enrolments where journey_id = $1 and status = 'active'`, [timers.journeyId]);
      if (Number(left.n) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { rows: [lateness] } = await client.query(`
      with waits as (
        select w.enrolment_id, w.at + interval '5 seconds' as due, r.at as ended
          from journey_steps w join journey_steps r on r.workspace_id = w.workspace_id and r.enrolment_id = w.enrolment_id and r.step = w.step + 1
         where w.journey_id = $1 and w.node_id = 'wait' and w.outcome = 'waiting'
      )
      select count(*) as timers,
             percentile_cont(0.5) within group (order by extract(epoch from (ended - due)) * 1000) as p50,
             percentile_cont(0.99) within group (order by extract(epoch from (ended - due)) * 1000) as p99,
             max(extract(epoch from (ended - due)) * 1000) as max
        from waits`, [timers.journeyId]);
    printTable(`bench/journeys — timer lateness, real clock, one worker process: ${timerCount} contacts waiting 5 s, enrolled over 10 s (target p99 under 1,000 ms)`, [
      { name: 'timers ended', value: Number(lateness.timers) },
      { name: 'p50 ms late', value: Math.round(lateness.p50) },
      { name: 'p99 ms late', value: Math.round(lateness.p99) },
      { name: 'max ms late', value: Math.round(lateness.max) },
    ]);
  } finally {
    if (worker) {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    await db?.destroy();
    await client.end().catch(() => {});
    await database.close();
  }
}
