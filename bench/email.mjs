// bench/email: render and send BENCH_MESSAGES (default 50,000) personalised marketing
// messages to a local SMTP sink — Tandem's whole path: consent verdicts, Liquid render,
// tracking links, DKIM signing, the SMTP pool and the ledger — beside raw nodemailer sends of
// identical pre-rendered messages (DKIM-signed like Tandem's, and unsigned) to the same sink,
// over the same number of connections, in the same run. Targets: ≥ 1,000 messages/s and ≥ 50% of the raw rate.
import { createPrivateKey } from 'node:crypto';
import path from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { benchDatabase, printTable, root, startServer, tandemCli } from './_support.mjs';

const messageCount = Number(process.env.BENCH_MESSAGES ?? 50_000);
const connections = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 8);
const port = Number(process.env.BENCH_PORT ?? 3995);
// Extra `tandem worker` processes beside `tandem start`: sending is CPU-bound (MIME, DKIM), one core each.
const extraWorkers = Number(process.env.BENCH_EXTRA_WORKERS ?? 1);

const template = `<mjml><mj-body>
  <mj-section><mj-column><mj-text font-size="20px">Hello {{ contact.firstName | default: "there" }},</mj-text>
  <mj-text>News for {{ company.name | default: "you" }} in {{ contact.city | default: "your city" }}: our spring release is out.</mj-text>
  <mj-button href="https://acme.example/release?c={{ contact.id }}">Read what is new</mj-button>
  <mj-text><a href="https://acme.example/docs">Documentation</a> · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
  </mj-column></mj-section></mj-body></mjml>`;

