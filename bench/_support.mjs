// Shared pieces of the benchmarks: a database to run against, Tandem processes, a table.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server', 'dist', 'cli.js');

/**
 * A fresh database for one benchmark run: in DATABASE_URL's server when set, else in the
 * embedded PostgreSQL of `.tandem-bench/` (started through the Tandem CLI's own code).
 */
export async function benchDatabase(name) {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const { startEmbeddedPostgres } = await import(path.join(root, 'server/dist/platform/db/embedded.js'));
    const { createLogger } = await import(path.join(root, 'server/dist/platform/logger.js'));
    const dataDir = path.join(root, '.tandem-bench');
    mkdirSync(dataDir, { recursive: true });
    const embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.TANDEM_BENCH_PG_PORT ?? 54395), logger: createLogger('warn') });
    adminUrl = embedded.connectionString('postgres');
    stop = () => embedded.stop();
  }
  const database = `bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    close: async () => {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
      await stop();
    },
  };
}

export async function tandemCli(args, env) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => { stdout += c; });
  child.stderr.on('data', (c) => { stderr += c; });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`tandem ${args.join(' ')} failed: ${stderr}`);
  return stdout;
}

/** Starts a node process running `script args` and waits for `url` to answer. */
export async function startServer(args, env, healthUrl) {
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers a benchmark starts.
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(healthUrl)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    },
  };
}

/** CPU seconds (user + system) used so far by a process, from /proc (Linux). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every PostgreSQL process on the machine (the bench's own server). */
function postgresCpuSeconds() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(entry);
    } catch { /* gone */ }
  }
  return total;
}

/**
 * Where the CPU went during a phase: the given processes and PostgreSQL, in seconds. On a
 * loaded 2-core machine this is steadier than wall time. Linux only; zeros elsewhere.
 */
export function cpuMeter(pids) {
  const read = () => ({ ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)])), postgres: postgresCpuSeconds() });
  const start = read();
  return () => Object.fromEntries(Object.entries(read()).map(([name, seconds]) => [name, seconds - start[name]]));
}

/**
 * A Tandem process as `npm start` and the `tandem` command run it: with a young generation
 * of 32 MB, where the API's garbage collection costs about half of what it does at Node's
 * default (see docs/configuration.md).
 */
export function tandemServer(role, env, port) {
  return startServer(['--max-semi-space-size=32', cli, role], { LOG_LEVEL: 'warn', PORT: String(port), ...env }, `http://127.0.0.1:${port}/healthz`);
}

export function printTable(title, rows) {
  console.log(`\n${title}`);
  console.table(rows);
}

/**
 * A steady load on a started server: every 100 ms one `/v1/batch` request with the batch
 * `nextBatch(sentSoFar)` makes, for `seconds`. Returns the events sent per second achieved.
 */
export async function steadyLoad({ port, writeKey, seconds, nextBatch }) {
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  let sent = 0;
  const tick = async () => {
    const batch = nextBatch(sent);
    sent += batch.length;
    const response = await fetch(`http://127.0.0.1:${port}/v1/batch`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
    if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
  };
  const ticks = [];
  const started = performance.now();
  for (let t = 0; t < seconds * 10; t++) {
    ticks.push(tick());
    const wait = started + (t + 1) * 100 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(ticks);
  return Math.round(sent / ((performance.now() - started) / 1000));
}
