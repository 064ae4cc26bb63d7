import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { type AuditActor, listMembers, recordAudit } from '../accounts/index.js';
import { getContact } from '../contacts/index.js';
import type { SegmentDefinition } from './definition.js';
import { explainContact, type Names } from './explain.js';
import { memberPage } from './member-pages.js';
import { loadWorkspace, previewDefinition, problemsOf } from './membership.js';
import { checkDefinition, DefinitionError, type References } from './validate.js';

export const computeQueue = 'segments.compute';

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  definition: SegmentDefinition;
  version: number;
  memberCount: number;
  status: 'active' | 'flagged';
  problems: { path: string; message: string }[];
  dependsOnTime: boolean;
  computedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type SegmentRow = {
  id: string; name: string; description: string | null; definition: unknown; version: number; member_count: number;
  dependencies: unknown; computed_at: Date | null; created_at: Date; updated_at: Date;
};

function toSegment(row: SegmentRow, refs: References): Segment {
  const definition = row.definition as SegmentDefinition;
  const problems = problemsOf({ id: row.id, definition }, refs);
  return {
    id: row.id, name: row.name, description: row.description, definition, version: row.version, memberCount: row.member_count,
    status: problems.length ? 'flagged' : 'active', problems,
    dependsOnTime: (row.dependencies as { time: boolean }).time, computedAt: row.computed_at, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** A definition as sent, checked against the workspace; a mistake is a 400 naming the node. */
export function checked(input: unknown, refs: References) {
  try {
    return checkDefinition(input, refs);
  } catch (error) {
    if (error instanceof DefinitionError) throw badRequest(error.message, error.path);
    throw error;
  }
}

export async function listSegments(db: DbOrTx, workspaceId: string): Promise<Segment[]> {
  const [rows, { refs }] = await Promise.all([
    db.selectFrom('segments').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute(),
    loadWorkspace(db, workspaceId),
  ]);
  return rows.map((row) => toSegment(row, refs));
}

async function findSegmentRow(db: DbOrTx, workspaceId: string, id: string): Promise<SegmentRow> {
  const row = await db.selectFrom('segments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Segment');
  return row;
}

export async function getSegment(db: DbOrTx, workspaceId: string, id: string): Promise<Segment> {
  const row = await findSegmentRow(db, workspaceId, id);
  return toSegment(row, (await loadWorkspace(db, workspaceId)).refs);
}

/** Membership is computed by a job right after the commit: the answer does not wait for a million contacts. */
async function scheduleCompute(db: DbOrTx, clock: Clock, workspaceId: string, segmentId: string) {
  await enqueue(db, clock, { queue: computeQueue, workspaceId, payload: { segmentId } });
}

export async function createSegment(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: { name: string; description?: string | null; definition: unknown }) {
  const { refs } = await loadWorkspace(db, workspaceId);
  const { definition, dependencies } = checked(input.definition, refs);
  const now = clock.now();
  const row = await db.insertInto('segments').values({
    workspace_id: workspaceId, name: input.name.trim(), description: input.description ?? null, definition: JSON.stringify(definition),
    dependencies: JSON.stringify(dependencies), created_by: actor.type === 'user' ? actor.id : null, computed_at: null, created_at: now, updated_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'segment.created', target: { type: 'segment', id: row.id }, data: { name: row.name } });
  await scheduleCompute(db, clock, workspaceId, row.id);
  return toSegment(row, refs);
}

export async function updateSegment(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, input: { name?: string; description?: string | null; definition?: unknown },
) {
  const current = await findSegmentRow(db, workspaceId, id);
  const { refs } = await loadWorkspace(db, workspaceId);
  let changes: Record<string, unknown> = {};
  if (input.definition !== undefined) {
    const { definition, dependencies } = checked(input.definition, { ...refs, self: id });
    if (JSON.stringify(definition) !== JSON.stringify(current.definition)) {
      changes = { definition: JSON.stringify(definition), dependencies: JSON.stringify(dependencies), version: current.version + 1 };
    }
  }
  const row = await db.updateTable('segments').set({
    ...changes,
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'segment.updated', target: { type: 'segment', id }, data: { version: row.version } });
  if (changes.definition) await scheduleCompute(db, clock, workspaceId, id);
  return toSegment(row, refs);
}

export async function deleteSegment(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string) {
  const segment = await findSegmentRow(db, workspaceId, id);
  const users = await sql<{ name: string }>`
    select name from segments where workspace_id = ${workspaceId} and dependencies->'segments' ? ${id} order by name`.execute(db);
  if (users.rows.length) throw conflict(`"${segment.name}" is used by ${users.rows.map((row) => `"${row.name}"`).join(', ')}; change those first`);
  await db.deleteFrom('segments').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'segment.deleted', target: { type: 'segment', id }, data: { name: segment.name } });
}

export async function previewSegment(db: DbOrTx, clock: Clock, workspaceId: string, input: unknown) {
  const started = performance.now();
  const { refs } = await loadWorkspace(db, workspaceId);
  const { definition } = checked(input, refs);
  const result = await previewDefinition(db, clock, workspaceId, definition, refs.catalog);
  return { ...result, tookMs: Math.round(performance.now() - started) };
}

