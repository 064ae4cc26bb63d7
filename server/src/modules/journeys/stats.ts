import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { contactSummaries } from '../contacts/index.js';
import type { JourneyGraph } from './graph.js';
import { chiSquarePValue } from '../../platform/significance.js';
import type { EnrolmentStatus } from './tables.js';

export interface NodeStats {
  /** Enrolments that reached the node. */
  entered: number;
  /** In flight at the node now. */
  waiting: number;
  /** Ended here: reached the end of the path, an exit, or the goal. */
  completed: number;
  exited: number;
  /** Of those who reached the node, how many have met the goal (now or later). */
  converted: number;
  /** Sends skipped here (frequency cap, no address). */
  skipped: number;
}

/**
 * Per node: entered / waiting / completed / exited / converted, the totals, and for each
 * random split the goal conversion of each arm with a chi-square test of whether the arms differ.
 */
export async function journeyStats(db: DbOrTx, workspaceId: string, journeyId: string, version?: number) {
  const journey = await db.selectFrom('journeys').select(['live_version', 'draft']).where('workspace_id', '=', workspaceId).where('id', '=', journeyId).executeTakeFirst();
  if (!journey) throw notFound('Journey');
  const inVersion = (alias: string) => (version ? sql` and ${sql.ref(`${alias}.version`)} = ${version}` : sql``);
  const [{ rows: passed }, { rows: resting }, { rows: arms }] = await Promise.all([
    sql<{ node_id: string; entered: string; converted: string; skipped: string }>`
      select s.node_id, count(distinct s.enrolment_id) as entered, count(distinct s.enrolment_id) filter (where e.status = 'converted') as converted,
             count(*) filter (where s.outcome = 'skipped') as skipped
        from journey_steps s join journey_enrolments e on e.workspace_id = s.workspace_id and e.id = s.enrolment_id
       where s.workspace_id = ${workspaceId} and s.journey_id = ${journeyId}${inVersion('s')}
       group by s.node_id`.execute(db),
    sql<{ node_id: string; status: EnrolmentStatus; n: string }>`
      select node_id, status, count(*) as n from journey_enrolments e
       where workspace_id = ${workspaceId} and journey_id = ${journeyId}${inVersion('e')}
       group by node_id, status`.execute(db),
    sql<{ node_id: string; arm: string; entered: string; converted: string }>`
      select s.node_id, s.outcome as arm, count(distinct s.enrolment_id) as entered, count(distinct s.enrolment_id) filter (where e.status = 'converted') as converted
        from journey_steps s join journey_enrolments e on e.workspace_id = s.workspace_id and e.id = s.enrolment_id
       where s.workspace_id = ${workspaceId} and s.journey_id = ${journeyId}${inVersion('s')}
         and s.node_id in (select n->>'id' from journey_versions v, jsonb_array_elements(v.graph->'nodes') n
                            where v.workspace_id = ${workspaceId} and v.journey_id = ${journeyId} and n->>'type' = 'random')
       group by s.node_id, s.outcome`.execute(db),
  ]);
  const nodes: Record<string, NodeStats> = {};
  const of = (nodeId: string) => (nodes[nodeId] ??= { entered: 0, waiting: 0, completed: 0, exited: 0, converted: 0, skipped: 0 });
  for (const row of passed) Object.assign(of(row.node_id), { entered: Number(row.entered), converted: Number(row.converted), skipped: Number(row.skipped) });
  const totals = { entered: 0, active: 0, completed: 0, exited: 0, converted: 0 };
  for (const row of resting) {
    const n = Number(row.n);
    totals.entered += n;
    totals[row.status === 'active' ? 'active' : row.status] += n;
    const node = of(row.node_id);
    if (row.status === 'active') node.waiting += n;
    else if (row.status === 'completed') node.completed += n;
    else if (row.status === 'exited') node.exited += n;
  }
  const graph = (version
    ? (await db.selectFrom('journey_versions').select('graph').where('workspace_id', '=', workspaceId).where('journey_id', '=', journeyId).where('version', '=', version).executeTakeFirst())?.graph
    : (journey.draft as { graph: JourneyGraph }).graph) as JourneyGraph | undefined;
  const splits = (graph?.nodes ?? []).flatMap((node) => {
    if (node.type !== 'random') return [];
    const armRows = [...node.arms.map((arm) => ({ key: arm.key, label: arm.label })), { key: 'holdout', label: 'Hold-out' }].map((arm) => {
      const row = arms.find((candidate) => candidate.node_id === node.id && candidate.arm === arm.key);
      const entered = Number(row?.entered ?? 0);
      const converted = Number(row?.converted ?? 0);
      return { ...arm, entered, converted, rate: entered ? converted / entered : null };
    }).filter((arm) => arm.key !== 'holdout' || arm.entered > 0);
    return [{ nodeId: node.id, arms: armRows, pValue: chiSquarePValue(armRows.map((arm) => [arm.converted, arm.entered - arm.converted])) }];
  });
  return { version: version ?? null, totals, nodes, splits };
}

