import type { FastifyInstance } from 'fastify';
import { accountsAuthenticator, ensureDemoWorkspace } from '../modules/accounts/index.js';
import { queueDemoData } from '../modules/demo/index.js';
import { modules } from '../modules/index.js';
import { adjustableClock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/open.js';
import { buildApp } from './http/app.js';
import { type Worker, startWorker } from './jobs/worker.js';
import { createLogger } from './logger.js';

export interface Roles {
  api: boolean;
  worker: boolean;
}

// How long a SIGTERM waits for in-flight requests and jobs before the process exits anyway.
const shutdownGraceMs = 25_000;

/** Runs the API and/or the workers until SIGTERM or SIGINT, then shuts down cleanly. */
export async function run(config: Config, roles: Roles): Promise<void> {
  const logger = createLogger(config.logLevel);
  const startedAt = performance.now();
  const database = await openDatabase(config, logger);
  const ctx: AppContext = { db: database.db, clock: config.testClock ? adjustableClock() : systemClock, config, logger };

  let app: FastifyInstance | undefined;
  let worker: Worker | undefined;
  const servers: { close(): Promise<void> }[] = [];
  try {
    if (roles.api && roles.worker) {
      const demoWorkspaceId = await ensureDemoWorkspace(ctx);
      if (demoWorkspaceId && config.demoData) await queueDemoData(ctx, demoWorkspaceId);
    }
    if (roles.worker) {
      worker = await startWorker({
        db: ctx.db, pool: database.pool, clock: ctx.clock, logger,
        handlers: Object.assign({}, ...modules.map((m) => m.jobs?.(ctx) ?? {})),
        tickers: modules.flatMap((m) => m.tickers ?? []),
        concurrency: config.workerConcurrency,
        pollMs: config.workerPollMs,
        lockMs: config.workerLockMs,
      });
      for (const module of modules) {
        const server = await module.servers?.(ctx);
        if (server) servers.push(server);
      }
    }
    if (roles.api) {
      app = await buildApp({ ctx, modules, authenticator: accountsAuthenticator(ctx) });
      await app.listen({ host: config.host, port: config.port });
    }
  } catch (error) {
    await app?.close();
    for (const server of servers) await server.close();
    await worker?.stop();
    await database.close();
    throw error;
  }
  logger.info({ roles, readyInMs: Math.round(performance.now() - startedAt), url: roles.api ? config.publicUrl : undefined }, 'tandem ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, shutdownGraceMs);
    force.unref();
    // Stop taking requests and finish those in flight, then let workers finish their batch.
    await app?.close();
    for (const server of servers) await server.close();
    await worker?.stop();
    await database.close();
    logger.info('stopped');
    logger.flush?.();
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
