// Builds what `npm start`, the e2e tests and the benchmarks run, skipping what is up to date:
// the server through tsc's incremental build, the web app only when a source is newer than
// its last build. Keeps `npm start` fast after the first run.
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

run(['run', 'build', '-w', 'server', '--silent']);

const webIndex = path.join(root, 'web', 'dist', 'index.html');
const webSources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public']
  .map((name) => path.join(root, 'web', name))
  .filter(existsSync);
if (!existsSync(webIndex) || Math.max(...webSources.map(newestMtime)) > statSync(webIndex).mtimeMs) {
  run(['run', 'build', '-w', 'web', '--silent']);
}
