import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from './context.js';
import type { JobHandlers, Ticker } from './jobs/worker.js';

/**
 * A domain module as the runtime sees it: its HTTP routes (mounted under /api/v1), the job
 * queues it works, and the periodic work it keeps scheduled. Modules reach each other only
 * through exported service functions, never through each other's tables.
 */
export interface TandemModule {
  name: string;
  routes?: FastifyPluginAsyncTypebox<{ ctx: AppContext }>;
  /** Routes outside /api/v1 that keep another API's paths (the Segment-compatible /v1/*). */
  rootRoutes?: (ctx: AppContext) => FastifyPluginAsync;
  jobs?: (ctx: AppContext) => JobHandlers;
  tickers?: Ticker[];
  /** Listeners of other protocols a worker process runs (the bounce SMTP listener); null when off. */
  servers?: (ctx: AppContext) => Promise<{ close(): Promise<void> } | null>;
}
