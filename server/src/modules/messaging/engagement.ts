import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { installationSecret } from '../../platform/security/signed.js';
import { emailEvents } from '../segments/index.js';
import { preparePartitions, recordContactEvents } from '../events/index.js';
import { marketingEmail, recordConsent, suppress } from './consent.js';
import { isMachine, readToken } from './tracking.js';

export interface Hit {
  method: string;
  userAgent: string | undefined;
  ip: string;
}

type Message = { workspace_id: string; id: string; contact_id: string | null; to_email: string; template_id: string | null; broadcast_id: string | null; subject: string; sent_at: Date | null };

async function messageOf(ctx: AppContext, workspaceId: string, id: string): Promise<Message | undefined> {
  return ctx.db.selectFrom('email_messages').select(['workspace_id', 'id', 'contact_id', 'to_email', 'template_id', 'broadcast_id', 'subject', 'sent_at'])
    .where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * An open or a click: on the message's events (machine ones flagged), on its counters, and —
 * when a person did it — as an `Email Opened` / `Email Link Clicked` event of the contact,
 * which segments, scoring and the timeline read like any other event.
 */
async function record(ctx: AppContext, message: Message, kind: 'open' | 'click', hit: Hit, url?: string) {
  const now = ctx.clock.now();
  const machine = isMachine(hit, message.sent_at, now);
  await preparePartitions(ctx.db, [now]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('email_message_events').values({
      workspace_id: message.workspace_id, message_id: message.id, kind, url: url ?? null, machine, user_agent: hit.userAgent?.slice(0, 500) ?? null, ip: hit.ip, at: now,
    }).execute();
    const counter = kind === 'open' ? (machine ? 'machine_opens' : 'human_opens') : machine ? null : 'human_clicks';
    const first = kind === 'open' ? 'first_opened_at' : 'first_clicked_at';
    await sql`update email_messages set
                ${counter ? sql`${sql.ref(counter)} = ${sql.ref(counter)} + 1,` : sql``}
                ${sql.ref(first)} = case when ${machine} then ${sql.ref(first)} else coalesce(${sql.ref(first)}, ${now}::timestamptz) end
              where workspace_id = ${message.workspace_id} and id = ${message.id}`.execute(trx);
    if (machine || !message.contact_id) return;
    await recordContactEvents(trx, ctx.clock, message.workspace_id, [{
      contactId: message.contact_id, name: kind === 'open' ? emailEvents.opened : emailEvents.clicked, messageId: randomUUID(), occurredAt: now, channel: 'email',
      properties: { emailId: message.template_id ?? message.id, messageId: message.id, broadcastId: message.broadcast_id, subject: message.subject, ...(url ? { url } : {}) },
    }]);
  });
}

export async function recordOpen(ctx: AppContext, token: string, hit: Hit): Promise<void> {
  const read = readToken(await installationSecret(ctx.db, 'tracking'), 'open', token);
  const message = read && await messageOf(ctx, read.workspaceId, read.messageId);
  if (message) await record(ctx, message, 'open', hit);
}

/** The destination of a click (null for a token that was altered), recorded on the way. */
export async function recordClick(ctx: AppContext, token: string, hit: Hit): Promise<string | null> {
  const read = readToken(await installationSecret(ctx.db, 'tracking'), 'click', token);
  if (!read || read.kind !== 'click') return null;
  const message = await messageOf(ctx, read.workspaceId, read.messageId);
  if (message) await record(ctx, message, 'click', hit, read.url);
  return read.url;
}

export interface UnsubscribeTarget {
  message: Message;
  topic: { key: string; name: string } | null;
  topics: { key: string; name: string; subscribed: boolean }[];
  unsubscribed: boolean;
}

