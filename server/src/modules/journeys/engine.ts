import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { withSavepoint } from '../../platform/db/savepoint.js';
import { isHttpError } from '../../platform/http/errors.js';
import type { Condition } from '../segments/index.js';
import { matching } from './conditions.js';
import type { EventTrigger, JourneyNode } from './graph.js';
import { type JourneyVersion, loadVersion } from './journeys.js';
import { handlers } from './nodes.js';
import type { EnrolmentStatus } from './tables.js';
import { scheduleRuns } from './timers.js';

/** An enrolment in motion: where it is, and whether it arrives at the node or resumes a wait there. */
export interface Traveller {
  enrolmentId: string;
  journeyId: string;
  version: number;
  contactId: string;
  nodeId: string;
  phase: 'enter' | 'wait';
  steps: number;
  resumedBy: 'event' | 'timeout' | null;
}

/** What a node does with a traveller: send it out by an exit, hold it, or end its enrolment. */
export type Outcome =
  | { kind: 'go'; exit: string; detail?: string | null; trace?: string }
  | { kind: 'wait'; until: Date | null; awaiting?: EventTrigger; detail: string }
  | { kind: 'end'; status: Exclude<EnrolmentStatus, 'active'>; detail: string };

/** What the engine and the simulator share: where a batch runs, when, and whether effects happen. */
export interface RunScope {
  ctx: AppContext;
  db: DbOrTx;
  workspaceId: string;
  now: Date;
  /** Simulation: conditions are read, nothing is written or sent. */
  dryRun: boolean;
  /** What sends would have happened (filled in a dry run). */
  wouldSend: { contactId: string; templateId: string; at: Date; outcome: string }[];
  /** The graph every traveller follows (a simulation of a draft); otherwise each one's published version. */
  version?: JourneyVersion;
}

export interface TraceStep {
  enrolmentId: string;
  journeyId: string;
  version: number;
  step: number;
  nodeId: string;
  at: Date;
  outcome: string;
  detail: string | null;
}

/** Where a traveller stopped at the end of a batch. */
export interface Resting {
  traveller: Traveller;
  status: EnrolmentStatus;
  dueAt: Date | null;
  awaiting: EventTrigger | null;
  exitReason: string | null;
}

/** A step's effect's idempotency key: the enrolment, the node and the visit (step number). */
export const stepKey = (traveller: Traveller) => `journey:${traveller.enrolmentId}:${traveller.nodeId}:${traveller.steps}`;

/** A condition no contact meets: stands in for a goal or exit a journey does not have. */
const never: Condition = { type: 'or', conditions: [] };

/** More hops than this in one batch means a loop the validator should have refused. */
const maxHops = 100;

/**
 * Moves travellers through their graphs until each waits or ends. Work is grouped by node so
 * each node runs once for everyone at it (one statement per condition or action, not one per
 * contact). Before anything runs, the goal and exit conditions end the enrolments that meet them.
 * `checkOnly` travellers are only checked against the goal and exits (something they read changed).
 */