/** A page of members, newest first, with who they are. */
export async function listSegmentMembers(db: DbOrTx, workspaceId: string, segmentId: string, page: { limit: number; cursor?: string }) {
  await findSegmentRow(db, workspaceId, segmentId);
  const { items, nextCursor } = await memberPage(db, workspaceId, { table: 'segment_members', key: 'segment_id', since: 'entered_at', id: segmentId }, page);
  return { items: items.map((item) => ({ contact: item.contact, enteredAt: item.since })), nextCursor };
}

/** Members at the end of each day, with the day's entries and exits (the chart on the segment page). */
export async function segmentHistory(db: DbOrTx, clock: Clock, workspaceId: string, segmentId: string, days: number) {
  const segment = await findSegmentRow(db, workspaceId, segmentId);
  const { rows } = await sql<{ day: string; entered: number; exited: number }>`
    with days as (
      select generate_series((${clock.now()}::timestamptz at time zone 'utc')::date - ${days - 1}::int, (${clock.now()}::timestamptz at time zone 'utc')::date, interval '1 day')::date as day
    ), changes as (
      select (at at time zone 'utc')::date as day, count(*) filter (where entered)::int as entered, count(*) filter (where not entered)::int as exited
        from segment_membership_changes
       where workspace_id = ${workspaceId} and segment_id = ${segmentId} and at >= ${clock.now()}::timestamptz - ${`${days} days`}::interval
       group by 1
    )
    select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(c.entered, 0) as entered, coalesce(c.exited, 0) as exited
      from days d left join changes c using (day) order by d.day`.execute(db);
  // Walk back from today's count: yesterday's members are today's less today's entries plus its exits.
  let members = segment.member_count;
  const points = rows.reverse().map((row) => {
    const point = { date: row.day, members, entered: row.entered, exited: row.exited };
    members = members - row.entered + row.exited;
    return point;
  });
  return { points: points.reverse() };
}

export async function namesOf(db: DbOrTx, workspaceId: string): Promise<Names> {
  const [segments, lists, users] = await Promise.all([
    db.selectFrom('segments').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('lists').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute(),
    listMembers(db, workspaceId),
  ]);
  return {
    segments: new Map(segments.map((row) => [row.id, row.name])),
    lists: new Map(lists.map((row) => [row.id, row.name])),
    users: new Map(users.map((member) => [member.userId, member.name || member.email])),
  };
}

export async function explainMembership(db: DbOrTx, clock: Clock, workspaceId: string, segmentId: string, contactId: string) {
  const segment = await findSegmentRow(db, workspaceId, segmentId);
  await getContact(db, workspaceId, contactId);
  const [{ refs }, names, member] = await Promise.all([
    loadWorkspace(db, workspaceId),
    namesOf(db, workspaceId),
    db.selectFrom('segment_members').select('contact_id').where('workspace_id', '=', workspaceId).where('segment_id', '=', segmentId)
      .where('contact_id', '=', contactId).executeTakeFirst(),
  ]);
  const explanation = await explainContact(db, { workspaceId, now: clock.now(), catalog: refs.catalog, names }, (segment.definition as SegmentDefinition).match, contactId);
  return { member: Boolean(member), matches: explanation!.passed, explanation: explanation! };
}

/** The segments and lists a contact is in, for the contact page. */
export async function contactMemberships(db: DbOrTx, workspaceId: string, contactId: string) {
  await getContact(db, workspaceId, contactId);
  const [segments, lists] = await Promise.all([
    db.selectFrom('segment_members').innerJoin('segments', (join) => join.onRef('segments.workspace_id', '=', 'segment_members.workspace_id').onRef('segments.id', '=', 'segment_members.segment_id'))
      .select(['segments.id', 'segments.name', 'segment_members.entered_at as enteredAt'])
      .where('segment_members.workspace_id', '=', workspaceId).where('segment_members.contact_id', '=', contactId).orderBy('segments.name').execute(),
    db.selectFrom('list_members').innerJoin('lists', (join) => join.onRef('lists.workspace_id', '=', 'list_members.workspace_id').onRef('lists.id', '=', 'list_members.list_id'))
      .select(['lists.id', 'lists.name', 'list_members.added_at as addedAt'])
      .where('list_members.workspace_id', '=', workspaceId).where('list_members.contact_id', '=', contactId).orderBy('lists.name').execute(),
  ]);
  return { segments, lists };
}

/** The ids of the segments a contact is in (one indexed read: personalisation asks it on every page view). */
export async function segmentIdsOf(db: DbOrTx, workspaceId: string, contactId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('segment_members').select('segment_id').where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).execute();
  return new Set(rows.map((row) => row.segment_id));
}

/** Which of these ids name a segment of the workspace. */
export async function existingSegmentIds(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('segments').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** Every member of a segment, or a sample of them (a journey's bulk enrolment, a simulation). */
export async function segmentMemberIds(db: DbOrTx, workspaceId: string, segmentId: string, sample?: number): Promise<string[]> {
  await getSegment(db, workspaceId, segmentId);
  let query = db.selectFrom('segment_members').select('contact_id').where('workspace_id', '=', workspaceId).where('segment_id', '=', segmentId);
  if (sample) query = query.orderBy(sql`random()`).limit(sample);
  return (await query.execute()).map((row) => row.contact_id);
}
