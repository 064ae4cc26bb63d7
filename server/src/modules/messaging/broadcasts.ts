import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { enqueue, enqueueAll } from '../../platform/jobs/queue.js';
import type { AuditActor } from '../accounts/index.js';
import { recordAudit } from '../accounts/index.js';
import { launchQueue, sendQueue } from './queues.js';
import { getTemplate } from './templates.js';

const sendBatchSize = 200;

export interface BroadcastInput {
  name: string;
  templateId: string;
  audience: { kind: 'segment' | 'list'; id: string };
  /** now; at `sendAt`; or at `localHour` in each contact's own time zone, on `sendAt`'s day. */
  schedule: 'now' | 'at' | 'local_hour';
  sendAt?: string | null;
  localHour?: number | null;
  /** Throttle: at most this many messages a minute. */
  perMinute?: number | null;
}

const columns = ['id', 'name', 'template_id', 'audience_kind', 'audience_id', 'schedule', 'send_at', 'local_hour', 'per_minute', 'status', 'recipients', 'skipped', 'created_at', 'started_at', 'finished_at'] as const;

export async function listBroadcasts(db: DbOrTx, workspaceId: string, id?: string) {
  let query = db.selectFrom('broadcasts').select(columns).where('workspace_id', '=', workspaceId);
  if (id) query = query.where('id', '=', id);
  const rows = await query.orderBy('created_at', 'desc').execute();
  return rows.map((row) => ({
    id: row.id, name: row.name, templateId: row.template_id, audience: { kind: row.audience_kind, id: row.audience_id }, schedule: row.schedule,
    sendAt: row.send_at, localHour: row.local_hour, perMinute: row.per_minute, status: row.status, recipients: row.recipients, withoutEmail: row.skipped,
    createdAt: row.created_at, startedAt: row.started_at, finishedAt: row.finished_at,
  }));
}

export async function getBroadcast(db: DbOrTx, workspaceId: string, id: string) {
  const [broadcast] = await listBroadcasts(db, workspaceId, id);
  if (!broadcast) throw notFound('broadcast');
  return { ...broadcast, stats: await broadcastStats(db, workspaceId, id) };
}

/**
 * Schedules a broadcast: it launches at its time (now, at `sendAt`, or — for local hours —
 * at the earliest time zone's hour), queueing its audience's members as they are then.
 */
export async function createBroadcast(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: BroadcastInput) {
  const template = await getTemplate(db, workspaceId, input.templateId).catch(() => null);
  if (!template) throw badRequest('no such template (it may have been archived)', 'templateId');
  // Transactional email is exempt from consent: sent to a whole audience, it would ignore it.
  if (template.kind !== 'marketing') throw badRequest('a broadcast sends a marketing template', 'templateId');
  const table = input.audience.kind === 'segment' ? 'segments' : 'lists';
  const audience = await db.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).where('id', '=', input.audience.id).executeTakeFirst();
  if (!audience) throw badRequest(`no such ${input.audience.kind}`, 'audience.id');
  const now = clock.now();
  const sendAt = input.sendAt ? new Date(input.sendAt) : null;
  if (input.schedule !== 'now' && !sendAt) throw badRequest(`a ${input.schedule === 'at' ? 'scheduled' : 'local-hour'} broadcast needs sendAt`, 'sendAt');
  if (sendAt && Number.isNaN(sendAt.getTime())) throw badRequest('sendAt must be a date and time', 'sendAt');
  if (input.schedule === 'at' && sendAt! < now) throw badRequest('sendAt is in the past', 'sendAt');
  if (input.schedule === 'local_hour' && (input.localHour == null || input.localHour < 0 || input.localHour > 23)) throw badRequest('localHour must be an hour from 0 to 23', 'localHour');
  // Local hours begin where the day begins first (UTC+14), so nobody's hour has passed at launch.
  const localStart = input.schedule === 'local_hour' ? Date.UTC(sendAt!.getUTCFullYear(), sendAt!.getUTCMonth(), sendAt!.getUTCDate(), input.localHour! - 14) : 0;
  // The last time zone (UTC−12) reaches the hour 26 hours after the first.
  if (input.schedule === 'local_hour' && localStart + 26 * 3_600_000 < now.getTime()) throw badRequest('that hour has passed in every time zone', 'sendAt');
  const launchAt = input.schedule === 'now' ? now : input.schedule === 'at' ? sendAt! : new Date(Math.max(now.getTime(), localStart));
  const row = await db.insertInto('broadcasts').values({
    workspace_id: workspaceId, name: input.name.trim(), template_id: template.id, audience_kind: input.audience.kind, audience_id: input.audience.id,
    schedule: input.schedule, send_at: sendAt, local_hour: input.schedule === 'local_hour' ? input.localHour! : null, per_minute: input.perMinute ?? null,
    status: 'scheduled', created_by: actor.type === 'user' ? actor.id : null, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await enqueue(db, clock, { queue: launchQueue, workspaceId, payload: { broadcastId: row.id }, runAt: launchAt, idempotencyKey: row.id });
  await recordAudit(db, clock, { workspaceId, actor, action: 'broadcast.scheduled', target: { type: 'broadcast', id: row.id }, data: { name: input.name, schedule: input.schedule } });
  return getBroadcast(db, workspaceId, row.id);
}

export async function cancelBroadcast(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string) {
  const broadcast = await getBroadcast(db, workspaceId, id);
  if (broadcast.status !== 'scheduled') throw conflict(`the broadcast is ${broadcast.status}; only a scheduled one can be cancelled`, 'status');
  await db.updateTable('broadcasts').set({ status: 'cancelled', finished_at: clock.now() }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'broadcast.cancelled', target: { type: 'broadcast', id } });
  return getBroadcast(db, workspaceId, id);
}