/** A sink that accepts and counts; every message's bytes are read, as a real server would. */
async function startSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 1000,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => { received++; callback(); });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${server.server.address().port}`, received: () => received, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function rawSends(sinkUrl, message, count) {
  const url = new URL(sinkUrl);
  const transport = nodemailer.createTransport({ pool: true, maxConnections: connections, maxMessages: Infinity, host: url.hostname, port: Number(url.port), secure: false });
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: connections * 2 }, async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail({ ...message, to: `person${i}@example.com` });
    }
  }));
  const ms = performance.now() - started;
  transport.close();
  return ms;
}

export default async function run() {
  const database = await benchDatabase('email');
  const sink = await startSink();
  const env = { DATABASE_URL: database.url, TANDEM_DB_POOL_SIZE: '10', SMTP_URL: sink.url, TANDEM_SMTP_CONNECTIONS: String(connections) };
  const client = new pg.Client({ connectionString: database.url });
  let server;
  const workers = [];
  let db;
  try {
    await tandemCli(['migrate'], env);
    const { workspaceId } = JSON.parse(await tandemCli(['workspace', 'create', 'Bench', '--json'], env));
    await client.connect();
    const { createDb, createPool } = await import(path.join(root, 'server/dist/platform/db/database.js'));
    const pool = createPool(database.url, 4);
    pool.on('error', () => {});
    db = createDb(pool);
    const { systemClock } = await import(path.join(root, 'server/dist/platform/clock.js'));
    const { addDomain } = await import(path.join(root, 'server/dist/modules/messaging/domains.js'));
    const { createTemplate } = await import(path.join(root, 'server/dist/modules/messaging/templates.js'));
    const { queueTemplateToContacts } = await import(path.join(root, 'server/dist/modules/messaging/messages.js'));
    const actor = { type: 'system', label: 'bench' };

    console.log(`seeding ${messageCount} contacts with consent…`);
    for (const trigger of ['contacts_inserted_feed', 'contacts_lifecycle_inserted']) await client.query(`alter table contacts disable trigger ${trigger}`);
    await client.query(`insert into companies (workspace_id, name, domain, created_at, updated_at)
      select $1, 'Company ' || i, 'company' || i || '.example', now(), now() from generate_series(1, 1000) as i`, [workspaceId]);
    await client.query(`
      insert into contacts (workspace_id, email, first_name, city, company_id, created_at, updated_at)
      select $1, 'person' || i || '@example.com', 'Person' || i, (array['Helsinki','Tampere','Oulu','Turku'])[1 + i % 4],
             (select id from companies where workspace_id = $1 and domain = 'company' || (1 + i % 1000) || '.example'), now(), now()
        from generate_series(1, $2::int) as i`, [workspaceId, messageCount]);
    for (const trigger of ['contacts_inserted_feed', 'contacts_lifecycle_inserted']) await client.query(`alter table contacts enable trigger ${trigger}`);
    await client.query(`insert into consent_records (workspace_id, contact_id, purpose, status, lawful_basis, source, wording, actor_type, actor_label, recorded_at)
      select $1, id, 'marketing_email', 'granted', 'consent', 'import', 'bench', 'system', 'bench', now() from contacts where workspace_id = $1`, [workspaceId]);
    await client.query(`insert into consent_state (workspace_id, contact_id, purpose, status, lawful_basis, record_id, updated_at)
      select workspace_id, contact_id, purpose, status, lawful_basis, id, now() from consent_records where workspace_id = $1`, [workspaceId]);
    await client.query('analyze');
    await db.transaction().execute((trx) => addDomain(trx, systemClock, workspaceId, { domain: 'mail.acme.example', fromEmail: 'news@mail.acme.example', fromName: 'Acme' }));
    const created = await createTemplate(db, systemClock, workspaceId, actor, { name: 'Release', kind: 'marketing', subject: 'What is new, {{ contact.firstName }}', mjml: template });
    const contactIds = (await client.query('select id from contacts where workspace_id = $1 order by id', [workspaceId])).rows.map((row) => row.id);

    // Baseline: one message rendered once, sent N times through raw nodemailer.
    const rendered = await (await import(path.join(root, 'server/dist/modules/messaging/compile.js'))).compileTemplate(
      { subject: 'What is new', mjml: template }, new Map(), { contact: new Set(['firstName', 'city', 'id']), company: new Set(['name']), contactCustom: new Set(), companyCustom: new Set() });
    const { render } = await import(path.join(root, 'server/dist/modules/messaging/compile.js'));
    const sample = render(rendered, { contact: { firstName: 'Anna', city: 'Helsinki', id: 'x' }, company: { name: 'Acme' }, unsubscribe_url: 'https://acme.example/u/x' });
    const { rows: [key] } = await client.query('select selector, dkim_private_key from sending_domains where workspace_id = $1', [workspaceId]);
    const dkim = { domainName: 'mail.acme.example', keySelector: key.selector, privateKey: createPrivateKey(key.dkim_private_key) };
    const rawMessage = { from: 'news@mail.acme.example', subject: sample.subject, html: sample.html, text: sample.text };
    const rawMs = await rawSends(sink.url, { ...rawMessage, dkim }, messageCount);
    const rawReceived = sink.received();
    const unsignedMs = await rawSends(sink.url, rawMessage, messageCount);
    const unsignedReceived = sink.received() - rawReceived;

    server = await startServer([path.join(root, 'server/dist/cli.js'), 'start'], { ...env, LOG_LEVEL: 'warn', PORT: String(port), TANDEM_WORKER_CONCURRENCY: '4', TANDEM_DEMO_DATA: 'false' }, `http://127.0.0.1:${port}/healthz`);
    for (let i = 0; i < extraWorkers; i++) {
      workers.push(await startServer([path.join(root, 'server/dist/cli.js'), 'worker'], { ...env, LOG_LEVEL: 'warn', PORT: String(port + 1 + i), TANDEM_WORKER_CONCURRENCY: '4' }, `http://127.0.0.1:${port}/healthz`));
    }
    const started = performance.now();
    await db.transaction().execute((trx) => queueTemplateToContacts(trx, systemClock, workspaceId, created.id, contactIds, {}));
    let sent = 0;
    for (;;) {
      const { rows: [row] } = await client.query(`select count(*) filter (where state not in ('queued', 'sending', 'deferred')) as done, count(*) filter (where state = 'sent') as sent from email_messages where workspace_id = $1`, [workspaceId]);
      sent = Number(row.sent);
      if (Number(row.done) >= messageCount) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const tandemMs = performance.now() - started;
    const rate = (count, ms) => Math.round(count / (ms / 1000));
    printTable(`bench/email — ${messageCount} personalised marketing messages to a local SMTP sink, ${connections} SMTP connections per process, ${1 + extraWorkers} sending processes`, [
      { name: 'raw nodemailer, one pre-rendered message, DKIM-signed', ms: Math.round(rawMs), messages: rawReceived, 'messages/s': rate(rawReceived, rawMs) },
      { name: 'raw nodemailer, the same unsigned', ms: Math.round(unsignedMs), messages: unsignedReceived, 'messages/s': rate(unsignedReceived, unsignedMs) },
      {
        name: 'Tandem: queue, consent, render, track, DKIM, send, ledger', ms: Math.round(tandemMs), messages: sent, 'messages/s': rate(sent, tandemMs),
        'vs raw signed': `${Math.round((rate(sent, tandemMs) / rate(rawReceived, rawMs)) * 100)}%`,
        'vs raw unsigned': `${Math.round((rate(sent, tandemMs) / rate(unsignedReceived, unsignedMs)) * 100)}%`,
      },
    ]);
  } finally {
    await db?.destroy();
    await server?.stop();
    for (const worker of workers) await worker.stop();
    await client.end().catch(() => {});
    await sink.close();
    await database.close();
  }
}
