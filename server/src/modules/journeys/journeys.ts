import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { defaultRules, type JourneyGraph, type JourneyNode, type JourneyRules, type Trigger } from './graph.js';
import type { JourneyStatus } from './tables.js';
import { type Problem, problemsOf } from './validate.js';

export interface Draft {
  graph: JourneyGraph;
  rules: JourneyRules;
}

/** A published version: immutable, so each process keeps what it has read. */
export interface JourneyVersion {
  journeyId: string;
  journeyName: string;
  version: number;
  graph: JourneyGraph;
  rules: JourneyRules;
  nodes: Map<string, JourneyNode>;
  /** node → exit → next node */
  next: Map<string, Map<string, string>>;
  trigger: JourneyNode & { type: 'trigger' };
}

const emptyDraft: Draft = {
  graph: { nodes: [{ id: 'trigger', type: 'trigger', trigger: { kind: 'manual' }, position: { x: 0, y: 0 } }], edges: [] },
  rules: defaultRules,
};

type JourneyRow = {
  id: string; name: string; description: string | null; status: JourneyStatus; draft: unknown; live_version: number | null;
  created_at: Date; updated_at: Date;
};

export function compileVersion(journeyId: string, journeyName: string, version: number, graph: JourneyGraph, rules: JourneyRules): JourneyVersion {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const next = new Map<string, Map<string, string>>();
  for (const edge of graph.edges) next.set(edge.from, (next.get(edge.from) ?? new Map()).set(edge.handle, edge.to));
  const trigger = graph.nodes.find((node) => node.type === 'trigger') as JourneyVersion['trigger'];
  return { journeyId, journeyName, version, graph, rules: { ...defaultRules, ...rules }, nodes, next, trigger };
}

const versions = new Map<string, JourneyVersion>();

export async function loadVersion(db: DbOrTx, workspaceId: string, journeyId: string, version: number): Promise<JourneyVersion> {
  const key = `${workspaceId}:${journeyId}:${version}`;
  const cached = versions.get(key);
  if (cached) return cached;
  const row = await db.selectFrom('journey_versions as v').innerJoin('journeys as j', (join) => join.onRef('j.workspace_id', '=', 'v.workspace_id').onRef('j.id', '=', 'v.journey_id'))
    .select(['v.graph', 'v.rules', 'j.name'])
    .where('v.workspace_id', '=', workspaceId).where('v.journey_id', '=', journeyId).where('v.version', '=', version).executeTakeFirst();
  if (!row) throw notFound('Journey version');
  const compiled = compileVersion(journeyId, row.name, version, row.graph as JourneyGraph, row.rules as JourneyRules);
  if (versions.size > 5000) versions.clear();
  versions.set(key, compiled);
  return compiled;
}

/** The live journeys of a workspace whose trigger is of one of `kinds`, at their live version. */
export async function liveJourneys(db: DbOrTx, workspaceId: string, kinds: Trigger['kind'][]): Promise<JourneyVersion[]> {
  const rows = await sql<{ id: string; live_version: number }>`
    select j.id, j.live_version from journeys j join journey_versions v on v.workspace_id = j.workspace_id and v.journey_id = j.id and v.version = j.live_version
     where j.workspace_id = ${workspaceId} and j.status = 'live'
       and exists (select 1 from jsonb_array_elements(v.graph->'nodes') n where n->>'type' = 'trigger' and n->'trigger'->>'kind' = any(${kinds}::text[]))`.execute(db);
  return Promise.all(rows.rows.map((row) => loadVersion(db, workspaceId, row.id, row.live_version)));
}

async function journeyRow(db: DbOrTx, workspaceId: string, id: string, lock = false): Promise<JourneyRow> {
  let query = db.selectFrom('journeys').select(['id', 'name', 'description', 'status', 'draft', 'live_version', 'created_at', 'updated_at'])
    .where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Journey');
  return row as JourneyRow;
}

