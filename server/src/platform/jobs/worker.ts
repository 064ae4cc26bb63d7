import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { type ClaimedJob, claimJobs, completeJob, failJob, jobsChannel } from './queue.js';

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
  let wake: (() => void) | undefined;

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

  const drain = async (): Promise<number> => {
    for (const tick of options.tickers ?? []) await tick(context);
    const jobs = await claimJobs(options.db, options.clock, { queues, limit: options.concurrency * 4, workerId: id, lockMs });
    // Bounded parallelism within a batch: `concurrency` jobs in flight at a time.
    let next = 0;
    const lanes = Array.from({ length: Math.min(options.concurrency, jobs.length) }, async () => {
      while (next < jobs.length) await runJob(jobs[next++]!);
    });
    await Promise.all(lanes);
    return jobs.length;
  };

  if (options.loop === false) return { id, stop: async () => {}, drain };

  // LISTEN on a dedicated connection so an enqueue wakes the loop at once.
  const listener = await options.pool.connect();
  await listener.query(`listen ${jobsChannel}`);
  listener.on('notification', () => wake?.());
  // A dropped LISTEN connection only costs promptness: the poll still finds the work.
  listener.on('error', (error) => logger.warn({ err: error }, 'job notification connection failed'));

  const loop = (async () => {
    while (!stopping) {
      let handled = 0;
      try {
        handled = await drain();
      } catch (error) {
        logger.error({ err: error }, 'worker round failed');
      }
      if (handled === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs);
          wake = () => { clearTimeout(timer); resolve(); };
        });
        wake = undefined;
      }
    }
  })();

  logger.info({ queues }, 'worker started');
  return {
    id,
    drain,
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
      await listener.query(`unlisten ${jobsChannel}`).catch(() => {});
      listener.release();
      logger.info('worker stopped');
    },
  };
}