export async function advance(scope: RunScope, travellers: Traveller[], checkOnly: Set<string> = new Set()): Promise<{ resting: Resting[]; trace: TraceStep[] }> {
  const resting: Resting[] = [];
  const trace: TraceStep[] = [];
  const versions = new Map<string, JourneyVersion>();
  const versionOf = async (traveller: Traveller) => {
    const key = `${traveller.journeyId}:${traveller.version}`;
    if (scope.version) return scope.version;
    let version = versions.get(key);
    if (!version) versions.set(key, version = await loadVersion(scope.db, scope.workspaceId, traveller.journeyId, traveller.version));
    return version;
  };
  const record = (traveller: Traveller, outcome: string, detail: string | null) => {
    traveller.steps += 1;
    trace.push({
      enrolmentId: traveller.enrolmentId, journeyId: traveller.journeyId, version: traveller.version, step: traveller.steps,
      nodeId: traveller.nodeId, at: scope.now, outcome, detail,
    });
  };
  const end = (traveller: Traveller, status: Resting['status'], detail: string) => {
    record(traveller, status, detail);
    resting.push({ traveller, status, dueAt: null, awaiting: null, exitReason: detail });
  };

  let frontier: Traveller[] = [];
  for (const group of groupBy(travellers, (traveller) => `${traveller.journeyId}:${traveller.version}`).values()) {
    const version = await versionOf(group[0]!);
    const ended = await goalsAndExits(scope, version, group.map((traveller) => traveller.contactId));
    for (const traveller of group) {
      const ending = ended.get(traveller.contactId);
      if (ending) end(traveller, ending.status, ending.detail);
      else if (!checkOnly.has(traveller.enrolmentId)) frontier.push(traveller);
    }
  }

  for (let hop = 0; frontier.length && hop < maxHops; hop++) {
    const moving: Traveller[] = [];
    for (const group of groupBy(frontier, (traveller) => `${traveller.journeyId}:${traveller.version}:${traveller.nodeId}:${traveller.phase}`).values()) {
      const version = await versionOf(group[0]!);
      const node = version.nodes.get(group[0]!.nodeId);
      if (!node) {
        for (const traveller of group) end(traveller, 'exited', 'its node is not in the journey any more');
        continue;
      }
      const outcomes = await runNode(scope, node, group, version);
      for (const [index, traveller] of group.entries()) {
        const outcome = outcomes[index]!;
        if (outcome.kind === 'end') { end(traveller, outcome.status, outcome.detail); continue; }
        if (outcome.kind === 'wait') {
          record(traveller, 'waiting', outcome.detail);
          resting.push({ traveller: { ...traveller, phase: 'wait', resumedBy: null }, status: 'active', dueAt: outcome.until, awaiting: outcome.awaiting ?? null, exitReason: null });
          continue;
        }
        record(traveller, outcome.trace ?? outcome.exit, outcome.detail ?? null);
        const next = version.next.get(node.id)?.get(outcome.exit);
        if (next) moving.push({ ...traveller, nodeId: next, phase: 'enter', resumedBy: null });
        else if (outcome.exit === 'holdout') {
          // A hold-out with nowhere to go stays in flight, so its conversion compares with the arms'.
          resting.push({ traveller: { ...traveller, phase: 'wait', resumedBy: null }, status: 'active', dueAt: null, awaiting: null, exitReason: null });
        } else end(traveller, 'completed', 'reached the end of its path');
      }
    }
    frontier = moving;
  }
  for (const traveller of frontier) end(traveller, 'exited', 'went round a loop without waiting');
  return { resting, trace };
}

/**
 * One node for a group, in a savepoint: a step refused for what it was asked to do (a value
 * a field no longer accepts, a list since deleted) ends those enrolments as failed — the
 * reason in their trace — instead of failing the batch again and again. Anything else (the
 * database unavailable) fails the batch, which is retried.
 */
async function runNode(scope: RunScope, node: JourneyNode, group: Traveller[], version: JourneyVersion): Promise<Outcome[]> {
  try {
    return await withSavepoint(scope.db, () => handlers[node.type](scope, node as never, group, version));
  } catch (error) {
    if (!isHttpError(error)) throw error;
    return group.map(() => ({ kind: 'end', status: 'exited', detail: `failed: ${error.message}` }));
  }
}

/** Enrolments whose contact now meets the journey's goal (converted) or an exit condition (exited). */
async function goalsAndExits(scope: RunScope, version: JourneyVersion, contactIds: string[]) {
  const ended = new Map<string, { status: 'converted' | 'exited'; detail: string }>();
  const { goal, exitWhen } = version.rules;
  if (!goal && !exitWhen) return ended;
  const [goalMet, exitMet] = await matching(scope, [...new Set(contactIds)], [goal ?? never, exitWhen ?? never]);
  for (const id of exitMet!) ended.set(id, { status: 'exited', detail: 'met an exit condition' });
  // The goal wins over an exit met at the same moment.
  for (const id of goalMet!) ended.set(id, { status: 'converted', detail: 'met the goal' });
  return ended;
}

export function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

type ClaimedRow = {
  id: string; workspace_id: string; journey_id: string; version: number; contact_id: string; node_id: string; phase: 'enter' | 'wait';
  steps: number; resumed_by: 'event' | 'timeout' | null; due: boolean;
};

/**
 * One batch of due work, in one transaction: claims up to `limit` enrolments that are due
 * (or must have their goal checked) with SKIP LOCKED, advances them, writes where each rests
 * and the trace, and schedules the next timers. A worker that dies mid-batch rolls it all
 * back: another claims the same rows and, by the same idempotency keys, repeats nothing.
 * Returns how many enrolments it claimed.
 */
