import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';

export interface RateLimit {
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the current window ends (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts one hit in a fixed window kept in Postgres, so the limit holds across every API
 * process (an in-memory counter would multiply the limit by the number of processes).
 */
export async function consumeRateLimit(db: Db, clock: Clock, bucket: string, rule: RateLimit): Promise<RateLimitResult> {
  const { windowStart, retryAfterSeconds } = currentWindow(clock, rule);
  const { rows } = await sql<{ hits: number }>`
    insert into rate_limits (bucket, window_start, hits) values (${bucket}, ${windowStart}, 1)
    on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
    returning hits`.execute(db);
  const hits = rows[0]?.hits ?? 1;
  return { allowed: hits <= rule.limit, retryAfterSeconds };
}

/**
 * For limits on failures only (sign-in): `check` before the attempt refuses once `limit`
 * failures are counted; `recordFailure` counts one. Successes cost nothing, so a busy office
 * behind one address is not locked out by its own colleagues. The count slides: the previous
 * window's failures weigh in by the share of it still inside the last `windowSeconds`, so a
 * window boundary does not hand out a fresh allowance.
 */
export async function checkFailureLimit(db: Db, clock: Clock, bucket: string, rule: RateLimit): Promise<RateLimitResult> {
  const { windowStart } = currentWindow(clock, rule);
  const windowMs = rule.windowSeconds * 1000;
  const previousStart = new Date(windowStart.getTime() - windowMs);
  const rows = await db.selectFrom('rate_limits').select(['window_start', 'hits'])
    .where('bucket', '=', bucket).where('window_start', 'in', [windowStart, previousStart]).execute();
  const hitsIn = (start: Date) => rows.find((r) => r.window_start.getTime() === start.getTime())?.hits ?? 0;
  const elapsed = (clock.now().getTime() - windowStart.getTime()) / windowMs;
  const current = hitsIn(windowStart);
  const previous = hitsIn(previousStart);
  if (current + previous * (1 - elapsed) < rule.limit) return { allowed: true, retryAfterSeconds: 0 };
  // Waiting without new failures: within this window the previous one fades out; past it, this
  // window becomes the previous one and fades out in turn.
  const fadeThisWindow = previous > 0 && current < rule.limit ? 1 - (rule.limit - current) / previous : Infinity;
  const waitFraction = fadeThisWindow < 1 ? fadeThisWindow - elapsed : 1 - elapsed + Math.max(0, 1 - rule.limit / current);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitFraction * rule.windowSeconds)) };
}

export async function recordFailure(db: Db, clock: Clock, bucket: string, rule: RateLimit): Promise<void> {
  await consumeRateLimit(db, clock, bucket, rule);
}

function currentWindow(clock: Clock, rule: RateLimit) {
  const nowMs = clock.now().getTime();
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(nowMs / windowMs) * windowMs);
  return { windowStart, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - nowMs) / 1000)) };
}

export async function purgeRateLimits(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
}
