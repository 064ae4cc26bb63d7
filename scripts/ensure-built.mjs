// Builds what `npm start`, the e2e tests and the benchmarks run, skipping what is up to date:
// the server through tsc's incremental build, the web app and the tracker only when a source
// is newer than their last build. Keeps `npm start` fast after the first run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(args) {
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestMtime(target) {
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** Rebuilds a workspace when any of its sources is newer than its build output. */
function buildIfStale(workspace, output, sources) {
  const paths = sources.map((name) => path.join(root, workspace, name)).filter(existsSync);
  const built = path.join(root, workspace, output);
  if (!existsSync(built) || Math.max(...paths.map(newestMtime)) > statSync(built).mtimeMs) {
    run(['run', 'build', '-w', workspace, '--silent']);
  }
}

run(['run', 'build', '-w', 'server', '--silent']);
buildIfStale('web', 'dist/index.html', ['src', 'index.html', 'vite.config.ts', 'package.json', 'public']);
buildIfStale('tracker', 'dist/t.js', ['src', 'build.mjs', 'package.json']);
