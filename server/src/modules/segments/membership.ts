import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { domainEventsChannel } from '../../platform/outbox.js';
import { type Catalog, loadCatalog } from './catalog.js';
import { compileCondition } from './compile.js';
import type { Dependencies, SegmentDefinition } from './definition.js';
import { checkDefinition, type References } from './validate.js';

/**
 * Keeps segment membership current. A re-evaluation names, per segment, the contacts to
 * look at again (or all); each segment is evaluated with one statement that diffs what
 * matches against who is a member, records entries and exits in the history and the
 * outbox (`segment.entered` / `segment.exited`), and the contacts that changed are then
 * looked at again by the segments that use this one — in dependency order, so a segment
 * always reads its inputs' new state.
 */
export type Affected = Map<string, Set<string> | 'all'>;

export interface StoredSegment {
  id: string;
  name: string;
  definition: SegmentDefinition;
  dependencies: Dependencies;
}

export interface Workspace {
  segments: StoredSegment[];
  refs: References;
}

/** The workspace's segments in evaluation order: a segment after those it uses. */
export async function loadSegments(db: DbOrTx, workspaceId: string): Promise<StoredSegment[]> {
  const rows = await db.selectFrom('segments').select(['id', 'name', 'definition', 'dependencies']).where('workspace_id', '=', workspaceId).orderBy('id').execute();
  const segments = rows.map((row) => ({ ...row, definition: row.definition as SegmentDefinition, dependencies: row.dependencies as Dependencies }));
  const uses = new Map(segments.map((segment) => [segment.id, segment.dependencies.segments]));
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (seen.has(id)) return 0;
    seen.add(id);
    const value = Math.max(0, ...(uses.get(id) ?? []).map((used) => depthOf(used, seen) + 1));
    depth.set(id, value);
    return value;
  };
  return segments.sort((a, b) => depthOf(a.id, new Set()) - depthOf(b.id, new Set()) || (a.id < b.id ? -1 : 1));
}

/** What definitions may refer to: the catalog of fields, the segments (with what they use) and the lists. */
export async function loadReferences(db: DbOrTx, workspaceId: string, segments: StoredSegment[]): Promise<References> {
  const [lists, catalog] = await Promise.all([
    db.selectFrom('lists').select('id').where('workspace_id', '=', workspaceId).execute(),
    loadCatalog(db, workspaceId),
  ]);
  return { catalog, segments: new Map(segments.map((segment) => [segment.id, segment.dependencies.segments])), lists: new Set(lists.map((list) => list.id)) };
}

export async function loadWorkspace(db: DbOrTx, workspaceId: string): Promise<Workspace> {
  const segments = await loadSegments(db, workspaceId);
  return { segments, refs: await loadReferences(db, workspaceId, segments) };
}

/**
 * Evaluates the affected segments (and, for the contacts that entered or exited, the
 * segments using them). The references are read only when something is to be evaluated:
 * most event batches and profile changes concern no segment.
 */
export async function reevaluate(trx: Tx, clock: Clock, workspaceId: string, affected: Affected, segments?: StoredSegment[]): Promise<void> {
  if (![...affected.values()].some((scope) => scope === 'all' || scope.size)) return;
  const ordered = segments ?? (await loadSegments(trx, workspaceId));
  const refs = await loadReferences(trx, workspaceId, ordered);
  for (const segment of ordered) {
    const scope = affected.get(segment.id);
    if (!scope || (scope !== 'all' && !scope.size)) continue;
    const changed = await evaluateSegment(trx, clock, workspaceId, segment, refs, scope === 'all' ? null : [...scope]);
    if (!changed.length) continue;
    for (const dependent of ordered) {
      if (!dependent.dependencies.segments.includes(segment.id)) continue;
      const current = affected.get(dependent.id);
      if (current === 'all') continue;
      affected.set(dependent.id, new Set([...(current ?? []), ...changed]));
    }
  }
}

/**
 * References of a saved definition that no longer resolve (an archived custom field, a
 * deleted list): the segment is flagged — shown with its problems, not evaluated, its
 * members kept — until the reference is back or the definition is edited.
 */
export function problemsOf(segment: Pick<StoredSegment, 'id' | 'definition'>, refs: References) {
  return checkDefinition(segment.definition, { ...refs, self: segment.id }, { lenient: true }).problems;
}

/** Told, in the transaction that changed them, who entered and who left a segment (journeys enrol on it). */
export type MembershipListener = (
  trx: Tx, clock: Clock, workspaceId: string, change: { segmentId: string; entered: string[]; exited: string[] },
) => Promise<void>;

const membershipListeners: MembershipListener[] = [];

export function onMembershipChanged(listener: MembershipListener): void {
  membershipListeners.push(listener);
}

/**
 * One segment, for `scope` (or everyone); a flagged segment is left as it is.
 * Returns the contacts that entered or exited.
 */
