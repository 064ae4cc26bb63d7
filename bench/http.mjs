// bench/http: an authenticated API GET (secret key → workspace lookup → JSON) beside a bare
// Fastify handler returning JSON of the same shape, both loaded by autocannon over loopback
// in the same run, so the ratio holds on a noisy machine.
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import { benchDatabase, printTable, startServer, tandemCli, tandemServer } from './_support.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

function load(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(name, url, headers) {
  await load(url, headers); // warm-up: JIT, connection pools
  const result = await load(url, headers);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { name, 'requests/s': Math.round(result.requests.average), 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99 };
}

export default async function run() {
  const database = await benchDatabase('http');
  const env = { DATABASE_URL: database.url };
  const servers = [];
  try {
    await tandemCli(['migrate'], env);
    const { secretKey, workspaceId } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));

    const bareScript = fileURLToPath(new URL('./bare-fastify.mjs', import.meta.url));
    const baseline = async (name, mode, port, extraEnv) => {
      const bare = await startServer([bareScript, String(port), mode], extraEnv, `http://127.0.0.1:${port}/healthz`);
      servers.push(bare);
      const row = await measure(name, `http://127.0.0.1:${port}/api/v1/workspace`, {});
      await bare.stop();
      servers.pop();
      return row;
    };
    const bareRow = await baseline('bare Fastify handler, no database', 'plain', 3990, {});
    const keyHash = createHash('sha256').update(secretKey).digest('hex');
    const pgRow = await baseline('bare Fastify + the same 2 lookups in raw pg', 'pg', 3992,
      { ...env, BENCH_WORKSPACE_ID: workspaceId, BENCH_KEY_HASH: keyHash });

    const tandemPort = 3991;
    const tandem = await tandemServer('api', env, tandemPort);
    servers.push(tandem);
    const api = await measure('Tandem GET /api/v1/workspace (Bearer key)', `http://127.0.0.1:${tandemPort}/api/v1/workspace`, { authorization: `Bearer ${secretKey}` });

    const ratio = (row, base) => `${(row['requests/s'] / base['requests/s']).toFixed(2)}x`;
    printTable(`bench/http — ${connections} connections, ${seconds} s each, loopback, 1 server process each (LOG_LEVEL=warn)`, [
      bareRow,
      { ...pgRow, 'vs no-db': ratio(pgRow, bareRow) },
      { ...api, 'vs no-db': ratio(api, bareRow), 'vs raw pg': ratio(api, pgRow) },
    ]);
  } finally {
    for (const server of servers) await server.stop();
    await database.close();
  }
}
