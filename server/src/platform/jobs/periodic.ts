import { enqueue } from './queue.js';
import type { Ticker } from './worker.js';

/**
 * A ticker that keeps one job of `queue` per period: every worker offers it, the
 * idempotency key (queue + period start) lets exactly one through, whichever worker runs.
 */
export function everyPeriod(queue: string, periodMs: number): Ticker {
  let lastOffered = -1;
  return async ({ db, clock }) => {
    const periodStart = Math.floor(clock.now().getTime() / periodMs) * periodMs;
    if (periodStart === lastOffered) return;
    await enqueue(db, clock, { queue, idempotencyKey: new Date(periodStart).toISOString(), runAt: new Date(periodStart), maxAttempts: 3 });
    lastOffered = periodStart;
  };
}