async function evaluateSegment(trx: Tx, clock: Clock, workspaceId: string, segment: StoredSegment, refs: References, scope: string[] | null): Promise<string[]> {
  if (problemsOf(segment, refs).length) return [];
  const now = clock.now();
  const predicate = compileCondition(segment.definition.match, { workspaceId, now, catalog: refs.catalog, scope });
  const inScope = (column: string) => (scope ? sql` and ${sql.ref(column)} = any(${scope}::uuid[])` : sql``);
  const payload = sql`jsonb_build_object('segmentId', ${segment.id}::uuid, 'segmentName', ${segment.name}::text, 'contactId', contact_id)`;
  const lock = sql`select pg_advisory_xact_lock(hashtextextended(${`segment:${segment.id}`}, 0))`;
  // One evaluator per segment at a time: the diff reads members and writes them. A full
  // computation (seconds on a million contacts) reads who matches before taking the lock,
  // so real-time evaluations are not held up meanwhile; a contact they moved since is theirs.
  let matching = sql`select c.id from contacts c where c.workspace_id = ${workspaceId}${inScope('c.id')} and ${predicate}`;
  let untouched = (_contact: string) => sql`true`;
  if (!scope) {
    await sql`create temporary table segment_matching on commit drop as ${matching}`.execute(trx);
    matching = sql`select id from segment_matching`;
    untouched = (contact) => sql`not exists (select 1 from segment_membership_changes h
      where h.workspace_id = ${workspaceId} and h.segment_id = ${segment.id} and h.contact_id = ${sql.ref(contact)} and h.at >= ${now}::timestamptz)`;
  }
  await lock.execute(trx);
  const { rows: [result] } = await sql<{ entered: string[]; exited: string[] }>`
    with matching as materialized (${matching}    ), entered as (
      insert into segment_members (workspace_id, segment_id, contact_id, entered_at)
      select ${workspaceId}::uuid, ${segment.id}::uuid, candidate.id, ${now}::timestamptz from matching candidate
       where not exists (select 1 from segment_members s where s.workspace_id = ${workspaceId} and s.segment_id = ${segment.id} and s.contact_id = candidate.id)
         and ${untouched('candidate.id')}
      on conflict do nothing
      returning contact_id
    ), exited as (
      delete from segment_members candidate
       where candidate.workspace_id = ${workspaceId} and candidate.segment_id = ${segment.id}${inScope('candidate.contact_id')}
         and not exists (select 1 from matching m where m.id = candidate.contact_id)
         and ${untouched('candidate.contact_id')}
      returning contact_id
    ), history as (
      insert into segment_membership_changes (workspace_id, segment_id, contact_id, entered, at)
      select ${workspaceId}::uuid, ${segment.id}::uuid, contact_id, true, ${now}::timestamptz from entered
      union all select ${workspaceId}::uuid, ${segment.id}::uuid, contact_id, false, ${now}::timestamptz from exited
    ), outbox as (
      insert into domain_events (workspace_id, topic, subject_id, payload, created_at)
      select ${workspaceId}::uuid, 'segment.entered', contact_id, ${payload}, ${now}::timestamptz from entered
      union all select ${workspaceId}::uuid, 'segment.exited', contact_id, ${payload}, ${now}::timestamptz from exited
    ), counted as (
      update segments set member_count = member_count + (select count(*) from entered) - (select count(*) from exited), computed_at = ${now}::timestamptz
       where workspace_id = ${workspaceId} and id = ${segment.id}
    )
    select coalesce((select array_agg(contact_id) from entered), '{}') as entered, coalesce((select array_agg(contact_id) from exited), '{}') as exited`.execute(trx);
  if (!scope) await sql`drop table segment_matching`.execute(trx);
  const changed = [...result!.entered, ...result!.exited];
  if (changed.length) {
    await sql`select pg_notify(${domainEventsChannel}, ${workspaceId})`.execute(trx);
    for (const listener of membershipListeners) await listener(trx, clock, workspaceId, { segmentId: segment.id, entered: result!.entered, exited: result!.exited });
  }
  return changed;
}

/** Contacts matching a definition right now, counted, with a sample (the builder's live preview). */
export async function previewDefinition(db: DbOrTx, clock: Clock, workspaceId: string, definition: SegmentDefinition, catalog: Catalog) {
  const predicate = compileCondition(definition.match, { workspaceId, now: clock.now(), catalog });
  const [{ rows: [counted] }, { rows: sample }] = await Promise.all([
    sql<{ count: string }>`select count(*) from contacts c where c.workspace_id = ${workspaceId} and ${predicate}`.execute(db),
    sql<{ id: string; first_name: string | null; last_name: string | null; email: string | null }>`
      select c.id, c.first_name, c.last_name, c.email from contacts c where c.workspace_id = ${workspaceId} and ${predicate}
       order by c.created_at desc, c.id desc limit 10`.execute(db),
  ]);
  return {
    count: Number(counted!.count),
    sample: sample.map((row) => ({ id: row.id, email: row.email, name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email || 'Unnamed contact' })),
  };
}
