import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface RunningTandem {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `tandem <args>` as its own process (the built CLI, as users run it). */
export function spawnTandem(args: string[], env: Record<string, string>): RunningTandem {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

/** Runs a CLI command to completion. */
export async function runTandem(args: string[], env: Record<string, string>) {
  const run = spawnTandem(args, { LOG_LEVEL: 'warn', ...env });
  let stdout = '';
  run.process.stdout!.on('data', (chunk) => { stdout += chunk; });
  const code = await run.exited;
  return { code, stdout, output: run.output() };
}

export async function waitForHealth(url: string, running: RunningTandem, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return performance.now() - started;
    } catch { /* not listening yet */ }
    if (running.process.exitCode !== null) throw new Error(`tandem exited: ${running.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy in ${timeoutMs} ms: ${running.output().slice(-2000)}`);
}

let nextPort = 20_000 + (process.pid % 1000) * 20;
/** Ports unique to this test process (files run in parallel processes). */
export function freePort(): number {
  return nextPort++;
}
