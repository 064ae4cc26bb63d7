import { expect } from 'vitest';
import { startWorker } from '../platform/jobs/worker.js';
import { modules } from '../modules/index.js';
import type { ApiTestBed } from './harness.js';

/** Runs every due job (change feed, event fan-out, computations) until none is left; fails if one failed. */
export async function settle(bed: ApiTestBed): Promise<void> {
  const { ctx } = bed.database;
  const handlers = Object.assign({}, ...modules.map((module) => module.jobs?.(ctx) ?? {}));
  const tickers = modules.flatMap((module) => module.tickers ?? []);
  const worker = await startWorker({ db: ctx.db, pool: bed.database.pool, clock: ctx.clock, logger: ctx.logger, handlers, tickers, concurrency: 1, pollMs: 60_000, loop: false });
  while (await worker.drain());
  // A job that failed is a bug in the test's path: say which, rather than let an assertion guess.
  const failed = await ctx.db.selectFrom('jobs').select(['queue', 'last_error']).where('last_error', 'is not', null).execute();
  if (failed.length) throw new Error(`jobs failed: ${failed.map((job) => `${job.queue}: ${job.last_error}`).join('; ')}`);
}

export interface TrackedEvent {
  type: 'page' | 'track';
  name: string;
  at?: Date;
  properties?: Record<string, unknown>;
}

/** Sends events through the collection API as the website would, for a known user. */
export async function track(bed: ApiTestBed, userId: string, email: string, events: TrackedEvent[]): Promise<void> {
  const now = bed.database.ctx.clock.now();
  const batch = [
    { type: 'identify', userId, traits: { email }, timestamp: now.toISOString() },
    ...events.map((event) => ({
      type: event.type, userId, timestamp: (event.at ?? now).toISOString(),
      ...(event.type === 'page'
        ? { properties: { path: event.name, url: `https://acme.example${event.name}` }, context: { page: { path: event.name, url: `https://acme.example${event.name}` } } }
        : { event: event.name, properties: event.properties ?? {} }),
    })),
  ];
  const response = await fetch(`${bed.server.url}/v1/batch`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: bed.workspace.writeKey, batch }),
  });
  expect(response.status).toBe(200);
}
