import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { beforeCursor, contactSummaries, listContactIdentities, type TimelineItem, type TimelineSourcePage } from '../contacts/index.js';
import type { EventType } from './tables.js';

/** What the live event view and the API show of a stored event. */
export interface EventView {
  id: number;
  type: EventType;
  name: string | null;
  messageId: string;
  anonymousId: string | null;
  userId: string | null;
  contact: { id: string; name: string; email: string | null } | null;
  sessionId: string | null;
  channel: string;
  touchOwner: string;
  pagePath: string | null;
  occurredAt: Date;
  receivedAt: Date;
  payload: Record<string, unknown>;
}

export interface EventFilter {
  type?: EventType;
  name?: string;
  contactId?: string;
  anonymousId?: string;
  userId?: string;
  /** Only events stored after this id (the live view polls with the newest id it has). */
  after?: number;
  /** Only events older than this id (the next page). */
  before?: number;
  limit: number;
}

const columns = ['id', 'type', 'name', 'message_id', 'anonymous_id', 'user_id', 'contact_id', 'session_id', 'channel', 'touch_owner', 'page_path', 'occurred_at', 'received_at', 'payload'] as const;

type EventRow = {
  id: number; type: EventType; name: string | null; message_id: string; anonymous_id: string | null; user_id: string | null;
  contact_id: string | null; session_id: string | null; channel: string; touch_owner: string; page_path: string | null;
  occurred_at: Date; received_at: Date; payload: unknown;
};

async function toViews(db: DbOrTx, workspaceId: string, rows: EventRow[]): Promise<EventView[]> {
  const contacts = await contactSummaries(db, workspaceId, rows.flatMap((row) => (row.contact_id ? [row.contact_id] : [])));
  return rows.map((row) => ({
    id: row.id, type: row.type, name: row.name, messageId: row.message_id, anonymousId: row.anonymous_id, userId: row.user_id,
    contact: row.contact_id ? contacts.get(row.contact_id) ?? null : null, sessionId: row.session_id, channel: row.channel,
    touchOwner: row.touch_owner, pagePath: row.page_path, occurredAt: row.occurred_at, receivedAt: row.received_at,
    payload: row.payload as Record<string, unknown>,
  }));
}

/** Newest first by arrival (the id order), as a debugger shows them. */
export async function listEvents(db: DbOrTx, workspaceId: string, filter: EventFilter): Promise<{ items: EventView[]; nextBefore: number | null }> {
  let query = db.selectFrom('events').select(columns).where('workspace_id', '=', workspaceId);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.name) query = query.where('name', '=', filter.name);
  if (filter.contactId) query = query.where('contact_id', '=', filter.contactId);
  if (filter.anonymousId) query = query.where('anonymous_id', '=', filter.anonymousId);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (filter.after !== undefined) query = query.where('id', '>', filter.after);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const items = await toViews(db, workspaceId, rows.slice(0, filter.limit));
  return { items, nextBefore: rows.length > filter.limit ? items.at(-1)!.id : null };
}

export async function getEvent(db: DbOrTx, workspaceId: string, id: number): Promise<EventView> {
  const row = await db.selectFrom('events').select(columns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Event');
  return (await toViews(db, workspaceId, [row]))[0]!;
}

/** The ids, browsers and visits that tracking knows for a contact. */
export async function contactTracking(db: DbOrTx, workspaceId: string, contactId: string) {
  const [identities, visitors, sessions] = await Promise.all([
    listContactIdentities(db, workspaceId, contactId),
    db.selectFrom('visitors').select(['key', 'user_id', 'first_seen_at',
      sql<Date>`coalesce((select max(last_event_at) from web_sessions s where s.workspace_id = visitors.workspace_id and s.visitor_key = visitors.key), first_seen_at)`.as('last_seen_at')])
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).orderBy('last_seen_at', 'desc').limit(50).execute(),
    db.selectFrom('web_sessions').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId)
      .orderBy('started_at', 'desc').limit(50).execute(),
  ]);
  return {
    identities,
    visitors: visitors.map((v) => ({ key: v.key, userId: v.user_id, firstSeenAt: v.first_seen_at, lastSeenAt: v.last_seen_at })),
    sessions: sessions.map((s) => ({
      id: s.id, startedAt: s.started_at, lastEventAt: s.last_event_at, eventCount: s.event_count, pageCount: s.page_count,
      channel: s.channel, touchOwner: s.touch_owner, source: s.source, medium: s.medium, campaign: s.campaign,
      referrer: s.referrer, landingPage: s.landing_page,
    })),
  };
}

/** Contacts' events as timeline items: what they did on the website and in the product. */
export async function eventTimelineItems(
  db: DbOrTx, workspaceId: string, contactIds: string[], page: TimelineSourcePage,
): Promise<TimelineItem[]> {
  const rows = await db.selectFrom('events')
    .select(['id', 'type', 'name', 'occurred_at', 'session_id', 'channel', 'touch_owner', 'page_path',
      sql<Record<string, unknown>>`payload->'properties'`.as('properties'), sql<string | null>`coalesce(payload->'properties'->>'title', payload->'context'->'page'->>'title')`.as('title'),
      sql<string | null>`coalesce(payload->'properties'->>'url', payload->'context'->'page'->>'url')`.as('url'),
      sql<Record<string, unknown> | null>`payload->'traits'`.as('traits'), 'user_id',
      sql<string | null>`payload->>'groupId'`.as('group_id'), sql<string | null>`payload->>'previousId'`.as('previous_id'), 'contact_id'])
    .where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds)
    .where(beforeCursor(page.before, page.rank, { at: 'occurred_at', id: 'id' }))
    .orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map((row) => ({
    id: row.id, occurredAt: row.occurred_at, kind: `event.${row.type}`, contactId: row.contact_id, companyId: null, dealId: null,
    actor: { type: 'contact', id: row.contact_id, label: null }, source: { type: 'event', id: String(row.id) },
    data: {
      type: row.type, name: row.name, path: row.page_path, title: row.title, url: row.url, sessionId: row.session_id,
      channel: row.channel, touchOwner: row.touch_owner, properties: row.properties ?? {},
      userId: row.user_id, traits: row.traits ?? {}, groupId: row.group_id, previousId: row.previous_id,
    },
  }));
}

/** The track event names and page paths seen since a time, most frequent first (pickers of the segment builder). */
export async function activityNames(db: DbOrTx, workspaceId: string, since: Date) {
  const { rows } = await sql<{ type: string; what: string; count: number }>`
    select type, coalesce(page_path, name) as what, count(*)::int as count
      from events
     where workspace_id = ${workspaceId} and type in ('track', 'page') and occurred_at >= ${since} and coalesce(page_path, name) is not null
     group by 1, 2 order by 3 desc limit 400`.execute(db);
  return {
    events: rows.filter((row) => row.type === 'track').slice(0, 200).map((row) => ({ name: row.what, count: row.count })),
    pages: rows.filter((row) => row.type === 'page').slice(0, 200).map((row) => ({ path: row.what, count: row.count })),
  };
}

/** The contact a browser's anonymous id is known to be (a form shown to a returning visitor), or null. */
export async function visitorContact(db: DbOrTx, workspaceId: string, anonymousId: string): Promise<string | null> {
  const row = await db.selectFrom('visitors').select('contact_id').where('workspace_id', '=', workspaceId).where('key', '=', anonymousId).executeTakeFirst();
  return row?.contact_id ?? null;
}
