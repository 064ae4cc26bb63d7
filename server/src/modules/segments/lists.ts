import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { normaliseEmail } from '../../platform/text.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { compileCondition } from './compile.js';
import { memberPage } from './member-pages.js';
import { type Affected, loadSegments, loadWorkspace, reevaluate, type StoredSegment } from './membership.js';
import { checked } from './segments.js';

/** Static lists: contacts are on one because someone put them there. */
export interface List {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const listColumns = ['lists.id', 'lists.name', 'lists.description', 'lists.created_at', 'lists.updated_at'] as const;

function withCounts(db: DbOrTx, workspaceId: string) {
  return db.selectFrom('lists').select(listColumns)
    .select((eb) => eb.selectFrom('list_members').select(eb.fn.countAll<string>().as('n'))
      .whereRef('list_members.workspace_id', '=', 'lists.workspace_id').whereRef('list_members.list_id', '=', 'lists.id').as('member_count'))
    .where('lists.workspace_id', '=', workspaceId);
}

type ListRow = { id: string; name: string; description: string | null; created_at: Date; updated_at: Date; member_count: string | null };
const toList = (row: ListRow): List => ({
  id: row.id, name: row.name, description: row.description, memberCount: Number(row.member_count ?? 0), createdAt: row.created_at, updatedAt: row.updated_at,
});

export async function listLists(db: DbOrTx, workspaceId: string): Promise<List[]> {
  return (await withCounts(db, workspaceId).orderBy('lists.name').execute()).map(toList);
}

export async function getList(db: DbOrTx, workspaceId: string, id: string): Promise<List> {
  const row = await withCounts(db, workspaceId).where('lists.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('List');
  return toList(row);
}

export async function createList(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: { name: string; description?: string | null }) {
  const now = clock.now();
  const row = await db.insertInto('lists').values({
    workspace_id: workspaceId, name: input.name.trim(), description: input.description ?? null, created_by: actor.type === 'user' ? actor.id : null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'list.created', target: { type: 'list', id: row.id }, data: { name: input.name } });
  return getList(db, workspaceId, row.id);
}

export async function updateList(db: DbOrTx, clock: Clock, workspaceId: string, id: string, input: { name?: string; description?: string | null }) {
  await getList(db, workspaceId, id);
  await db.updateTable('lists').set({
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return getList(db, workspaceId, id);
}

/** Segments that use a deleted list are flagged (they keep their members) rather than broken. */
export async function deleteList(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string) {
  const list = await getList(db, workspaceId, id);
  await db.deleteFrom('lists').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'list.deleted', target: { type: 'list', id }, data: { name: list.name } });
}

/** Segments that read this list look again at the contacts whose membership changed. */
async function listChanged(db: Tx, clock: Clock, workspaceId: string, listId: string, contactIds: string[], loaded?: StoredSegment[]) {
  if (!contactIds.length) return;
  const segments = loaded ?? (await loadSegments(db, workspaceId));
  const affected: Affected = new Map();
  for (const segment of segments) if (segment.dependencies.lists.includes(listId)) affected.set(segment.id, new Set(contactIds));
  await reevaluate(db, clock, workspaceId, affected, segments);
}

export async function addToList(db: Tx, clock: Clock, workspaceId: string, actor: AuditActor, listId: string, contactIds: string[]) {
  await getList(db, workspaceId, listId);
  const { rows } = await sql<{ contact_id: string }>`
    insert into list_members (workspace_id, list_id, contact_id, added_at, added_by)
    select ${workspaceId}::uuid, ${listId}::uuid, c.id, ${clock.now()}::timestamptz, ${actor.type === 'user' ? actor.id : null}::uuid
      from contacts c where c.workspace_id = ${workspaceId} and c.id = any(${contactIds}::uuid[])
    on conflict do nothing
    returning contact_id`.execute(db);
  await listChanged(db, clock, workspaceId, listId, rows.map((row) => row.contact_id));
  return { added: rows.length };
}

export async function removeFromList(db: Tx, clock: Clock, workspaceId: string, listId: string, contactIds: string[]) {
  await getList(db, workspaceId, listId);
  if (!contactIds.length) return { removed: 0 };
  const rows = await db.deleteFrom('list_members').where('workspace_id', '=', workspaceId).where('list_id', '=', listId)
    .where('contact_id', 'in', contactIds).returning('contact_id').execute();
  await listChanged(db, clock, workspaceId, listId, rows.map((row) => row.contact_id));
  return { removed: rows.length };
}

/** Adds everyone matching a condition now (a snapshot: later changes do not add more). */
export async function addMatchingToList(db: Tx, clock: Clock, workspaceId: string, actor: AuditActor, listId: string, definition: unknown) {
  await getList(db, workspaceId, listId);
  const workspace = await loadWorkspace(db, workspaceId);
  const { definition: checkedDefinition } = checked(definition, workspace.refs);
  const predicate = compileCondition(checkedDefinition.match, { workspaceId, now: clock.now(), catalog: workspace.refs.catalog });
  const { rows } = await sql<{ contact_id: string }>`
    insert into list_members (workspace_id, list_id, contact_id, added_at, added_by)
    select ${workspaceId}::uuid, ${listId}::uuid, c.id, ${clock.now()}::timestamptz, ${actor.type === 'user' ? actor.id : null}::uuid
      from contacts c where c.workspace_id = ${workspaceId} and ${predicate}
    on conflict do nothing
    returning contact_id`.execute(db);
  await listChanged(db, clock, workspaceId, listId, rows.map((row) => row.contact_id), workspace.segments);
  return { added: rows.length };
}

/**
 * Adds the contacts of a CSV file by their email (the `email` column, or the only column).
 * Every line that adds no one is reported with its number and why.
 */
export async function importToList(db: Tx, clock: Clock, workspaceId: string, actor: AuditActor, listId: string, csv: string) {
  await getList(db, workspaceId, listId);
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(/[,;\t]/).map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
  const column = header.length === 1 ? 0 : header.indexOf('email');
  const rejected: { line: number; reason: string }[] = [];
  if (column < 0) return { added: 0, rejected: [{ line: 1, reason: 'the file has no "email" column' }] };
  const wanted = new Map<string, number[]>();
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (!text.trim()) return;
    const cell = (text.split(/[,;\t]/)[column] ?? '').trim().replace(/^"|"$/g, '');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(cell)) return void rejected.push({ line, reason: cell ? `"${cell}" is not an email address` : 'no email' });
    const email = normaliseEmail(cell);
    wanted.set(email, [...(wanted.get(email) ?? []), line]);
  });
  const found = wanted.size
    ? await db.selectFrom('contacts').select(['id', 'email']).where('workspace_id', '=', workspaceId).where('email', 'in', [...wanted.keys()]).execute()
    : [];
  const known = new Set(found.map((row) => row.email));
  for (const [email, at] of wanted) if (!known.has(email)) for (const line of at) rejected.push({ line, reason: `no contact has the email ${email}` });
  const { added } = await addToList(db, clock, workspaceId, actor, listId, found.map((row) => row.id));
  return { added, rejected: rejected.sort((a, b) => a.line - b.line) };
}

export async function listListMembers(db: DbOrTx, workspaceId: string, listId: string, page: { limit: number; cursor?: string }) {
  await getList(db, workspaceId, listId);
  const { items, nextCursor } = await memberPage(db, workspaceId, { table: 'list_members', key: 'list_id', since: 'added_at', id: listId }, page);
  return { items: items.map((item) => ({ contact: item.contact, addedAt: item.since })), nextCursor };
}
