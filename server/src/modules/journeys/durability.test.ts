import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.js';

/**
 * Journeys run by real worker processes (`tandem worker`) on the test database. One is
 * killed with SIGKILL while it is working through the enrolments; another finishes. No
 * step may be lost, no email sent twice, and every webhook step arrives (with its signature).
 */
const bed = useApiTestBed('Durable');
const cli = path.resolve(import.meta.dirname, '../../../dist/cli.js');
const contacts = 400;
let sink: SmtpSink;
let hooks: Server;
let hookUrl: string;
const deliveries: { key: string; signature: string; body: string }[] = [];
const workers: ChildProcess[] = [];

function startWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, [cli, 'worker'], {
    env: {
      ...process.env, DATABASE_URL: bed.database.connectionString, SMTP_URL: sink.url, LOG_LEVEL: 'warn',
      TANDEM_WORKER_CONCURRENCY: '4', TANDEM_WORKER_POLL_MS: '200', TANDEM_WORKER_LOCK_MS: '3000', TANDEM_JOURNEY_BATCH: '25', TANDEM_DB_POOL_SIZE: '6',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  workers.push(child);
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  sink = await startSmtpSink();
  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      deliveries.push({ key: String(request.headers['idempotency-key']), signature: String(request.headers['tandem-signature']), body });
      response.writeHead(deliveries.length % 50 === 7 ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await Promise.all(workers.map((worker) => (worker.exitCode !== null || worker.signalCode !== null ? null : new Promise((resolve) => worker.once('exit', resolve)))));
  await new Promise((resolve) => hooks?.close(resolve));
  await sink?.close();
});

describe('durable execution', () => {
  it('loses no step and sends nothing twice when a worker is killed mid-batch', { timeout: 120_000 }, async () => {
    await bed.api('/api/v1/sending-domains', { body: { domain: 'mail.acme.example', fromEmail: 'hello@mail.acme.example' } });
    const template = await bed.api('/api/v1/email/templates', {
      body: { name: 'Welcome', kind: 'transactional', subject: 'Welcome aboard', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Welcome</mj-text></mj-column></mj-section></mj-body></mjml>' },
    });
    const created = await bed.api('/api/v1/journeys', {
      body: {
        name: 'Welcome series',
        graph: {
          nodes: [
            { id: 'start', type: 'trigger', trigger: { kind: 'manual' } },
            { id: 'mail', type: 'send_email', templateId: template.body.id },
            { id: 'hook', type: 'webhook', url: hookUrl },
            { id: 'tag', type: 'tag', action: 'add', tag: 'welcomed' },
          ],
          edges: [{ id: 'a', from: 'start', handle: 'next', to: 'mail' }, { id: 'b', from: 'mail', handle: 'next', to: 'hook' }, { id: 'c', from: 'hook', handle: 'next', to: 'tag' }],
        },
      },
    });
    const journeyId = created.body.id;
    expect((await bed.api(`/api/v1/journeys/${journeyId}/launch`, { body: {} })).status).toBe(200);
    const { db } = bed.database.ctx;
    const now = new Date();
    const people = await db.insertInto('contacts').values(Array.from({ length: contacts }, (_, i) => ({
      workspace_id: bed.workspace.workspaceId, email: `person${i}@durable.example`, created_at: now, updated_at: now,
    }))).returning('id').execute();

    const first = startWorker('worker-1');
    const enrolled = await bed.api(`/api/v1/journeys/${journeyId}/enrolments`, { body: { contactIds: people.map((person) => person.id) } });
    expect(enrolled.body.enrolled).toHaveLength(contacts);
    // Kill it as soon as it has committed some steps and is working on more.
    await until('the first steps to commit', async () => (await db.selectFrom('journey_enrolments').select('id').where('status', '=', 'completed').limit(1).execute()).length > 0);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const doneAtKill = (await db.selectFrom('journey_enrolments').select(db.fn.countAll<string>().as('n')).where('status', '=', 'completed').executeTakeFirstOrThrow()).n;
    expect(Number(doneAtKill)).toBeLessThan(contacts);

    startWorker('worker-2');
    await until('every enrolment to complete', async () => {
      const row = await db.selectFrom('journey_enrolments').select(db.fn.countAll<string>().as('n')).where('status', '=', 'completed').executeTakeFirstOrThrow();
      return Number(row.n) === contacts;
    });
    // A receiver answering 503 gets the call again (with backoff): wait for every step to be accepted.
    const accepted = () => deliveries.filter((_, index) => (index + 1) % 50 !== 7);
    await until('every webhook step to be accepted', async () => new Set(accepted().map((delivery) => delivery.key)).size === contacts);
    await until('every email to leave the queue', async () => {
      const waiting = await db.selectFrom('email_messages').select('id').where('state', 'in', ['queued', 'deferred']).limit(1).execute();
      return waiting.length === 0;
    });

    // Each contact: one message in the ledger, at most one delivered email, every step traced once.
    const ledger = await db.selectFrom('email_messages').select(['contact_id', 'state']).execute();
    expect(ledger).toHaveLength(contacts);
    expect(new Set(ledger.map((message) => message.contact_id)).size).toBe(contacts);
    const perAddress = new Map<string, number>();
    for (const mail of sink.received) for (const to of mail.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect([...perAddress.values()].every((count) => count === 1)).toBe(true);
    // A message the killed worker had in hand stays `sending` (never sent twice); all others went out.
    expect(ledger.filter((message) => message.state !== 'sent').every((message) => message.state === 'sending')).toBe(true);
    expect(sink.received.length).toBeGreaterThanOrEqual(ledger.filter((message) => message.state === 'sent').length);
    const steps = await db.selectFrom('journey_steps').select(['enrolment_id', 'node_id']).execute();
    expect(steps).toHaveLength(contacts * 5);
    const tagged = await db.selectFrom('contacts').select('id').where('workspace_id', '=', bed.workspace.workspaceId).where(sql<boolean>`'welcomed' = any(tags)`).execute();
    expect(tagged).toHaveLength(contacts);

    // Webhooks: each step's key once (a 503 is retried; only a call in flight when the worker
    // died can arrive again, with the same key, so receivers drop it), each signed.
    expect(new Set(accepted().map((delivery) => delivery.key)).size).toBe(contacts);
    expect(accepted().length - contacts).toBeLessThanOrEqual(4);
    const secret = (await bed.api('/api/v1/journeys/webhook-secret')).body.secret;
    for (const delivery of deliveries.slice(0, 20)) {
      const [t, v1] = delivery.signature.split(',').map((part) => part.split('=')[1]);
      expect(createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex')).toBe(v1);
      expect(JSON.parse(delivery.body)).toMatchObject({ type: 'journey.webhook', journey: { id: journeyId }, nodeId: 'hook' });
    }
  });
});