/**
 * Launch: every member of the audience (read in one INSERT … SELECT from the segment's or
 * list's members) gets a queued message, due at the broadcast's time — or at the local hour
 * in the contact's time zone — and spread by the throttle. Consent is checked at send time.
 */
export async function launchBroadcast(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const { db, clock } = ctx;
  await db.transaction().execute(async (trx) => {
    const broadcast = await trx.selectFrom('broadcasts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!broadcast || broadcast.status !== 'scheduled') return;
    const template = await getTemplate(trx, workspaceId, broadcast.template_id);
    const now = clock.now();
    const members = broadcast.audience_kind === 'segment'
      ? sql`select contact_id from segment_members where workspace_id = ${workspaceId} and segment_id = ${broadcast.audience_id}`
      : sql`select contact_id from list_members where workspace_id = ${workspaceId} and list_id = ${broadcast.audience_id}`;
    const due = broadcast.schedule === 'local_hour'
      // The hour on the calendar day of sendAt (its UTC date), as the wall clock shows it where the contact is.
      ? sql`greatest(${now}::timestamptz, (date_trunc('day', ${broadcast.send_at}::timestamptz at time zone 'UTC') + ${broadcast.local_hour}::int * interval '1 hour') at time zone coalesce(tz.name, 'UTC'))`
      : sql`${now}::timestamptz`;
    const { rows } = await sql<{ id: string; due: Date }>`
      insert into email_messages (workspace_id, contact_id, to_email, template_id, template_version, broadcast_id, kind, subject, state, queued_at, next_attempt_at, idempotency_key)
      select ${workspaceId}::uuid, c.id, c.email, ${template.id}::uuid, ${template.version}::int, ${id}::uuid, ${template.kind}, ${template.subject}, 'queued', ${now}::timestamptz,
             ${due}, 'broadcast:' || ${id}::text || ':' || c.id
        from contacts c
        -- A time zone Postgres does not know counts as UTC.
        left join pg_timezone_names tz on tz.name = c.timezone
       where c.workspace_id = ${workspaceId} and c.email is not null and c.id in (${members})
      on conflict do nothing
      returning id, next_attempt_at as due`.execute(trx);
    const { rows: [audience] } = await sql<{ total: string }>`select count(*) as total from (${members}) m`.execute(trx);
    // Throttle: the n-th message is due no earlier than n / perMinute minutes after launch.
    const ordered = rows.sort((a, b) => a.due.getTime() - b.due.getTime());
    const jobs = [];
    for (let start = 0; start < ordered.length; start += sendBatchSize) {
      const batch = ordered.slice(start, start + sendBatchSize);
      const throttled = broadcast.per_minute ? now.getTime() + Math.floor((start / broadcast.per_minute) * 60_000) : 0;
      const runAt = new Date(Math.max(batch.at(-1)!.due.getTime(), throttled));
      if (broadcast.per_minute) {
        await trx.updateTable('email_messages').set({ next_attempt_at: runAt }).where('workspace_id', '=', workspaceId).where('id', 'in', batch.map((row) => row.id)).execute();
      }
      jobs.push({ queue: sendQueue, workspaceId, payload: { ids: batch.map((row) => row.id) }, runAt });
    }
    await enqueueAll(trx, clock, jobs);
    // Nobody to send to: the broadcast is done at once (no send job would finish it).
    await trx.updateTable('broadcasts').set({
      status: rows.length ? 'sending' : 'sent', started_at: now, finished_at: rows.length ? null : now, recipients: rows.length, skipped: Number(audience!.total) - rows.length,
    }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  });
}

/** A broadcast is sent once none of its messages waits any more. */
export async function finishBroadcasts(db: DbOrTx, clock: Clock, workspaceId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await sql`
    update broadcasts b set status = 'sent', finished_at = ${clock.now()}::timestamptz
     where b.workspace_id = ${workspaceId} and b.id = any(${ids}::uuid[]) and b.status = 'sending'
       and not exists (select 1 from email_messages m where m.workspace_id = b.workspace_id and m.broadcast_id = b.id and m.state in ('queued', 'sending', 'deferred'))`.execute(db);
}

/** What a broadcast's report shows: outcomes, human engagement, and clicks by link. */
export async function broadcastStats(db: DbOrTx, workspaceId: string, broadcastId: string) {
  return messageStats(db, workspaceId, { broadcastId });
}

/** The same figures for every message sent from a template (or of a broadcast). */
export async function messageStats(db: DbOrTx, workspaceId: string, of: { broadcastId: string } | { templateId: string }) {
  const column = 'broadcastId' in of ? sql.ref('broadcast_id') : sql.ref('template_id');
  const id = 'broadcastId' in of ? of.broadcastId : of.templateId;
  const { rows: [counts] } = await sql<Record<string, string>>`
    select count(*) as queued,
           count(*) filter (where state = 'sent') as sent,
           count(*) filter (where state = 'skipped') as skipped,
           count(*) filter (where state = 'failed') as failed,
           count(*) filter (where state = 'bounced' and bounce_class = 'hard') as hard_bounces,
           count(*) filter (where state = 'bounced' and coalesce(bounce_class, 'soft') <> 'hard') as other_bounces,
           count(*) filter (where first_opened_at is not null) as opened,
           count(*) filter (where machine_opens > 0) as machine_opened,
           count(*) filter (where first_clicked_at is not null) as clicked,
           count(*) filter (where unsubscribed_at is not null) as unsubscribed,
           count(*) filter (where complained_at is not null) as complained
      from email_messages where workspace_id = ${workspaceId} and ${column} = ${id}`.execute(db);
  const { rows: links } = await sql<{ url: string; clicks: string; people: string }>`
    select e.url, count(*) as clicks, count(distinct e.message_id) as people
      from email_message_events e join email_messages m on m.workspace_id = e.workspace_id and m.id = e.message_id
     where e.workspace_id = ${workspaceId} and ${sql.ref(`m.${'broadcastId' in of ? 'broadcast_id' : 'template_id'}`)} = ${id} and e.kind = 'click' and not e.machine
     group by e.url order by count(*) desc limit 50`.execute(db);
  const { rows: reasons } = await sql<{ state: string; reason: string | null; messages: string }>`
    select state, state_reason as reason, count(*) as messages from email_messages
     where workspace_id = ${workspaceId} and ${column} = ${id} and state in ('skipped', 'failed', 'bounced')
     group by state, state_reason order by count(*) desc limit 50`.execute(db);
  const number = (key: string) => Number(counts![key] ?? 0);
  const sent = number('sent');
  return {
    queued: number('queued'), sent, skipped: number('skipped'), failed: number('failed'),
    bounces: { hard: number('hard_bounces'), other: number('other_bounces') },
    opened: number('opened'), machineOpened: number('machine_opened'), clicked: number('clicked'), unsubscribed: number('unsubscribed'), complained: number('complained'),
    openRate: sent ? Math.round((number('opened') / sent) * 1000) / 10 : null, clickRate: sent ? Math.round((number('clicked') / sent) * 1000) / 10 : null,
    links: links.map((link) => ({ url: link.url, clicks: Number(link.clicks), people: Number(link.people) })),
    /** Why messages did not go (skipped, failed, bounced), most common first. */
    reasons: reasons.map((row) => ({ state: row.state, reason: row.reason, messages: Number(row.messages) })),
  };
}
