import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
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
  await db.insertInto('timeline_entries').values({
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
  }).execute();
}

export interface TimelinePage {
  items: {
    id: number; occurredAt: Date; kind: string; contactId: string | null; companyId: string | null; dealId: string | null;
    actor: { type: string; id: string | null; label: string | null }; source: { type: string; id: string } | null;
    data: Record<string, unknown>;
  }[];
  nextCursor: string | null;
}

/**
 * Newest first, `limit` at a time; `cursor` continues after the last item of the previous
 * page. A company's timeline includes the touchpoints of its contacts.
 */
export async function listTimeline(
  db: DbOrTx, workspaceId: string, subject: { contactId: string } | { companyId: string } | { dealId: string },
  page: { limit: number; cursor?: string },
): Promise<TimelinePage> {
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
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor);
    query = query.where(sql<boolean>`(occurred_at, id) < (${at}::timestamptz, ${id}::bigint)`);
  }
  const rows = await query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id, occurredAt: row.occurred_at, kind: row.kind,
    contactId: row.contact_id, companyId: row.company_id, dealId: row.deal_id,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    source: row.source_type && row.source_id ? { type: row.source_type, id: row.source_id } : null,
    data: row.data as Record<string, unknown>,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
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
