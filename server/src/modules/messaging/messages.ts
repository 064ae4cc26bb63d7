import { createPrivateKey, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { isEmailAddress } from '../../platform/text.js';
import { enqueue, enqueueAll, type JobRequest } from '../../platform/jobs/queue.js';
import { smtpTransport } from '../../platform/mail.js';
import { installationSecret } from '../../platform/security/signed.js';
import { getWorkspace, listMembers } from '../accounts/index.js';
import { contactsWithCompanies, getContact, recordTouchpoints } from '../contacts/index.js';
import { finishBroadcasts } from './broadcasts.js';
import { sendQueue } from './queues.js';
import { cappedContacts, sendableAt, sendLimitsOf } from './send-limits.js';
import { type CompiledTemplate, render } from './compile.js';
import { marketingEmail, marketingVerdict, messagingSettings } from './consent.js';
import { signingDomain } from './domains.js';
import type { BounceClass, ConsentStatus, LawfulBasis, SuppressionReason } from './tables.js';
import { buildMessage } from './mime.js';
import { compiledTemplate, compileOrRefuse, getTemplate, type TemplateKind } from './templates.js';
import { addTracking, tokenFor } from './tracking.js';

/** Messages per send job: one claim, one render pass and one ledger update for all of them. */
const sendBatchSize = 200;
const maxAttempts = 6;

export interface MessageRequest {
  contactId?: string;
  /** Without a contact: the address (transactional only). */
  to?: string;
  templateId?: string;
  /** Raw content instead of a template. */
  content?: { subject: string; mjml: string; kind: TemplateKind };
  /** Merge data the template reads as `data.*`. */
  data?: Record<string, unknown>;
  broadcastId?: string;
  idempotencyKey?: string;
}

/**
 * Puts messages in the ledger, `queued`, and hands them to the senders in batches — in the
 * caller's transaction, so a message exists if and only if what caused it committed.
 * Returns the ids (an idempotency key already used returns the earlier message's id).
 */
export async function queueMessages(db: DbOrTx, clock: Clock, workspaceId: string, requests: MessageRequest[], options: { runAt?: Date } = {}): Promise<string[]> {
  if (!requests.length) return [];
  const now = clock.now();
  const templates = new Map<string, Awaited<ReturnType<typeof getTemplate>>>();
  const rows = [];
  for (const [index, request] of requests.entries()) {
    const path = requests.length > 1 ? `messages[${index}].` : '';
    let template = null;
    if (request.templateId) {
      template = templates.get(request.templateId) ?? await getTemplate(db, workspaceId, request.templateId);
      templates.set(template.id, template);
    } else if (request.content) {
      await compileOrRefuse(db, workspaceId, request.content);
    } else {
      throw badRequest('give a templateId or content', `${path}templateId`);
    }
    let to = request.to?.trim().toLowerCase() ?? null;
    if (request.contactId) {
      const contact = await getContact(db, workspaceId, request.contactId);
      to = contact.email;
    }
    if (!to || !isEmailAddress(to)) throw badRequest(request.contactId ? 'the contact has no email address' : 'to must be an email address', `${path}${request.contactId ? 'contactId' : 'to'}`);
    const kind = template?.kind ?? request.content!.kind;
    if (kind === 'marketing' && !request.contactId) throw badRequest('marketing email goes to a contact (whose consent it needs), not a bare address', `${path}contactId`);
    rows.push({
      workspace_id: workspaceId, contact_id: request.contactId ?? null, to_email: to, template_id: template?.id ?? null, template_version: template?.version ?? null,
      broadcast_id: request.broadcastId ?? null, kind, subject: template?.subject ?? request.content!.subject,
      content: request.content || request.data ? JSON.stringify({ ...(request.content ?? {}), data: request.data ?? {} }) : null,
      state: 'queued' as const, queued_at: now, next_attempt_at: options.runAt ?? now, idempotency_key: request.idempotencyKey ?? null,
    });
  }
  const inserted = await db.insertInto('email_messages').values(rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
    .returning('id').execute();
  const ids = inserted.map((row) => row.id);
  await enqueueAll(db, clock, chunks(ids, sendBatchSize).map((batch) => ({ queue: sendQueue, workspaceId, payload: { ids: batch }, runAt: options.runAt ?? now })));
  const repeated = requests.filter((request) => request.idempotencyKey).map((request) => request.idempotencyKey!);
  if (inserted.length < rows.length && repeated.length) {
    const earlier = await db.selectFrom('email_messages').select('id').where('workspace_id', '=', workspaceId).where('idempotency_key', 'in', repeated).execute();
    return [...new Set([...ids, ...earlier.map((row) => row.id)])];
  }
  return ids;
}

/**
 * A template to many contacts at once (a broadcast, a bulk enrolment): one INSERT … SELECT
 * over the contacts, one send job per batch. Contacts without an address are counted, not
 * queued. Returns how many were queued and how many had no address.
 */
export async function queueTemplateToContacts(
  db: DbOrTx, clock: Clock, workspaceId: string, templateId: string, contactIds: string[], options: { broadcastId?: string; runAt?: Date } = {},
): Promise<{ queued: number; withoutEmail: number }> {
  if (!contactIds.length) return { queued: 0, withoutEmail: 0 };
  const template = await getTemplate(db, workspaceId, templateId);
  const now = clock.now();
  const runAt = options.runAt ?? now;
  const { rows } = await sql<{ id: string }>`
    insert into email_messages (workspace_id, contact_id, to_email, template_id, template_version, broadcast_id, kind, subject, state, queued_at, next_attempt_at, idempotency_key)
    select ${workspaceId}::uuid, c.id, c.email, ${template.id}::uuid, ${template.version}::int, ${options.broadcastId ?? null}::uuid, ${template.kind}, ${template.subject},
           'queued', ${now}::timestamptz, ${runAt}::timestamptz, ${options.broadcastId ? sql`'broadcast:' || ${options.broadcastId}::text || ':' || c.id` : sql`null`}
      from contacts c where c.workspace_id = ${workspaceId} and c.id = any(${contactIds}::uuid[]) and c.email is not null
    on conflict do nothing
    returning id`.execute(db);
  const ids = rows.map((row) => row.id);
  await enqueueAll(db, clock, chunks(ids, sendBatchSize).map((batch) => ({ queue: sendQueue, workspaceId, payload: { ids: batch }, runAt })));
  const { rows: [counted] } = await sql<{ without: string }>`
    select count(*) as without from contacts where workspace_id = ${workspaceId} and id = any(${contactIds}::uuid[]) and email is null`.execute(db);
  return { queued: ids.length, withoutEmail: Number(counted!.without) };
}

/** What became of one automated send: queued (for `at`, later when quiet hours hold it), or skipped and why. */
export type SendVerdict =
  | { contactId: string; queued: true; at: Date; held: boolean }
  | { contactId: string; queued: false; reason: string };

/**
 * A journey's sends of one template: each contact's message carries its own idempotency key
 * (the step that sent it), so a step run again queues nothing twice. Marketing email obeys
 * the workspace's frequency cap (skipped beyond it) and quiet hours (held until they end, in
 * the contact's timezone). With `dryRun` (simulation) nothing is written.
 */
export async function queueJourneyEmails(
  db: DbOrTx, clock: Clock, workspaceId: string, templateId: string, sends: { contactId: string; idempotencyKey: string }[], options: { dryRun?: boolean } = {},
): Promise<SendVerdict[]> {
  if (!sends.length) return [];
  const template = await getTemplate(db, workspaceId, templateId);
  const now = clock.now();
  const contactIds = sends.map((send) => send.contactId);
  const marketing = template.kind === 'marketing';
  const [limits, contacts] = await Promise.all([
    sendLimitsOf(db, workspaceId),
    db.selectFrom('contacts').select(['id', 'email', 'timezone']).where('workspace_id', '=', workspaceId).where('id', 'in', contactIds).execute(),
  ]);
  const capped = marketing ? await cappedContacts(db, now, workspaceId, contactIds, limits) : new Set<string>();
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const verdicts: SendVerdict[] = sends.map(({ contactId }) => {
    const contact = byId.get(contactId);
    if (!contact?.email) return { contactId, queued: false, reason: 'no email address' };
    if (capped.has(contactId)) return { contactId, queued: false, reason: `frequency cap: ${limits.frequencyCap!.count} marketing emails in ${limits.frequencyCap!.days} days` };
    const at = marketing ? sendableAt(now, limits, contact.timezone) : now;
    return { contactId, queued: true, at, held: at > now };
  });
  if (options.dryRun) return verdicts;
  const queued = sends.map((send, index) => ({ ...send, verdict: verdicts[index]! })).filter((send) => send.verdict.queued);
  if (!queued.length) return verdicts;
  const { rows } = await sql<{ id: string; next_attempt_at: Date }>`
    insert into email_messages (workspace_id, contact_id, to_email, template_id, template_version, kind, subject, state, queued_at, next_attempt_at, idempotency_key)
    select ${workspaceId}::uuid, c.id, c.email, ${template.id}::uuid, ${template.version}::int, ${template.kind}, ${template.subject}, 'queued', ${now}::timestamptz, s.run_at, s.key
      from unnest(${queued.map((send) => send.contactId)}::uuid[], ${queued.map((send) => send.idempotencyKey)}::text[], ${queued.map((send) => (send.verdict as { at: Date }).at)}::timestamptz[]) as s(contact_id, key, run_at)
      join contacts c on c.workspace_id = ${workspaceId} and c.id = s.contact_id
    on conflict do nothing
    returning id, next_attempt_at`.execute(db);
  const byTime = new Map<number, string[]>();
  for (const row of rows) byTime.set(row.next_attempt_at.getTime(), [...(byTime.get(row.next_attempt_at.getTime()) ?? []), row.id]);
  await enqueueAll(db, clock, [...byTime].flatMap(([at, ids]) => chunks(ids, sendBatchSize).map((batch) => ({ queue: sendQueue, workspaceId, payload: { ids: batch }, runAt: new Date(at) }))));
  return verdicts;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Claimed = {
  id: string; contact_id: string | null; to_email: string; template_id: string | null; kind: TemplateKind; content: { subject?: string; mjml?: string; data?: Record<string, unknown> } | null;
  attempts: number; broadcast_id: string | null;
};

type Outcome =
  | { id: string; state: 'sent'; response: string; subject: string }
  | { id: string; state: 'deferred'; reason: string; retryAt: Date }
  | { id: string; state: 'failed' | 'skipped'; reason: string }
  | { id: string; state: 'bounced'; reason: string; bounceClass: BounceClass };

/** Retries after 1, 4, 16, 64 minutes, then 4 h. */
function deferDelayMs(attempt: number): number {
  return Math.min(60_000 * 4 ** (attempt - 1), 4 * 3_600_000);
}

/** An SMTP error: 4xx (and connection trouble) is temporary, 5xx permanent; 5.1.x means the address does not exist. */
function classify(error: unknown): { permanent: boolean; bounceClass: BounceClass | null; reason: string } {
  const { responseCode, response, message } = error as { responseCode?: number; response?: string; message?: string };
  const reason = (response ?? message ?? String(error)).slice(0, 500);
  if (!responseCode || responseCode < 500) return { permanent: false, bounceClass: null, reason };
  const hard = /\b5\.1\.[0-9]\b/.test(reason) || responseCode === 550 && /user|mailbox|recipient|address/i.test(reason);
  return { permanent: true, bounceClass: hard ? 'hard' : /\b5\.7\.[0-9]\b/.test(reason) ? 'block' : null, reason };
}

// Parsing a PEM key costs more than signing with it: keys are parsed once per process.
const signingKeys = new Map<string, KeyObject>();
function signingKey(pem: string): KeyObject {
  let key = signingKeys.get(pem);
  if (!key) {
    key = createPrivateKey(pem);
    signingKeys.set(pem, key);
  }
  return key;
}

/** Per recipient domain, at most `rate` sends a second in this process. */
const nextSlot = new Map<string, number>();
async function domainSlot(domain: string, rate: number) {
  if (rate <= 0) return;
  const now = Date.now();
  const slot = Math.max(now, nextSlot.get(domain) ?? 0);
  nextSlot.set(domain, slot + 1000 / rate);
  if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
}

/**
 * A send job: claims its messages (those still due), checks marketing consent, renders each
 * (template compiled once), signs with the domain's DKIM key, sends through the SMTP pool
 * and writes every outcome back in one statement. A 4xx defers with backoff, a 5xx fails
 * (a hard bounce suppresses the address); a skipped message says why.
 */
export async function sendMessages(ctx: AppContext, workspaceId: string, ids: string[]): Promise<void> {
  const { db, clock, config } = ctx;
  const now = clock.now();
  // A claim is a lease as long as a job's lock: should the worker die mid-send, the queue
  // hands the job out again, and its messages, still 'sending', are taken back once the
  // lease is over (they may go twice then, never not at all).
  const leaseEnd = new Date(now.getTime() + config.workerLockMs);
  const { rows: claimed } = await sql<Claimed>`
    update email_messages set state = 'sending', attempts = attempts + 1, next_attempt_at = ${leaseEnd}::timestamptz
     where workspace_id = ${workspaceId} and id = any(${ids}::uuid[]) and state in ('queued', 'deferred', 'sending') and next_attempt_at <= ${now}::timestamptz
    returning id, contact_id, to_email, template_id, kind, content, attempts, broadcast_id`.execute(db);
  if (claimed.length < ids.length) {
    const taken = new Set(claimed.map((message) => message.id));
    await retryWhenLeasesEnd(ctx, workspaceId, ids.filter((id) => !taken.has(id)));
  }
  if (!claimed.length) return;
  const transport = smtpTransport(config);
  const outcomes: Outcome[] = [];
  const sendable: Claimed[] = [];
  const [contexts, verdicts, domain, secret, workspace, owners] = await Promise.all([
    contactsWithCompanies(db, workspaceId, claimed.flatMap((message) => (message.contact_id ? [message.contact_id] : []))),
    marketingVerdicts(db, workspaceId, claimed),
    signingDomain(db, workspaceId),
    installationSecret(db, 'tracking'),
    getWorkspace(db, workspaceId),
    listMembers(db, workspaceId),
  ]);
  for (const message of claimed) {
    // Consent first: a message that may not go is skipped whatever the state of the server.
    const verdict = verdicts.get(message.id);
    if (verdict && !verdict.allowed) outcomes.push({ id: message.id, state: 'skipped', reason: verdict.reason });
    else if (!transport) outcomes.push({ id: message.id, state: 'failed', reason: 'no SMTP server configured (SMTP_URL)' });
    else if (!domain) outcomes.push({ id: message.id, state: 'failed', reason: 'the workspace has no sending domain' });
    else sendable.push(message);
  }

  const compiled = new Map<string, CompiledTemplate>();
  for (const templateId of new Set(sendable.flatMap((message) => (message.template_id ? [message.template_id] : [])))) {
    compiled.set(templateId, await compiledTemplate(db, workspaceId, await getTemplate(db, workspaceId, templateId)));
  }
  const ownerOf = new Map(owners.map((member) => [member.userId, { name: member.name, email: member.email }]));
  const baseUrl = config.publicUrl;

  let next = 0;
  const lane = async () => {
    while (next < sendable.length) {
      const message = sendable[next++]!;
      try {
        const template = message.template_id ? compiled.get(message.template_id)! : await compileOrRefuse(db, workspaceId, message.content as never);
        const merge = contexts.get(message.contact_id ?? '');
        const unsubscribeUrl = `${baseUrl}/u/${tokenFor(secret, { kind: 'unsubscribe', workspaceId, messageId: message.id })}`;
        const rendered = render(template, {
          contact: merge ? { ...merge.contact, name: [merge.contact.firstName, merge.contact.lastName].filter(Boolean).join(' ') } : { email: message.to_email },
          company: merge?.company ?? {}, owner: merge?.contact.ownerId ? ownerOf.get(merge.contact.ownerId) ?? {} : {},
          workspace: { name: workspace.name }, data: message.content?.data ?? {}, unsubscribe_url: unsubscribeUrl, preferences_url: unsubscribeUrl,
        });
        const html = addTracking(rendered.html, { baseUrl, secret, workspaceId, messageId: message.id, keep: [unsubscribeUrl] });
        await domainSlot(message.to_email.split('@')[1]!, config.smtpDomainRate);
        const raw = buildMessage({
          from: { name: domain!.from_name, address: domain!.from_email }, to: message.to_email, subject: rendered.subject, html, text: rendered.text,
          messageId: `<${message.id}@${domain!.domain}>`, date: clock.now(),
          headers: {
            'X-Tandem-Message': message.id,
            // RFC 8058 one-click unsubscribe for marketing email: a POST to the https link.
            ...(message.kind === 'marketing' ? { 'List-Unsubscribe': `<${unsubscribeUrl}>, <mailto:unsubscribe@${domain!.domain}?subject=${message.id}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
          },
        }, { domain: domain!.domain, selector: domain!.selector, key: signingKey(domain!.dkim_private_key) });
        const info = await transport!.sendMail({ envelope: { from: domain!.from_email, to: [message.to_email] }, raw });
        outcomes.push({ id: message.id, state: 'sent', response: String(info.response ?? '').slice(0, 500), subject: rendered.subject });
      } catch (error) {
        const { permanent, bounceClass, reason } = classify(error);
        if (bounceClass) outcomes.push({ id: message.id, state: 'bounced', reason, bounceClass });
        else if (permanent || message.attempts >= maxAttempts) outcomes.push({ id: message.id, state: 'failed', reason });
        else outcomes.push({ id: message.id, state: 'deferred', reason, retryAt: new Date(clock.now().getTime() + deferDelayMs(message.attempts)) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.smtpConnections, sendable.length) }, lane));
  await db.transaction().execute((trx) => recordOutcomes(trx, ctx, workspaceId, claimed, outcomes));
  await finishBroadcasts(db, clock, workspaceId, [...new Set(claimed.flatMap((message) => (message.broadcast_id ? [message.broadcast_id] : [])))]);
}

/**
 * Messages of this job that another run still holds (its worker may have died): the job
 * comes back when their lease is over.
 */
async function retryWhenLeasesEnd(ctx: AppContext, workspaceId: string, ids: string[]): Promise<void> {
  const leased = await ctx.db.selectFrom('email_messages').select(['id', 'next_attempt_at'])
    .where('workspace_id', '=', workspaceId).where('id', 'in', ids).where('state', '=', 'sending').execute();
  if (!leased.length) return;
  const runAt = new Date(Math.max(...leased.map((message) => message.next_attempt_at!.getTime())));
  await enqueue(ctx.db, ctx.clock, { queue: sendQueue, workspaceId, payload: { ids: leased.map((message) => message.id) }, runAt });
}

/** Marketing messages' verdicts (transactional email is exempt), read set-based for the batch. */
async function marketingVerdicts(db: DbOrTx, workspaceId: string, messages: Claimed[]) {
  const marketing = messages.filter((message) => message.kind === 'marketing');
  const verdicts = new Map<string, { allowed: boolean; reason: string }>();
  if (!marketing.length) return verdicts;
  const settings = await messagingSettings(db, workspaceId);
  const { rows } = await sql<{ id: string; status: ConsentStatus | null; lawful_basis: LawfulBasis | null; topic_status: ConsentStatus | null; suppressed: SuppressionReason | null }>`
    select m.id, s.status, s.lawful_basis, ts.status as topic_status, x.reason as suppressed
      from email_messages m
      left join email_templates t on t.workspace_id = m.workspace_id and t.id = m.template_id
      left join consent_state s on s.workspace_id = m.workspace_id and s.contact_id = m.contact_id and s.purpose = ${marketingEmail}
      left join consent_state ts on ts.workspace_id = m.workspace_id and ts.contact_id = m.contact_id and ts.purpose = 'topic:' || t.topic_key
      left join suppressions x on x.workspace_id = m.workspace_id and x.email = m.to_email
     where m.workspace_id = ${workspaceId} and m.id = any(${marketing.map((message) => message.id)}::uuid[])`.execute(db);
  for (const row of rows) {
    const verdict = marketingVerdict(settings.marketingBasis, row.status ? { status: row.status, lawfulBasis: row.lawful_basis! } : null, row.suppressed, 'present');
    verdicts.set(row.id, verdict.allowed && row.topic_status === 'withdrawn' ? { allowed: false, reason: 'unsubscribed from the topic' } : verdict);
  }
  return verdicts;
}

/** Every outcome in one statement; retries queued; sent messages on the timeline; hard bounces suppressed. */
async function recordOutcomes(trx: Tx, ctx: AppContext, workspaceId: string, claimed: Claimed[], outcomes: Outcome[]) {
  const now = ctx.clock.now();
  await sql`
    update email_messages m set
      state = o.state, state_reason = o.reason, smtp_response = o.response, subject = coalesce(o.subject, m.subject),
      sent_at = case when o.state = 'sent' then ${now}::timestamptz else m.sent_at end,
      bounced_at = case when o.state = 'bounced' then ${now}::timestamptz else m.bounced_at end,
      bounce_class = coalesce(o.bounce_class, m.bounce_class), next_attempt_at = o.retry_at
      from unnest(${outcomes.map((o) => o.id)}::uuid[], ${outcomes.map((o) => o.state)}::text[], ${outcomes.map((o) => ('reason' in o ? o.reason : null))}::text[],
                  ${outcomes.map((o) => (o.state === 'sent' ? o.response : null))}::text[], ${outcomes.map((o) => (o.state === 'bounced' ? o.bounceClass : null))}::text[],
                  ${outcomes.map((o) => (o.state === 'deferred' ? o.retryAt : null))}::timestamptz[],
                  ${outcomes.map((o) => (o.state === 'sent' ? o.subject : null))}::text[]) as o(id, state, reason, response, bounce_class, retry_at, subject)
     where m.workspace_id = ${workspaceId} and m.id = o.id`.execute(trx);
  const eventsOf = outcomes.filter((o) => o.state === 'deferred' || o.state === 'bounced');
  if (eventsOf.length) {
    await trx.insertInto('email_message_events').values(eventsOf.map((o) => ({
      workspace_id: workspaceId, message_id: o.id, kind: o.state === 'bounced' ? 'bounce' : 'deferral', detail: 'reason' in o ? o.reason : null, at: now,
    }))).execute();
  }
  const byId = new Map(claimed.map((message) => [message.id, message]));
  const hard = outcomes.filter((o) => o.state === 'bounced' && o.bounceClass === 'hard').map((o) => byId.get(o.id)!.to_email);
  if (hard.length) {
    await sql`insert into suppressions (workspace_id, email, reason, note, created_at)
              select ${workspaceId}::uuid, e, 'hard_bounce', 'the receiving server said the address does not exist', ${now}::timestamptz from unnest(${hard}::text[]) as e
              on conflict do nothing`.execute(trx);
  }
  const retries: JobRequest[] = outcomes.filter((o): o is Extract<Outcome, { state: 'deferred' }> => o.state === 'deferred')
    .map((o) => ({ queue: sendQueue, workspaceId, payload: { ids: [o.id] }, runAt: o.retryAt }));
  await enqueueAll(trx, ctx.clock, retries);
  await recordTouchpoints(trx, ctx.clock, outcomes.filter((o) => byId.get(o.id)!.contact_id && (o.state === 'sent' || o.state === 'bounced' || o.state === 'skipped')).map((o) => ({
    workspaceId, kind: `email.${o.state}`, contactId: byId.get(o.id)!.contact_id!, actor: { type: 'system' as const, label: 'Email' },
    source: { type: 'email_message', id: o.id }, data: { ...('reason' in o ? { reason: o.reason } : {}) },
  })));
}

export async function listMessages(db: DbOrTx, workspaceId: string, filter: { contactId?: string; broadcastId?: string; templateId?: string; state?: string; limit: number }) {
  let query = db.selectFrom('email_messages').select([
    'id', 'contact_id', 'to_email', 'template_id', 'broadcast_id', 'kind', 'subject', 'state', 'state_reason', 'attempts', 'queued_at', 'sent_at', 'bounced_at', 'bounce_class',
    'first_opened_at', 'human_opens', 'machine_opens', 'first_clicked_at', 'human_clicks', 'complained_at', 'unsubscribed_at', 'smtp_response',
  ]).where('workspace_id', '=', workspaceId);
  if (filter.contactId) query = query.where('contact_id', '=', filter.contactId);
  if (filter.broadcastId) query = query.where('broadcast_id', '=', filter.broadcastId);
  if (filter.templateId) query = query.where('template_id', '=', filter.templateId);
  if (filter.state) query = query.where('state', '=', filter.state as never);
  const rows = await query.orderBy('queued_at', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id, contactId: row.contact_id, to: row.to_email, templateId: row.template_id, broadcastId: row.broadcast_id, kind: row.kind, subject: row.subject,
    state: row.state, reason: row.state_reason, attempts: row.attempts, queuedAt: row.queued_at, sentAt: row.sent_at, bouncedAt: row.bounced_at,
    bounceClass: row.bounce_class, firstOpenedAt: row.first_opened_at, humanOpens: row.human_opens, machineOpens: row.machine_opens,
    firstClickedAt: row.first_clicked_at, humanClicks: row.human_clicks, complainedAt: row.complained_at, unsubscribedAt: row.unsubscribed_at, smtpResponse: row.smtp_response,
  }));
}