export async function listEnrolments(db: DbOrTx, workspaceId: string, journeyId: string, filter: { status?: EnrolmentStatus; nodeId?: string; id?: string; limit: number }) {
  let query = db.selectFrom('journey_enrolments')
    .select(['id', 'contact_id', 'journey_id', 'version', 'node_id', 'status', 'due_at', 'entered_at', 'finished_at', 'exit_reason'])
    .where('workspace_id', '=', workspaceId).where('journey_id', '=', journeyId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.nodeId) query = query.where('node_id', '=', filter.nodeId);
  if (filter.id) query = query.where('id', '=', filter.id);
  const rows = await query.orderBy('entered_at', 'desc').orderBy('id').limit(filter.limit).execute();
  const names = await contactSummaries(db, workspaceId, rows.map((row) => row.contact_id));
  return rows.map((row) => ({
    id: row.id, contactId: row.contact_id, contactName: names.get(row.contact_id)?.name ?? null, contactEmail: names.get(row.contact_id)?.email ?? null,
    version: row.version, nodeId: row.node_id, status: row.status, dueAt: row.due_at, enteredAt: row.entered_at, finishedAt: row.finished_at, exitReason: row.exit_reason,
  }));
}

/** One enrolment and every step it took: which node when, which way and why. */
export async function enrolmentTrace(db: DbOrTx, workspaceId: string, journeyId: string, enrolmentId: string) {
  const [enrolment] = await listEnrolments(db, workspaceId, journeyId, { id: enrolmentId, limit: 1 });
  if (!enrolment) throw notFound('Enrolment');
  const steps = await db.selectFrom('journey_steps').select(['step', 'node_id', 'at', 'outcome', 'detail'])
    .where('workspace_id', '=', workspaceId).where('enrolment_id', '=', enrolmentId).orderBy('step').execute();
  return { enrolment, steps: steps.map((step) => ({ step: step.step, nodeId: step.node_id, at: step.at, outcome: step.outcome, detail: step.detail })) };
}

/** A contact's enrolments in every journey, newest first (the contact page's card). */
export async function contactJourneys(db: DbOrTx, workspaceId: string, contactId: string) {
  const rows = await db.selectFrom('journey_enrolments as e')
    .innerJoin('journeys as j', (join) => join.onRef('j.workspace_id', '=', 'e.workspace_id').onRef('j.id', '=', 'e.journey_id'))
    .select(['e.id', 'e.journey_id', 'j.name', 'e.version', 'e.node_id', 'e.status', 'e.due_at', 'e.entered_at', 'e.finished_at', 'e.exit_reason'])
    .where('e.workspace_id', '=', workspaceId).where('e.contact_id', '=', contactId).orderBy('e.entered_at', 'desc').limit(100).execute();
  return rows.map((row) => ({
    id: row.id, journeyId: row.journey_id, journeyName: row.name, version: row.version, nodeId: row.node_id, status: row.status,
    dueAt: row.due_at, enteredAt: row.entered_at, finishedAt: row.finished_at, exitReason: row.exit_reason,
  }));
}
