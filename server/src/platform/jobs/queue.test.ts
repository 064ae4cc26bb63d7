import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/harness.js';
import { claimJobs, completeJob, enqueue } from './queue.js';
import { startWorker } from './worker.js';
import { everyPeriod } from './periodic.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database.close());
beforeEach(async () => {
  await database.ctx.db.deleteFrom('jobs').execute();
});

const jobStates = async () =>
  database.ctx.db.selectFrom('jobs').select(['queue', 'state', 'attempts', 'idempotency_key', 'last_error']).orderBy('id').execute();

describe('job queue', () => {
  it('stores an effect once per idempotency key', async () => {
    const { db, clock } = database.ctx;
    const first = await enqueue(db, clock, { queue: 'email.send', idempotencyKey: 'enrolment-1:node-3:visit-1' });
    const second = await enqueue(db, clock, { queue: 'email.send', idempotencyKey: 'enrolment-1:node-3:visit-1' });
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    expect(await jobStates()).toHaveLength(1);
  });

  it('enqueues inside the caller transaction: a rolled-back change leaves no job (outbox)', async () => {
    const { db, clock } = database.ctx;
    await expect(db.transaction().execute(async (trx) => {
      await enqueue(trx, clock, { queue: 'webhook.deliver', payload: { n: 1 } });
      throw new Error('state change failed');
    })).rejects.toThrow('state change failed');
    await db.transaction().execute((trx) => enqueue(trx, clock, { queue: 'webhook.deliver', payload: { n: 2 } }));
    expect((await db.selectFrom('jobs').select('payload').execute()).map((j) => j.payload)).toEqual([{ n: 2 }]);
  });

  it('never hands one job to two concurrent claimers', async () => {
    const { db, clock } = database.ctx;
    for (let i = 0; i < 60; i++) await enqueue(db, clock, { queue: 'q', payload: { i } });
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, w) => claimJobs(db, clock, { queues: ['q'], limit: 15, workerId: `w${w}`, lockMs: 60_000 })),
    );
    const ids = claims.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(60);
  });

  it('does not run a job before its time', async () => {
    const { db, clock } = database.ctx;
    await enqueue(db, clock, { queue: 'q', runAt: new Date(clock.now().getTime() + 60_000) });
    expect(await claimJobs(db, clock, { queues: ['q'], limit: 10, workerId: 'w', lockMs: 1000 })).toEqual([]);
    clock.advance(60_000);
    expect(await claimJobs(db, clock, { queues: ['q'], limit: 10, workerId: 'w', lockMs: 1000 })).toHaveLength(1);
  });

  it('gives the job of a worker that died back to another worker once its lock expires', async () => {
    const { db, clock } = database.ctx;
    await enqueue(db, clock, { queue: 'q', idempotencyKey: 'k' });
    const [lost] = await claimJobs(db, clock, { queues: ['q'], limit: 1, workerId: 'dead', lockMs: 30_000 });
    expect(await claimJobs(db, clock, { queues: ['q'], limit: 1, workerId: 'alive', lockMs: 30_000 })).toEqual([]);
    clock.advance(30_001);
    const [again] = await claimJobs(db, clock, { queues: ['q'], limit: 1, workerId: 'alive', lockMs: 30_000 });
    expect(again).toMatchObject({ id: lost!.id, attempts: 2, idempotencyKey: 'k' });
    // The dead worker's late completion no longer counts: the job belongs to the new claimer.
    await completeJob(db, clock, lost!, 'dead');
    expect((await jobStates())[0]!.state).toBe('running');
  });
});

describe('worker', () => {
  it('runs handlers, retries failures with backoff and marks a job failed after its last attempt', async () => {
    const { db, clock, logger } = database.ctx;
    const seen: string[] = [];
    const worker = await startWorker({
      db, pool: database.pool, clock, logger, concurrency: 2, pollMs: 50, loop: false,
      handlers: {
        ok: async (job) => { seen.push(`ok:${job.payload.n}`); },
        flaky: async (job) => { if (job.attempts < 2) throw new Error('smtp 421 try later'); seen.push('flaky'); },
        broken: async () => { throw new Error('permanent'); },
      },
    });
    await enqueue(db, clock, { queue: 'ok', payload: { n: 1 } });
    await enqueue(db, clock, { queue: 'flaky' });
    await enqueue(db, clock, { queue: 'broken', maxAttempts: 2 });

    expect(await worker.drain()).toBe(3);
    expect(seen).toEqual(['ok:1']);
    expect(await worker.drain()).toBe(0); // retries wait for their backoff
    clock.advance(2_000);
    expect(await worker.drain()).toBe(2);
    expect(seen).toEqual(['ok:1', 'flaky']);

    expect(await jobStates()).toEqual([
      expect.objectContaining({ queue: 'ok', state: 'done', attempts: 1 }),
      expect.objectContaining({ queue: 'flaky', state: 'done', attempts: 2, last_error: null }),
      expect.objectContaining({ queue: 'broken', state: 'failed', attempts: 2, last_error: 'permanent' }),
    ]);
  });

  it('shares work between workers and wakes on enqueue without waiting for the poll', async () => {
    const { db, clock, logger } = database.ctx;
    const ranBy = new Map<number, string[]>();
    const handler = (name: string) => async (job: { payload: Record<string, unknown> }) => {
      const n = job.payload.n as number;
      ranBy.set(n, [...(ranBy.get(n) ?? []), name]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    // A long poll interval: only LISTEN/NOTIFY can make this finish in time.
    const workers = await Promise.all(['one', 'two'].map((name) =>
      startWorker({ db, pool: database.pool, clock, logger, concurrency: 4, pollMs: 60_000, handlers: { work: handler(name) } })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let n = 0; n < 40; n++) await enqueue(db, clock, { queue: 'work', payload: { n } });

    const deadline = Date.now() + 10_000;
    while (ranBy.size < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(workers.map((w) => w.stop()));

    expect(ranBy.size).toBe(40);
    expect([...ranBy.values()].every((names) => names.length === 1)).toBe(true);
    const done = await db.selectFrom('jobs').select('state').where('state', '!=', 'done').execute();
    expect(done).toEqual([]);
  });

  it('keeps exactly one periodic job per period however many workers offer it', async () => {
    const { db, clock, logger } = database.ctx;
    clock.set(new Date('2026-03-01T10:15:00Z'));
    const ran: string[] = [];
    // Each worker has its own ticker, as separate processes would.
    const workers = await Promise.all([1, 2, 3].map(() => startWorker({
      db, pool: database.pool, clock, logger, concurrency: 1, pollMs: 50, loop: false, tickers: [everyPeriod('platform.maintenance', 3600_000)],
      handlers: { 'platform.maintenance': async () => { ran.push(clock.now().toISOString()); } },
    })));
    for (const worker of workers) await worker.drain();
    clock.set(new Date('2026-03-01T10:59:00Z'));
    for (const worker of workers) await worker.drain();
    expect(ran).toHaveLength(1);
    clock.set(new Date('2026-03-01T11:00:00Z'));
    for (const worker of workers) await worker.drain();
    expect(ran).toHaveLength(2);
  });
});
