import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { type AuditActor, listMembers } from '../accounts/index.js';
import { checkOwner, recordTouchpoint, recordTouchpoints } from '../contacts/index.js';
import { resolveSubjects, type Subjects } from './activities.js';
import type { TaskPriority } from './tables.js';

export interface TaskInput extends Subjects {
  title?: string;
  notes?: string | null;
  dueAt?: string | null;
  priority?: TaskPriority;
  assigneeId?: string | null;
  done?: boolean;
}

type TaskRow = {
  id: string; title: string; notes: string | null; due_at: Date | null; priority: TaskPriority; assignee_id: string | null;
  done_at: Date | null; contact_id: string | null; company_id: string | null; deal_id: string | null; created_by: string | null;
  created_at: Date; updated_at: Date;
};

function toTask(row: TaskRow) {
  return {
    id: row.id, title: row.title, notes: row.notes, dueAt: row.due_at, priority: row.priority, assigneeId: row.assignee_id,
    done: row.done_at !== null, doneAt: row.done_at, contactId: row.contact_id, companyId: row.company_id, dealId: row.deal_id,
    createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function createTask(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: TaskInput) {
  if (!input.title?.trim()) throw badRequest('title is required', 'title');
  const subjects = await resolveSubjects(db, workspaceId, input, { requireOne: false });
  await checkOwner(db, workspaceId, input.assigneeId).catch(() => { throw badRequest('assigneeId must be a member of this workspace', 'assigneeId'); });
  const now = clock.now();
  // Unassigned tasks created by a person are theirs.
  const assigneeId = input.assigneeId !== undefined ? input.assigneeId : actor.type === 'user' ? actor.id ?? null : null;
  const row = await db.insertInto('tasks').values({
    workspace_id: workspaceId, title: input.title.trim(), notes: input.notes ?? null, due_at: input.dueAt ? new Date(input.dueAt) : null,
    priority: input.priority ?? 'normal', assignee_id: assigneeId, done_at: input.done ? now : null,
    contact_id: subjects.contactId, company_id: subjects.companyId, deal_id: subjects.dealId,
    created_by: actor.type === 'user' ? actor.id ?? null : null, created_at: now, updated_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  if (subjects.contactId || subjects.companyId || subjects.dealId) {
    await recordTouchpoint(db, clock, {
      workspaceId, kind: 'task.created', ...subjects, actor, source: { type: 'task', id: row.id },
      data: { title: row.title, dueAt: row.due_at, assigneeId: row.assignee_id },
    });
  }
  return toTask(row);
}

/**
 * One task per contact, each assigned to that contact's owner (unassigned when it has none,
 * or when the owner has left the workspace), in three statements whatever the number of
 * contacts: what a journey step does for everyone who reaches it. The contacts are the
 * caller's, already read in this workspace.
 */
export async function createTasksForContacts(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, task: { title: string; dueAt?: string },
  contacts: { contactId: string; assigneeId: string | null }[],
): Promise<void> {
  if (!contacts.length) return;
  const members = new Set((await listMembers(db, workspaceId)).map((member) => member.userId));
  const now = clock.now();
  const dueAt = task.dueAt ? new Date(task.dueAt) : null;
  const rows = await db.insertInto('tasks').values(contacts.map((contact) => ({
    workspace_id: workspaceId, title: task.title, due_at: dueAt, priority: 'normal' as const, assignee_id: contact.assigneeId && members.has(contact.assigneeId) ? contact.assigneeId : null,
    contact_id: contact.contactId, created_at: now, updated_at: now,
  }))).returning(['id', 'contact_id', 'assignee_id']).execute();
  await recordTouchpoints(db, clock, rows.map((row) => ({
    workspaceId, kind: 'task.created', contactId: row.contact_id, actor, source: { type: 'task', id: row.id },
    data: { title: task.title, dueAt, assigneeId: row.assignee_id },
  })));
}

export async function updateTask(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, input: TaskInput) {
  const before = await db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Task');
  if (input.title !== undefined && !input.title.trim()) throw badRequest('title must not be empty', 'title');
  if (input.assigneeId) await checkOwner(db, workspaceId, input.assigneeId).catch(() => { throw badRequest('assigneeId must be a member of this workspace', 'assigneeId'); });
  const now = clock.now();
  const row = await db.updateTable('tasks').set({
    ...(input.title !== undefined ? { title: input.title.trim() } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.dueAt !== undefined ? { due_at: input.dueAt ? new Date(input.dueAt) : null } : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
    ...(input.done !== undefined ? { done_at: input.done ? before.done_at ?? now : null } : {}),
    updated_at: now,
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  if (input.done && !before.done_at && (row.contact_id || row.company_id || row.deal_id)) {
    await recordTouchpoint(db, clock, {
      workspaceId, kind: 'task.completed', contactId: row.contact_id, companyId: row.company_id, dealId: row.deal_id, actor,
      source: { type: 'task', id: row.id }, data: { title: row.title },
    });
  }
  return toTask(row);
}

export async function deleteTask(db: DbOrTx, workspaceId: string, id: string) {
  const removed = await db.deleteFrom('tasks').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!removed.numDeletedRows) throw notFound('Task');
}

export interface TaskListQuery extends Subjects {
  assigneeId?: string;
  status?: 'open' | 'done' | 'all';
  dueBefore?: string;
  limit: number;
}

/** Open tasks by due date (undated last); done tasks most recently done first. */
export async function listTasks(db: DbOrTx, workspaceId: string, query: TaskListQuery) {
  let select = db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId);
  if (query.assigneeId) select = select.where('assignee_id', '=', query.assigneeId);
  if (query.contactId) select = select.where('contact_id', '=', query.contactId);
  if (query.companyId) select = select.where('company_id', '=', query.companyId);
  if (query.dealId) select = select.where('deal_id', '=', query.dealId);
  if (query.dueBefore) select = select.where('due_at', '<', new Date(query.dueBefore));
  const status = query.status ?? 'open';
  if (status === 'open') select = select.where('done_at', 'is', null);
  if (status === 'done') select = select.where('done_at', 'is not', null);
  const rows = await select
    .orderBy(sql`done_at is not null`).orderBy(sql`due_at asc nulls last`).orderBy('done_at', 'desc').orderBy('created_at')
    .limit(query.limit).execute();
  return { items: rows.map(toTask) };
}
