import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/harness.js';
import { checkFailureLimit, consumeRateLimit, recordFailure } from './rate-limit.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database.close());

const rule = { limit: 8, windowSeconds: 900 };

describe('rate limits', () => {
  it('counts failures over a sliding window: a window boundary gives no fresh allowance', async () => {
    const { db, clock } = database.ctx;
    clock.set(new Date('2026-05-01T10:14:00Z')); // one minute before a window ends
    for (let i = 0; i < 8; i++) await recordFailure(db, clock, 'acct', rule);
    const refused = await checkFailureLimit(db, clock, 'acct', rule);
    expect(refused.allowed).toBe(false);

    // Just past the boundary the 8 still weigh 7.7: one more guess, not eight.
    clock.set(new Date('2026-05-01T10:15:30Z'));
    expect((await checkFailureLimit(db, clock, 'acct', rule)).allowed).toBe(true);
    await recordFailure(db, clock, 'acct', rule);
    const again = await checkFailureLimit(db, clock, 'acct', rule);
    expect(again.allowed).toBe(false);
    expect(again.retryAfterSeconds).toBeGreaterThan(60);
  });

  it('says when to retry: after the previous failures have faded enough', async () => {
    const { db, clock } = database.ctx;
    clock.set(new Date('2026-05-02T10:00:00Z'));
    for (let i = 0; i < 8; i++) await recordFailure(db, clock, 'fade', rule);
    clock.set(new Date('2026-05-02T10:15:00Z'));
    await recordFailure(db, clock, 'fade', rule); // 1 now + 8 fading: allowed again once 8·(1−f) < 7
    const verdict = await checkFailureLimit(db, clock, 'fade', rule);
    expect(verdict.allowed).toBe(false);
    clock.advance(verdict.retryAfterSeconds * 1000);
    expect((await checkFailureLimit(db, clock, 'fade', rule)).allowed).toBe(true);
    clock.advance(-2000);
    expect((await checkFailureLimit(db, clock, 'fade', rule)).allowed).toBe(false);
  });

  it('counts every hit of a fixed-window limit for public endpoints', async () => {
    const { db, clock } = database.ctx;
    clock.set(new Date('2026-05-03T10:00:00Z'));
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await consumeRateLimit(db, clock, 'public', { limit: 3, windowSeconds: 60 })).allowed);
    expect(verdicts).toEqual([true, true, true, false]);
  });
});