export async function getJourney(db: DbOrTx, workspaceId: string, id: string) {
  const row = await journeyRow(db, workspaceId, id);
  const draft = row.draft as Draft;
  const published = await db.selectFrom('journey_versions').select(['version', 'published_at', 'published_by'])
    .where('workspace_id', '=', workspaceId).where('journey_id', '=', id).orderBy('version', 'desc').execute();
  return {
    id: row.id, name: row.name, description: row.description, status: row.status, liveVersion: row.live_version,
    draft, problems: await problemsOf(db, workspaceId, draft.graph, draft.rules, id),
    versions: published.map((version) => ({ version: version.version, publishedAt: version.published_at, publishedBy: version.published_by })),
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export type Journey = Awaited<ReturnType<typeof getJourney>>;

export async function listJourneys(db: DbOrTx, workspaceId: string) {
  const { rows } = await sql<{
    id: string; name: string; description: string | null; status: JourneyStatus; live_version: number | null; trigger_kind: string | null;
    in_flight: string; entered: string; converted: string; updated_at: Date;
  }>`
    select j.id, j.name, j.description, j.status, j.live_version, j.updated_at,
           (select n->'trigger'->>'kind' from jsonb_array_elements(j.draft->'graph'->'nodes') n where n->>'type' = 'trigger' limit 1) as trigger_kind,
           count(e.id) filter (where e.status = 'active') as in_flight, count(e.id) as entered, count(e.id) filter (where e.status = 'converted') as converted
      from journeys j left join journey_enrolments e on e.workspace_id = j.workspace_id and e.journey_id = j.id
     where j.workspace_id = ${workspaceId}
     group by j.workspace_id, j.id
     order by j.status = 'archived', j.updated_at desc`.execute(db);
  return rows.map((row) => ({
    id: row.id, name: row.name, description: row.description, status: row.status, liveVersion: row.live_version, triggerKind: row.trigger_kind,
    inFlight: Number(row.in_flight), entered: Number(row.entered), converted: Number(row.converted), updatedAt: row.updated_at,
  }));
}

function draftFrom(input: { graph?: JourneyGraph; rules?: Partial<JourneyRules> }, current: Draft): Draft {
  return { graph: input.graph ?? current.graph, rules: { ...current.rules, ...(input.rules ?? {}) } };
}

export async function createJourney(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: { name: string; description?: string | null; graph?: JourneyGraph; rules?: Partial<JourneyRules> }) {
  const now = clock.now();
  const row = await db.insertInto('journeys').values({
    workspace_id: workspaceId, name: input.name.trim(), description: input.description ?? null, draft: JSON.stringify(draftFrom(input, emptyDraft)),
    created_by: actor.type === 'user' ? actor.id ?? null : null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'journey.created', target: { type: 'journey', id: row.id } });
  return getJourney(db, workspaceId, row.id);
}

/** Saves the draft. An invalid draft is kept (the builder saves work in progress); launching checks it. */
export async function updateJourney(db: DbOrTx, clock: Clock, workspaceId: string, id: string, input: { name?: string; description?: string | null; graph?: JourneyGraph; rules?: Partial<JourneyRules> }) {
  const row = await journeyRow(db, workspaceId, id);
  if (row.status === 'archived') throw conflict('an archived journey cannot be edited');
  await db.updateTable('journeys').set({
    name: input.name?.trim() ?? row.name, description: input.description !== undefined ? input.description : row.description,
    draft: JSON.stringify(draftFrom(input, row.draft as Draft)), updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return getJourney(db, workspaceId, id);
}

export class LaunchRefused extends Error {
  constructor(readonly problems: Problem[]) {
    super(`the journey cannot launch: ${problems.length} problem${problems.length === 1 ? '' : 's'}, first: ${problems[0]!.nodeId ? `node ${problems[0]!.nodeId}: ` : ''}${problems[0]!.message}`);
  }
}

export type Migration = { mode: 'stay' } | { mode: 'map'; mapping: Record<string, string> };

/**
 * Publishes the draft as the next version and makes it the one new contacts enter. Contacts
 * in flight stay on their version, unless a mapping moves those at a mapped node to the new
 * version's node. Returns the new version number.
 */
export async function launchJourney(trx: Tx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, migrate: Migration = { mode: 'stay' }): Promise<number> {
  const row = await journeyRow(trx, workspaceId, id, true);
  if (row.status === 'archived') throw conflict('an archived journey cannot be launched again; duplicate it');
  const draft = row.draft as Draft;
  const problems = await problemsOf(trx, workspaceId, draft.graph, draft.rules, id);
  if (problems.length) throw new LaunchRefused(problems);
  const version = (row.live_version ?? 0) + 1;
  const now = clock.now();
  await trx.insertInto('journey_versions').values({
    workspace_id: workspaceId, journey_id: id, version, graph: JSON.stringify(draft.graph), rules: JSON.stringify(draft.rules), published_at: now,
    published_by: actor.type === 'user' ? actor.id ?? null : null,
  }).execute();
  if (migrate.mode === 'map' && row.live_version) {
    const targets = new Set(draft.graph.nodes.map((node) => node.id));
    for (const [from, to] of Object.entries(migrate.mapping)) if (!targets.has(to)) throw badRequest(`node ${to} is not in the new version`, `migrate.mapping.${from}`);
    const pairs = Object.entries(migrate.mapping);
    // A moved contact starts the new node afresh: a wait there waits its full time from now.
    await sql`
      update journey_enrolments e set version = ${version}, node_id = m.to_node, phase = 'enter', due_at = ${now}::timestamptz, awaiting = null, resumed_by = null
        from unnest(${pairs.map(([from]) => from)}::text[], ${pairs.map(([, to]) => to)}::text[]) as m(from_node, to_node)
       where e.workspace_id = ${workspaceId} and e.journey_id = ${id} and e.status = 'active' and e.node_id = m.from_node`.execute(trx);
  }
  await trx.updateTable('journeys').set({ status: 'live', live_version: version, updated_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await recordAudit(trx, clock, { workspaceId, actor, action: 'journey.launched', target: { type: 'journey', id }, data: { version, migrate: migrate.mode } });
  return version;
}

const allowed: Record<'pause' | 'resume' | 'archive', JourneyStatus[]> = { pause: ['live'], resume: ['paused'], archive: ['draft', 'live', 'paused'] };

/**
 * Pause (no entries, no steps; timers fall due on resume), resume, or archive (every
 * enrolment in flight ends as exited).
 */
export async function changeStatus(trx: Tx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, action: 'pause' | 'resume' | 'archive') {
  const row = await journeyRow(trx, workspaceId, id, true);
  if (!allowed[action].includes(row.status)) throw conflict(`a ${row.status} journey cannot ${action === 'archive' ? 'be archived' : action}`);
  const status: JourneyStatus = action === 'pause' ? 'paused' : action === 'resume' ? 'live' : 'archived';
  const now = clock.now();
  await trx.updateTable('journeys').set({ status, updated_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  if (action === 'archive') {
    await sql`
      with ended as (
        update journey_enrolments set status = 'exited', finished_at = ${now}::timestamptz, exit_reason = 'journey archived', due_at = null, steps = steps + 1
         where workspace_id = ${workspaceId} and journey_id = ${id} and status = 'active'
        returning id, steps, version, node_id
      )
      insert into journey_steps (workspace_id, enrolment_id, step, journey_id, version, node_id, at, outcome, detail)
      select ${workspaceId}::uuid, id, steps, ${id}::uuid, version, node_id, ${now}::timestamptz, 'exited', 'journey archived' from ended`.execute(trx);
  }
  await recordAudit(trx, clock, { workspaceId, actor, action: `journey.${status === 'live' ? 'resumed' : status}`, target: { type: 'journey', id } });
  return status;
}

export async function getVersion(db: DbOrTx, workspaceId: string, id: string, version: number) {
  const row = await db.selectFrom('journey_versions').select(['version', 'graph', 'rules', 'published_at'])
    .where('workspace_id', '=', workspaceId).where('journey_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (!row) throw notFound('Journey version');
  return { version: row.version, graph: row.graph as JourneyGraph, rules: row.rules as JourneyRules, publishedAt: row.published_at };
}
