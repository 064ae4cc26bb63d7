import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'server', 'dist', 'cli.js');

export interface ServerOptions {
  /** Deleted before the server starts, so every run begins with an empty database. */
  dataDir: string;
  port: number;
  pgPort: number;
}

export interface RunningServer {
  url: string;
  pid: number;
  env: NodeJS.ProcessEnv;
}

export function serverEnv({ dataDir, port, pgPort }: ServerOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TANDEM_DATA_DIR: path.join(dataDir, 'data'),
    PORT: String(port),
    TANDEM_PG_PORT: String(pgPort),
    TANDEM_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    // The suite makes its own records; sample data would only compete for the CPU.
    TANDEM_DEMO_DATA: 'false',
    // Journeys wait days: the suite moves the server's clock forward instead (POST /api/v1/test/clock).
    TANDEM_TEST_CLOCK: 'true',
  };
}

/** Starts `tandem start` on a fresh data folder and waits until /healthz answers 200. */
export async function startServer(options: ServerOptions, timeoutMs = 120_000): Promise<RunningServer> {
  const url = `http://127.0.0.1:${options.port}`;
  if (await healthy(url)) {
    throw new Error(`Something already answers on ${url}; stop it or choose another port (TANDEM_E2E_PORT).`);
  }
  await stopLeftoverPostgres(options.dataDir);
  for (const port of [options.port, options.pgPort]) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} on 127.0.0.1 is taken; choose another (see e2e/env.ts).`);
  }
  await rm(options.dataDir, { recursive: true, force: true });
  await mkdir(options.dataDir, { recursive: true });
  const logPath = path.join(options.dataDir, 'server.log');
  const log = createWriteStream(logPath);
  const env = serverEnv(options);
  const child = spawn(process.execPath, [cli, 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
    log.write(`\n[e2e] the Tandem server (pid ${child.pid}) ${exited} at ${new Date().toISOString()}\n`);
  });
  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(url))) {
    if (exited) throw new Error(`The Tandem server ${exited} before it was healthy; see ${logPath}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The Tandem server did not answer ${url}/healthz within ${timeoutMs / 1000} s; see ${logPath}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, pid: child.pid!, env };
}

/**
 * A run whose server was killed hard leaves its embedded PostgreSQL behind, holding the port
 * and the folder: stop that one (its pid is in the cluster's postmaster.pid) before starting anew.
 */
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pidFile = path.join(serverEnv({ dataDir, port: 0, pgPort: 0 }).TANDEM_DATA_DIR!, 'pg', 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!pid || !alive(pid)) return;
  // Only that cluster's own postmaster: a stale file may name a pid the system gave to another process.
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('postgres') || !command.includes(path.dirname(pidFile))) return;
  process.kill(pid, 'SIGINT'); // PostgreSQL's fast shutdown
  const deadline = Date.now() + 15_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** A port nobody listens on now, chosen by the system. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Runs the tandem CLI against the same data folder and database as a running server. */
export async function tandemCli(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [cli, ...args], { cwd: root, env, timeout: 60_000 });
  return stdout.trim();
}

/** Sends SIGTERM and waits until the process is gone (it stops its embedded Postgres first). */
export async function stopServer(pid: number, timeoutMs = 30_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      throw new Error(`The Tandem server (pid ${pid}) did not exit within ${timeoutMs / 1000} s of SIGTERM`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
