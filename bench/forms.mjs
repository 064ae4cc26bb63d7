// bench/forms: public form submissions end to end — `POST /f/:id` with a new email each time
// (contact made, the anonymous visitor identified, consent recorded, a Form Submitted event
// stored and fanned out, the submission kept) — from BENCH_CONNECTIONS (20) concurrent
// clients for BENCH_SECONDS (10) on one `tandem api` process, beside a bare Fastify handler
// that parses the same JSON post and answers, in the same run.
// (The personalisation half of the benchmark comes with personalisation slots.)
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabase, printTable, startServer, tandemCli, tandemServer } from './_support.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3996);
const barePort = port + 1;

function load(url, formId, label) {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections, duration: seconds,
      requests: [{
        method: 'POST', path: `/f/${formId}`, headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          n += 1;
          const id = `${label}-${process.pid}-${n}`;
          return {
            ...request,
            body: JSON.stringify({
              answers: { email: `${id}@bench.example`, first_name: 'Bench', company: `Company ${n % 500}` }, consents: { consent_0: true }, anonymousId: `anon-${id}`,
              page: { url: 'https://acme.example/demo?utm_source=bench', referrer: 'https://www.google.com/' },
            }),
          };
        },
      }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(name, url, formId, label) {
  await load(url, formId, `${label}-warm`);
  const result = await load(url, formId, label);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { name, 'requests/s': Math.round(result.requests.average), 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99, total: result.requests.total };
}

export default async function run() {
  const database = await benchDatabase('forms');
  const env = { DATABASE_URL: database.url, TANDEM_FORM_RATE_PER_IP: '100000000', TANDEM_DB_POOL_SIZE: '10' };
  const servers = [];
  const client = new pg.Client({ connectionString: database.url });
  try {
    await tandemCli(['migrate'], env);
    const { secretKey, workspaceId } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));
    // Without double opt-in the consent is granted at once (no confirmation email queued).
    await client.connect();
    await client.query(`insert into messaging_settings (workspace_id, double_opt_in, updated_at) values ($1, false, now())`, [workspaceId]);
    servers.push(await tandemServer('api', env, port));
    servers.push(await startServer([fileURLToPath(new URL('./bare-fastify.mjs', import.meta.url)), String(barePort)], {}, `http://127.0.0.1:${barePort}/healthz`));
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/forms`, {
      method: 'POST', headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench demo request', minSeconds: 0, afterSubmit: { kind: 'message', message: 'Thanks' },
        fields: [
          { key: 'email', label: 'Email', type: 'email', mapTo: 'email', required: true },
          { key: 'first_name', label: 'First name', type: 'text', mapTo: 'firstName' },
          { key: 'company', label: 'Company', type: 'text', mapTo: 'company.name' },
        ],
        consents: [{ purpose: 'marketing_email', wording: 'Send me news' }],
      }),
    });
    const form = await created.json();
    if (created.status !== 201) throw new Error(`creating the form: ${JSON.stringify(form)}`);

    const bare = await measure('bare Fastify: JSON post parsed and answered', `http://127.0.0.1:${barePort}`, form.id, 'bare');
    const tandem = await measure('Tandem POST /f/:id (contact, identity, consent, event, submission)', `http://127.0.0.1:${port}`, form.id, 'tandem');
    const { rows: [stored] } = await client.query(`
      select (select count(*) from form_submissions where workspace_id = $1) as submissions,
             (select count(*) from consent_records where workspace_id = $1) as consents,
             (select count(*) from events where workspace_id = $1 and name = 'Form Submitted') as events`, [workspaceId]);
    printTable(`bench/forms — public submissions, ${connections} connections for ${seconds} s, loopback, 1 API process`, [
      bare,
      { ...tandem, 'vs bare': `${((tandem['requests/s'] / bare['requests/s']) * 100).toFixed(1)}%` },
    ]);
    console.log(`stored (warm-up included): ${stored.submissions} submissions, ${stored.consents} consent records, ${stored.events} Form Submitted events`);
  } finally {
    for (const server of servers) await server.stop();
    await client.end().catch(() => {});
    await database.close();
  }
}
