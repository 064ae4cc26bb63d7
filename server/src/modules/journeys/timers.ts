import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { enqueueAll } from '../../platform/jobs/queue.js';

/** The queue of "run the steps due by now" jobs. */
export const runQueue = 'journeys.run';
export const sweepQueue = 'journeys.sweep';

/**
 * Timers are rows (`due_at`); a job per quarter second that has any makes a worker look at
 * them when they fall due. The key folds a quarter second of timers into one job, so a
 * million contacts waiting a day make at most a few hundred thousand jobs, not a million, and
 * a step is at most 250 ms late for want of a job. (The sweep catches anything else.)
 */
const bucketMs = 250;

export async function scheduleRuns(db: DbOrTx, clock: Clock, times: (Date | null)[]): Promise<void> {
  const now = clock.now().getTime();
  let dueNow = false;
  const buckets = new Set<number>();
  for (const time of times) {
    if (!time) continue;
    if (time.getTime() <= now) dueNow = true;
    else buckets.add(Math.ceil(time.getTime() / bucketMs) * bucketMs);
  }
  // Work due already gets a job of its own (a key could name a job that has just finished);
  // a timer runs at the end of its quarter second.
  await enqueueAll(db, clock, [
    ...(dueNow ? [{ queue: runQueue, maxAttempts: 10 }] : []),
    ...[...buckets].map((bucket) => ({ queue: runQueue, idempotencyKey: `at:${bucket}`, runAt: new Date(bucket), maxAttempts: 10 })),
  ]);
}
