import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../platform/jobs/worker.js';
import { seedWorkspace, type SeededWorkspace, testDatabase, type TestDatabase } from '../../test/harness.js';
import { freePort, spawnTandem, waitForHealth } from '../../test/processes.js';
import { GroupCommit } from './backpressure.js';
import { visitorBucket } from './visitor-buckets.js';
import { deliverBatch, fanoutQueue, registerEventConsumer, type StoredEvent, unregisterEventConsumer } from './fanout.js';
import { ingestEvents } from './ingest.js';
import { maintainEvents } from './partitions.js';
import { readEvent } from './payload.js';
import { updateTrackingSettings } from './settings.js';

let database: TestDatabase;
let workspace: SeededWorkspace;
const actor = { type: 'system' as const, label: 'test' };

beforeAll(async () => {
  database = await testDatabase();
  workspace = await seedWorkspace(database.ctx, 'Delivery');
});
afterAll(async () => database?.close());

function events(count: number, prefix: string, at = database.ctx.clock.now()) {
  const receivedAt = database.ctx.clock.now();
  return Array.from({ length: count }, (_, index) => readEvent(
    { type: 'track', event: 'Fanned', anonymousId: `${prefix}-visitor`, messageId: `${prefix}-${index}`, timestamp: at.toISOString() },
    { index, receivedAt },
  ));
}

describe('fan-out to the modules that react to events', () => {
  it('gives every consumer every event exactly once, even when a job runs twice', async () => {
    const seen: number[] = [];
    registerEventConsumer({ name: 'test-consumer', handle: async (_trx, _ctx, _workspaceId, batch) => { seen.push(...batch.events.map((e) => e.id)); } });
    try {
      const { ctx } = database;
      await ingestEvents(ctx, { workspaceId: workspace.workspaceId, actor }, events(7, 'fan-a'));
      await ingestEvents(ctx, { workspaceId: workspace.workspaceId, actor }, events(3, 'fan-b'));
      // A retried batch publishes nothing new.
      await ingestEvents(ctx, { workspaceId: workspace.workspaceId, actor }, events(3, 'fan-b'));

      const worker = await startWorker({
        db: ctx.db, pool: database.pool, clock: ctx.clock, logger: ctx.logger, concurrency: 2, pollMs: 60_000, loop: false,
        handlers: { [fanoutQueue]: (job) => deliverBatch(ctx, job) },
      });
      // One job per consumer per stored batch: this test's two, and those of the modules' own consumers.
      const ours = await ctx.db.selectFrom('jobs').select('id').where('queue', '=', fanoutQueue).where(sql<boolean>`payload->>'consumer' = 'test-consumer'`).execute();
      expect(ours).toHaveLength(2);
      await worker.drain();
      expect(seen).toHaveLength(10);
      expect(new Set(seen).size).toBe(10);

      // A worker that died after its commit leaves the job to be run again: it is skipped.
      const jobs = await ctx.db.selectFrom('jobs').select(['id', 'workspace_id', 'queue', 'payload', 'idempotency_key', 'attempts', 'max_attempts'])
        .where('queue', '=', fanoutQueue).execute();
      for (const job of jobs) {
        await deliverBatch(ctx, { id: job.id, workspaceId: job.workspace_id, queue: job.queue, payload: job.payload as Record<string, unknown>, idempotencyKey: job.idempotency_key, attempts: job.attempts, maxAttempts: job.max_attempts });
      }
      expect(seen).toHaveLength(10);
      await worker.stop();
    } finally {
      unregisterEventConsumer('test-consumer');
    }
  });
});

describe('retention', () => {
  it("deletes a workspace's events past its retention, and refuses events older than it", async () => {
    const { ctx } = database;
    const other = await seedWorkspace(ctx, 'Keeps Longer');
    const fortyDaysAgo = new Date(ctx.clock.now().getTime() - 40 * 86_400_000);
    for (const target of [workspace, other]) {
      await updateTrackingSettings(ctx.db, ctx.clock, target.workspaceId, actor, { retentionDays: 90 });
      await ingestEvents(ctx, { workspaceId: target.workspaceId, actor }, events(4, `old-${target.workspaceId}`, fortyDaysAgo));
    }
    const count = async (workspaceId: string) => Number((await ctx.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId).where('occurred_at', '<', new Date(ctx.clock.now().getTime() - 35 * 86_400_000)).executeTakeFirstOrThrow()).n);
    expect(await count(workspace.workspaceId)).toBe(4);

    await updateTrackingSettings(ctx.db, ctx.clock, workspace.workspaceId, actor, { retentionDays: 30 });
    await maintainEvents(ctx.db, ctx.clock, ctx.logger);
    expect(await count(workspace.workspaceId)).toBe(0);
    expect(await count(other.workspaceId)).toBe(4);

    const result = await ingestEvents(ctx, { workspaceId: workspace.workspaceId, actor }, events(1, 'too-old', fortyDaysAgo));
    expect(result.rejected).toEqual([{ index: 0, field: 'timestamp', message: expect.stringMatching(/retention of 30 days/) }]);
  });
});