export async function runDue(ctx: AppContext, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const live = (alias: string) => sql`exists (select 1 from journeys j where j.workspace_id = ${sql.ref(`${alias}.workspace_id`)} and j.id = ${sql.ref(`${alias}.journey_id`)} and j.status = 'live')`;
    const { rows: claimed } = await sql<ClaimedRow>`
      with due as (
        select workspace_id, id from journey_enrolments d
         where d.status = 'active' and d.due_at <= ${now}::timestamptz and ${live('d')}
         order by d.due_at limit ${limit} for update skip locked
      ), rechecks as (
        select workspace_id, id from journey_enrolments r
         where r.status = 'active' and r.recheck and ${live('r')}
         limit ${limit} for update skip locked
      ), picked as (select * from due union select * from rechecks)
      update journey_enrolments e set recheck = false from picked
       where e.workspace_id = picked.workspace_id and e.id = picked.id
      returning e.id, e.workspace_id, e.journey_id, e.version, e.contact_id, e.node_id, e.phase, e.steps, e.resumed_by,
                coalesce(e.due_at <= ${now}::timestamptz, false) as due`.execute(trx);
    if (!claimed.length) return 0;
    const timers: (Date | null)[] = [];
    for (const [workspaceId, rows] of groupBy(claimed, (row) => row.workspace_id)) {
      const travellers = rows.map((row): Traveller => ({
        enrolmentId: row.id, journeyId: row.journey_id, version: row.version, contactId: row.contact_id, nodeId: row.node_id, phase: row.phase,
        steps: row.steps, resumedBy: row.phase === 'wait' ? row.resumed_by ?? 'timeout' : null,
      }));
      const checkOnly = new Set(rows.filter((row) => !row.due).map((row) => row.id));
      const scope: RunScope = { ctx, db: trx, workspaceId, now, dryRun: false, wouldSend: [] };
      const { resting, trace } = await advance(scope, travellers, checkOnly);
      await writeBack(trx, workspaceId, now, resting, trace);
      timers.push(...resting.filter((rest) => rest.status === 'active').map((rest) => rest.dueAt));
    }
    await scheduleRuns(trx, ctx.clock, timers);
    return claimed.length;
  });
}

async function writeBack(db: DbOrTx, workspaceId: string, now: Date, resting: Resting[], trace: TraceStep[]): Promise<void> {
  if (resting.length) {
    const column = <T>(of: (rest: Resting) => T) => resting.map(of);
    await sql`
      update journey_enrolments e
         set node_id = r.node_id, phase = r.phase, steps = r.steps, status = r.status, due_at = r.due_at, awaiting = r.awaiting, resumed_by = null,
             finished_at = case when r.status = 'active' then null else ${now}::timestamptz end, exit_reason = r.exit_reason
        from unnest(${column((rest) => rest.traveller.enrolmentId)}::uuid[], ${column((rest) => rest.traveller.nodeId)}::text[],
                    ${column((rest) => rest.traveller.phase)}::text[], ${column((rest) => rest.traveller.steps)}::int[], ${column((rest) => rest.status)}::text[],
                    ${column((rest) => rest.dueAt)}::timestamptz[], ${column((rest) => (rest.awaiting ? JSON.stringify(rest.awaiting) : null))}::jsonb[],
                    ${column((rest) => rest.exitReason)}::text[])
             as r(id, node_id, phase, steps, status, due_at, awaiting, exit_reason)
       where e.workspace_id = ${workspaceId} and e.id = r.id`.execute(db);
  }
  if (trace.length) {
    const column = <T>(of: (step: TraceStep) => T) => trace.map(of);
    await sql`
      insert into journey_steps (workspace_id, enrolment_id, step, journey_id, version, node_id, at, outcome, detail)
      select ${workspaceId}::uuid, t.* from unnest(
        ${column((step) => step.enrolmentId)}::uuid[], ${column((step) => step.step)}::int[], ${column((step) => step.journeyId)}::uuid[],
        ${column((step) => step.version)}::int[], ${column((step) => step.nodeId)}::text[], ${column((step) => step.at)}::timestamptz[],
        ${column((step) => step.outcome)}::text[], ${column((step) => step.detail)}::text[]) as t`.execute(db);
  }
}

/** Runs due batches until none is left or `budgetMs` has passed (then another job carries on). */
export async function runUntilIdle(ctx: AppContext, options: { limit?: number; budgetMs?: number } = {}): Promise<{ claimed: number; more: boolean }> {
  const limit = options.limit ?? 500;
  const started = Date.now();
  let claimed = 0;
  for (;;) {
    const batch = await runDue(ctx, limit);
    claimed += batch;
    if (batch < limit) return { claimed, more: false };
    if (Date.now() - started > (options.budgetMs ?? 20_000)) return { claimed, more: true };
  }
}
