import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import type { AuditActor } from '../accounts/index.js';
import { getCompany, getContact, recordTouchpoint, removeTouchpoints } from '../contacts/index.js';
import type { ActivityKind } from './tables.js';
import { getDeal } from './deals.js';

export interface ActivityInput {
  kind: ActivityKind;
  subject?: string | null;
  body?: string | null;
  occurredAt?: string;
  durationMinutes?: number | null;
  outcome?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

export interface Subjects {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

/** Checks that every record an activity or task names exists in the workspace (following merges). */
export async function resolveSubjects(db: DbOrTx, workspaceId: string, input: Subjects, options: { requireOne: boolean }) {
  const subjects: { contactId: string | null; companyId: string | null; dealId: string | null } = { contactId: null, companyId: null, dealId: null };
  if (input.contactId) subjects.contactId = (await getContact(db, workspaceId, input.contactId).catch(() => { throw badRequest('contactId is not a contact of this workspace', 'contactId'); })).id;
  if (input.companyId) subjects.companyId = (await getCompany(db, workspaceId, input.companyId).catch(() => { throw badRequest('companyId is not a company of this workspace', 'companyId'); })).id;
  if (input.dealId) subjects.dealId = (await getDeal(db, workspaceId, input.dealId).catch(() => { throw badRequest('dealId is not a deal of this workspace', 'dealId'); })).id;
  if (options.requireOne && !subjects.contactId && !subjects.companyId && !subjects.dealId) {
    throw badRequest('link it to a contact, a company or a deal (contactId, companyId or dealId)', 'contactId');
  }
  return subjects;
}

type ActivityRow = {
  id: string; kind: ActivityKind; subject: string | null; body: string | null; occurred_at: Date; duration_minutes: number | null;
  outcome: string | null; contact_id: string | null; company_id: string | null; deal_id: string | null; created_by: string | null; created_at: Date;
};

function toActivity(row: ActivityRow) {
  return {
    id: row.id, kind: row.kind, subject: row.subject, body: row.body, occurredAt: row.occurred_at, durationMinutes: row.duration_minutes,
    outcome: row.outcome, contactId: row.contact_id, companyId: row.company_id, dealId: row.deal_id, createdBy: row.created_by, createdAt: row.created_at,
  };
}

/** Logs a note, call, meeting or email; it lands on the timeline of everything it names. */
export async function logActivity(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: ActivityInput) {
  const subjects = await resolveSubjects(db, workspaceId, input, { requireOne: true });
  if (input.kind === 'note' && !input.body?.trim()) throw badRequest('a note needs a body', 'body');
  const now = clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const row = await db.insertInto('activities').values({
    workspace_id: workspaceId, kind: input.kind, subject: input.subject?.trim() || null, body: input.body ?? null,
    occurred_at: occurredAt, duration_minutes: input.durationMinutes ?? null, outcome: input.outcome ?? null,
    contact_id: subjects.contactId, company_id: subjects.companyId, deal_id: subjects.dealId,
    created_by: actor.type === 'user' ? actor.id ?? null : null, created_at: now, updated_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await recordTouchpoint(db, clock, {
    workspaceId, kind: `activity.${input.kind}`, ...subjects, actor, occurredAt, source: { type: 'activity', id: row.id },
    data: { subject: row.subject, body: row.body?.slice(0, 500) ?? null, durationMinutes: row.duration_minutes, outcome: row.outcome },
  });
  return toActivity(row);
}

export async function listActivities(db: DbOrTx, workspaceId: string, query: Subjects & { limit: number; cursor?: string }) {
  let select = db.selectFrom('activities').selectAll().where('workspace_id', '=', workspaceId);
  if (query.contactId) select = select.where('contact_id', '=', query.contactId);
  if (query.companyId) select = select.where('company_id', '=', query.companyId);
  if (query.dealId) select = select.where('deal_id', '=', query.dealId);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    select = select.where((eb) => eb.or([eb('occurred_at', '<', new Date(String(at))), eb.and([eb('occurred_at', '=', new Date(String(at))), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  const items = rows.slice(0, query.limit).map(toActivity);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
}

export async function deleteActivity(db: DbOrTx, workspaceId: string, id: string) {
  const removed = await db.deleteFrom('activities').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!removed.numDeletedRows) throw notFound('Activity');
  await removeTouchpoints(db, workspaceId, { type: 'activity', id });
}
