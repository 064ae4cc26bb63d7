import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { type ClaimedJob, claimJobs, completeJob, failJob, jobsChannel, nextRunAt } from './queue.js';

export interface JobContext {
  db: Db;
  clock: Clock;
  logger: Logger;
}

export type JobHandler = (job: ClaimedJob, context: JobContext) => Promise<void>;

/** What a module hands the worker: its queues and how to run each. */
export type JobHandlers = Record<string, JobHandler>;

/** Work a worker makes sure exists on every tick, e.g. periodic maintenance. */
export type Ticker = (context: JobContext) => Promise<void>;

export interface Worker {
  id: string;
  /** Resolves once the loop has stopped and the batch in hand has finished. */
  stop(): Promise<void>;
  /** Runs one claim-and-process round; returns how many jobs it handled (tests use this). */
  drain(): Promise<number>;
}

export interface WorkerOptions {
  db: Db;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  handlers: JobHandlers;
  tickers?: Ticker[];
  concurrency: number;
  pollMs: number;
  lockMs?: number;
  /** false: no background loop, only `drain()` (for tests that step time by hand). */
  loop?: boolean;
}

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const logger = options.logger.child({ worker: id });
  const context: JobContext = { db: options.db, clock: options.clock, logger };
  const queues = Object.keys(options.handlers);
  const lockMs = options.lockMs ?? 5 * 60_000;
  let stopping = false;

  const runJob = async (job: ClaimedJob) => {
    const handler = options.handlers[job.queue];
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler(job, context);
      await completeJob(options.db, options.clock, job, id);
    } catch (error) {
      logger.warn({ err: error, jobId: job.id, queue: job.queue, attempt: job.attempts }, 'job failed');
      await failJob(options.db, options.clock, job, id, error);
    }
  };

  const runTickers = async () => {
    for (const tick of options.tickers ?? []) await tick(context);
  };
  const claim = (limit: number) => claimJobs(options.db, options.clock, { queues, limit, workerId: id, lockMs });

  const drain = async (): Promise<number> => {
    await runTickers();
    const jobs = await claim(options.concurrency * 4);
    // Bounded parallelism within a batch: `concurrency` jobs in flight at a time.
    let next = 0;
    const lanes = Array.from({ length: Math.min(options.concurrency, jobs.length) }, async () => {
      while (next < jobs.length) await runJob(jobs[next++]!);
    });
    await Promise.all(lanes);
    return jobs.length;
  };

  if (options.loop === false) return { id, stop: async () => {}, drain };

  // Idle lanes sleep until the poll interval passes or a notification wakes them; the
  // ticker sleeps a whole interval (stopping wakes everyone).
  const lanesAsleep = new Set<() => void>();
  const tickerAsleep = new Set<() => void>();
  const wake = (sleepers: Set<() => void>) => { for (const wakeOne of [...sleepers]) wakeOne(); };
  const sleep = (sleepers: Set<() => void>, ms = options.pollMs) => new Promise<void>((resolve) => {
    const wakeOne = () => { clearTimeout(timer); sleepers.delete(wakeOne); resolve(); };
    const timer = setTimeout(wakeOne, ms);
    sleepers.add(wakeOne);
  });
  // An idle lane wakes when the next job it could run falls due (a journey's timer), not a whole poll later.
  const untilNextDue = async () => {
    const next = await nextRunAt(options.db, queues);
    return next ? Math.max(5, Math.min(options.pollMs, next.getTime() - options.clock.now().getTime())) : options.pollMs;
  };

  // LISTEN on a dedicated connection so an enqueue wakes the loop at once.
  const listener = await options.pool.connect();
  await listener.query(`listen ${jobsChannel}`);
  // Counted, so a lane that was busy (claiming, or asking when the next job is due) when a
  // notification came does not then sleep through it.
  let notifications = 0;
  listener.on('notification', () => {
    notifications += 1;
    wake(lanesAsleep);
  });
  // A dropped LISTEN connection only costs promptness: the poll still finds the work.
  listener.on('error', (error) => logger.warn({ err: error }, 'job notification connection failed'));

  // Each lane claims its next job as soon as it is free, so one long job (a full segment
  // computation) never holds back the short ones claimed beside it.
  const lane = async () => {
    while (!stopping) {
      const seen = notifications;
      let claimed = 0;
      try {
        const jobs = await claim(1);
        claimed = jobs.length;
        for (const job of jobs) await runJob(job);
      } catch (error) {
        logger.error({ err: error }, 'worker lane failed');
      }
      if (claimed > 0 || stopping) continue;
      const ms = await untilNextDue().catch(() => options.pollMs);
      if (notifications === seen && !stopping) await sleep(lanesAsleep, ms);
    }
  };
  const ticking = (async () => {
    while (!stopping) {
      await runTickers().catch((error) => logger.error({ err: error }, 'worker ticker failed'));
      if (!stopping) await sleep(tickerAsleep);
    }
  })();
  const loop = Promise.all([ticking, ...Array.from({ length: options.concurrency }, lane)]);

  logger.info({ queues }, 'worker started');
  return {
    id,
    drain,
    stop: async () => {
      stopping = true;
      wake(lanesAsleep);
      wake(tickerAsleep);
      await loop;
      await listener.query(`unlisten ${jobsChannel}`).catch(() => {});
      listener.release();
      logger.info('worker stopped');
    },
  };
}