describe('admission and group commit', () => {
  const source = (workspaceId: string) => ({ workspaceId, actor: { type: 'api_key' as const, id: 'key', label: 'site' } });
  const event = (index: number) => ({ index }) as never;

  it('writes waiting requests of one workspace in one transaction, and hands each its own rejections', async () => {
    const runs: number[] = [];
    let release!: () => void;
    const writer = new GroupCommit(async (_source, events) => {
      runs.push(events.length);
      if (runs.length === 1) await new Promise<void>((resolve) => { release = resolve; });
      // The last event of the shared transaction is refused.
      return { rejected: [{ index: events.length - 1, field: 'timestamp', message: 'too old' }] };
    }, { concurrency: 1, queue: 10, maxEvents: 100 });
    const first = writer.submit({ source: source('w1'), events: [event(0)] });
    const second = writer.submit({ source: source('w1'), events: [event(0), event(1)] });
    const third = writer.submit({ source: source('w1'), events: [event(0), event(1), event(2)] });
    const other = writer.submit({ source: source('w2'), events: [event(0)] });
    release();
    expect(await first).toEqual([{ index: 0, field: 'timestamp', message: 'too old' }]);
    expect(await second).toEqual([]);
    expect(await third).toEqual([{ index: 2, field: 'timestamp', message: 'too old' }]);
    expect(await other).toHaveLength(1);
    // The first alone, then the two waiting requests of w1 together, then w2's.
    expect(runs).toEqual([1, 5, 1]);
  });

  it('writes the visitor lanes of a request side by side, keeps each visitor in one lane, and answers after both commits', async () => {
    const keyInLane = (lane: number) => Array.from({ length: 50 }, (_, i) => `visitor-${i}`).find((key) => visitorBucket(key) % 2 === lane)!;
    const [a, b] = [keyInLane(0), keyInLane(1)];
    const runs: string[][] = [];
    const releases: (() => void)[] = [];
    const writer = new GroupCommit(async (_source, events) => {
      runs.push(events.map((e) => e.visitorKey));
      await new Promise<void>((resolve) => releases.push(resolve));
      // Each transaction refuses its last event.
      return { rejected: [{ index: events.length - 1, field: 'timestamp', message: 'too old' }] };
    }, { concurrency: 2, queue: 10, maxEvents: 100 });
    const keys = [a, b, a, b];
    let answered = false;
    const answer = writer.submit({ source: source('w1'), events: keys.map((visitorKey, index) => ({ index, visitorKey }) as never) }).then((rejected) => {
      answered = true;
      return rejected;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs.map((run) => run.join()).sort()).toEqual([`${a},${a}`, `${b},${b}`].sort());
    releases[0]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answered).toBe(false);
    releases[1]!();
    // Indices are the request's own, in order.
    expect((await answer).map((r) => r.index)).toEqual([2, 3]);
  });

  it('lets a bounded number wait and turns the rest away with 503 and Retry-After', async () => {
    let release!: () => void;
    const writer = new GroupCommit(() => new Promise((resolve) => { release = () => resolve({ rejected: [] }); }), { concurrency: 1, queue: 1, maxEvents: 1 });
    const running = writer.submit({ source: source('w1'), events: [event(0)] });
    const waiting = writer.submit({ source: source('w1'), events: [event(0)] });
    await expect(writer.submit({ source: source('w1'), events: [event(0)] })).rejects.toMatchObject({ statusCode: 503, retryAfterSeconds: 1 });
    release();
    await running;
    // The freed slot starts the waiting request on the next turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    expect(await waiting).toEqual([]);
  });
});

describe('durability', () => {
  it('keeps every event it answered 200 for when the process is killed right after', async () => {
    const port = freePort();
    const env = { DATABASE_URL: database.connectionString, PORT: String(port), TANDEM_DEMO_DATA: 'false' };
    const url = `http://127.0.0.1:${port}`;
    const first = spawnTandem(['api'], env);
    await waitForHealth(url, first);
    const acknowledged: string[] = [];
    const send = async (round: number) => {
      const batch = Array.from({ length: 50 }, (_, i) => ({ type: 'track', event: 'Durable', anonymousId: `durable-${round}`, messageId: `durable-${round}-${i}` }));
      try {
        const response = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: workspace.writeKey, batch }) });
        if (response.status === 200) acknowledged.push(...batch.map((e) => e.messageId));
      } catch { /* the process died mid-request: not acknowledged */ }
    };
    // Batches keep coming; the process is killed once some have been acknowledged, with more in flight.
    const inFlight: Promise<void>[] = [];
    let round = 0;
    const pump = setInterval(() => inFlight.push(send(round++), send(round++)), 10);
    const deadline = Date.now() + 15_000;
    while (acknowledged.length < 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    first.process.kill('SIGKILL');
    clearInterval(pump);
    await Promise.all(inFlight);
    await first.exited;

    const stored = new Set((await database.ctx.db.selectFrom('events').select('message_id')
      .where('workspace_id', '=', workspace.workspaceId).where('name', '=', 'Durable').execute()).map((row) => row.message_id));
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});