/** What an unsubscribe link concerns: its message, the message's topic, and the person's topics. */
export async function unsubscribeTarget(ctx: AppContext, token: string): Promise<UnsubscribeTarget | null> {
  const read = readToken(await installationSecret(ctx.db, 'tracking'), 'unsubscribe', token);
  const message = read && await messageOf(ctx, read.workspaceId, read.messageId);
  if (!message) return null;
  const [template, topics, state] = await Promise.all([
    message.template_id ? ctx.db.selectFrom('email_templates').select('topic_key').where('workspace_id', '=', message.workspace_id).where('id', '=', message.template_id).executeTakeFirst() : undefined,
    ctx.db.selectFrom('subscription_topics').select(['key', 'name']).where('workspace_id', '=', message.workspace_id).where('archived_at', 'is', null).orderBy('name').execute(),
    message.contact_id
      ? ctx.db.selectFrom('consent_state').select(['purpose', 'status']).where('workspace_id', '=', message.workspace_id).where('contact_id', '=', message.contact_id).execute()
      : [],
  ]);
  const status = new Map(state.map((row) => [row.purpose, row.status]));
  return {
    message,
    topic: topics.find((topic) => topic.key === template?.topic_key) ?? null,
    topics: topics.map((topic) => ({ ...topic, subscribed: status.get(`topic:${topic.key}`) !== 'withdrawn' })),
    unsubscribed: status.get(marketingEmail) === 'withdrawn',
  };
}

export type UnsubscribeRequest =
  /** The link itself (RFC 8058 one-click): the email's topic, or all marketing email when it has none. */
  | { mode: 'one_click' }
  /** The preference centre's choices: everything, or the topics unticked / ticked again. */
  | { mode: 'preferences'; everything: boolean; withdraw: string[]; resubscribe: string[] };

/**
 * Records what the link's person asked, as consent withdrawn (or given again, for a topic)
 * with the preference centre or the link as the source. Unsubscribing from all marketing
 * email also suppresses the address.
 */
export async function unsubscribe(ctx: AppContext, target: UnsubscribeTarget, request: UnsubscribeRequest & { ip: string }) {
  const { message } = target;
  const now = ctx.clock.now();
  const source = request.mode === 'one_click' ? 'unsubscribe_link' : 'preference_centre';
  const everything = request.mode === 'one_click' ? !target.topic : request.everything;
  const withdraw = request.mode === 'one_click' ? (target.topic ? [target.topic.key] : []) : request.withdraw;
  const resubscribe = request.mode === 'one_click' ? [] : request.resubscribe;
  if (!everything && !withdraw.length && !resubscribe.length) return;
  const actor = { type: 'system' as const, label: `${message.to_email} (${request.mode === 'one_click' ? 'unsubscribe link' : 'preference centre'})` };
  await preparePartitions(ctx.db, [now]);
  await ctx.db.transaction().execute(async (trx) => {
    if (message.contact_id) {
      const consent = async (purpose: string, status: 'granted' | 'withdrawn', wording: string) =>
        recordConsent(trx, ctx.clock, message.workspace_id, actor, message.contact_id!, { purpose, status, source, ip: request.ip, wording });
      if (everything) await consent(marketingEmail, 'withdrawn', 'Unsubscribe me from all marketing email');
      for (const key of withdraw) await consent(`topic:${key}`, 'withdrawn', 'Unsubscribe me from this topic');
      for (const key of resubscribe) await consent(`topic:${key}`, 'granted', `Keep sending me ${target.topics.find((topic) => topic.key === key)?.name ?? key}`);
      if (everything || withdraw.length) {
        await recordContactEvents(trx, ctx.clock, message.workspace_id, [{
          contactId: message.contact_id, name: 'Email Unsubscribed', messageId: randomUUID(), occurredAt: now, channel: 'email',
          properties: { emailId: message.template_id ?? message.id, messageId: message.id, everything, topics: withdraw },
        }]);
      }
    }
    if (everything) await suppress(trx, ctx.clock, message.workspace_id, { email: message.to_email, reason: 'unsubscribe', note: `from message ${message.id}` });
    if (everything || withdraw.length) {
      await trx.updateTable('email_messages').set({ unsubscribed_at: now }).where('workspace_id', '=', message.workspace_id).where('id', '=', message.id).execute();
      await trx.insertInto('email_message_events').values({ workspace_id: message.workspace_id, message_id: message.id, kind: 'unsubscribe', ip: request.ip, at: now, detail: source }).execute();
    }
  });
}
