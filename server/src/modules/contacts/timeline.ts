import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { badRequest } from '../../platform/http/errors.js';
import type { AuditActor } from '../accounts/index.js';

/** What a touchpoint is about; an entry may concern a contact, a company and a deal at once. */
export interface TimelineSubjects {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

export interface Touchpoint extends TimelineSubjects {
  workspaceId: string;
  kind: string;
  actor: AuditActor | { type: 'contact'; id: string; label: string };
  occurredAt?: Date;
  source?: { type: string; id: string };
  data?: Record<string, unknown>;
}

/**
 * Writes a touchpoint onto the timeline. Every module calls this in the transaction of the
 * change it records, so the timeline never misses or invents a step.
 */
export async function recordTouchpoint(db: DbOrTx, clock: Clock, entry: Touchpoint): Promise<void> {
  await recordTouchpoints(db, clock, [entry]);
}

/** Several touchpoints in one statement (a set of contacts qualified at once). */
export async function recordTouchpoints(db: DbOrTx, clock: Clock, entries: Touchpoint[]): Promise<void> {
  if (!entries.length) return;
  await db.insertInto('timeline_entries').values(entries.map((entry) => ({
    workspace_id: entry.workspaceId,
    occurred_at: entry.occurredAt ?? clock.now(),
    kind: entry.kind,
    contact_id: entry.contactId ?? null,
    company_id: entry.companyId ?? null,
    deal_id: entry.dealId ?? null,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id ?? null,
    actor_label: entry.actor.label,
    source_type: entry.source?.type ?? null,
    source_id: entry.source?.id ?? null,
    data: JSON.stringify(entry.data ?? {}),
  }))).execute();
}

export interface TimelineItem {
  id: number; occurredAt: Date; kind: string; contactId: string | null; companyId: string | null; dealId: string | null;
  actor: { type: string; id: string | null; label: string | null }; source: { type: string; id: string } | null;
  data: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

export type TimelineSubject = { contactId: string } | { companyId: string } | { dealId: string };

/** A position in a timeline: time, then source rank (0 = the timeline's own), then id, all descending. */
export type TimelineCursor = { at: Date; rank: number; id: number };

export interface TimelineSourcePage {
  limit: number;
  before: TimelineCursor | null;
  rank: number;
}

/**
 * Another module's touchpoints that live in its own tables (tracked events, say): it
 * returns the items of these contacts older than `before`, newest first. Its items sort
 * after the timeline's own at the same instant; `rank` orders sources, ids order items
 * within one.
 */
export type TimelineSource = (db: DbOrTx, workspaceId: string, contactIds: string[], page: TimelineSourcePage) => Promise<TimelineItem[]>;
const timelineSources: TimelineSource[] = [];

export function registerTimelineSource(source: TimelineSource): void {
  timelineSources.push(source);
}

// A company's timeline shows the registered sources' items of this many of its people.
const companyPeopleShown = 1000;

/**
 * Newest first, `limit` at a time; `cursor` continues after the last item of the previous
 * page. A company's timeline includes the touchpoints of its contacts; contacts' and
 * companies' also the items of the registered sources.
 */
export async function listTimeline(db: DbOrTx, workspaceId: string, subject: TimelineSubject, page: { limit: number; cursor?: string }): Promise<TimelinePage> {
  const before = page.cursor ? decodeTimelineCursor(page.cursor) : null;
  const lists: { item: TimelineItem; rank: number }[][] = [await ownEntries(db, workspaceId, subject, page.limit, before)];
  const contactIds = 'contactId' in subject ? [subject.contactId]
    : 'companyId' in subject ? (await db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId)
      .where('company_id', '=', subject.companyId).orderBy('updated_at', 'desc').limit(companyPeopleShown).execute()).map((row) => row.id)
    : [];
  if (contactIds.length) {
    for (const [index, source] of timelineSources.entries()) {
      lists.push((await source(db, workspaceId, contactIds, { limit: page.limit + 1, before, rank: index + 1 })).map((item) => ({ item, rank: index + 1 })));
    }
  }
  const merged = lists.flat().sort((a, b) =>
    b.item.occurredAt.getTime() - a.item.occurredAt.getTime() || b.rank - a.rank || b.item.id - a.item.id);
  const items = merged.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((entry) => entry.item),
    nextCursor: merged.length > page.limit && last ? encodeCursor(last.item.occurredAt, `${last.rank}:${last.item.id}`) : null,
  };
}

function decodeTimelineCursor(cursor: string): TimelineCursor {
  const [at, position] = decodeCursor(cursor);
  const [rank, id] = String(position).includes(':') ? String(position).split(':').map(Number) : [0, Number(position)];
  const time = new Date(at as string);
  if (Number.isNaN(time.getTime()) || !Number.isInteger(rank) || !Number.isInteger(id)) throw badRequest('cursor is not one this API returned', 'cursor');
  return { at: time, rank: rank!, id: id! };
}

/**
 * Rows "before" a cursor in (time desc, rank desc, id desc) order, for a source of `rank`:
 * at the cursor's instant, a lower-ranked source's rows all come after it.
 */
export function beforeCursor(before: TimelineCursor | null, rank: number, columns: { at: string; id: string }) {
  if (!before) return sql<boolean>`true`;
  const at = sql.ref(columns.at);
  const id = sql.ref(columns.id);
  if (rank < before.rank) return sql<boolean>`${at} <= ${before.at}`;
  if (rank > before.rank) return sql<boolean>`${at} < ${before.at}`;
  return sql<boolean>`(${at}, ${id}) < (${before.at}, ${before.id})`;
}

async function ownEntries(db: DbOrTx, workspaceId: string, subject: TimelineSubject, limit: number, before: TimelineCursor | null) {
  let query = db.selectFrom('timeline_entries').selectAll().where('workspace_id', '=', workspaceId);
  if ('contactId' in subject) query = query.where('contact_id', '=', subject.contactId);
  else if ('dealId' in subject) query = query.where('deal_id', '=', subject.dealId);
  else {
    query = query.where((eb) => eb.or([
      eb('company_id', '=', subject.companyId),
      eb('contact_id', 'in', eb.selectFrom('contacts').select('contacts.id')
        .where('contacts.workspace_id', '=', workspaceId).where('contacts.company_id', '=', subject.companyId)),
    ]));
  }
  const rows = await query.where(beforeCursor(before, 0, { at: 'occurred_at', id: 'id' }))
    .orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  return rows.map((row) => ({
    rank: 0,
    item: {
      id: row.id, occurredAt: row.occurred_at, kind: row.kind,
      contactId: row.contact_id, companyId: row.company_id, dealId: row.deal_id,
      actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
      source: row.source_type && row.source_id ? { type: row.source_type, id: row.source_id } : null,
      data: row.data as Record<string, unknown>,
    } satisfies TimelineItem,
  }));
}

/** The field-by-field difference of an update, for a `record.updated` touchpoint. */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]) {
  const changes: { field: string; old: unknown; new: unknown }[] = [];
  for (const field of fields) {
    if (!(field in after)) continue;
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      changes.push({ field, old: before[field] ?? null, new: after[field] ?? null });
    }
  }
  return changes;
}

/** Removes the entries of a source row that no longer exists (a deleted note, say). */
export async function removeTouchpoints(db: DbOrTx, workspaceId: string, source: { type: string; id: string }): Promise<void> {
  await db.deleteFrom('timeline_entries')
    .where('workspace_id', '=', workspaceId).where('source_type', '=', source.type).where('source_id', '=', source.id).execute();
}
