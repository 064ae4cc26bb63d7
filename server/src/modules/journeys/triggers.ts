import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { ContactChange } from '../contacts/index.js';
import type { StoredBatch } from '../events/index.js';
import { scoresOf } from '../scoring/index.js';
import { eventPredicate } from '../segments/index.js';
import { enrol } from './enrol.js';
import type { EventTrigger, Trigger } from './graph.js';
import { type JourneyVersion, liveJourneys } from './journeys.js';
import { scheduleRuns } from './timers.js';

/**
 * What enrols contacts and wakes them: every listener runs in the transaction of the change
 * it hears of (an event batch, a segment's entries and exits, a stage, a score), so a contact
 * is enrolled if and only if that change committed.
 */
const triggerOf = <K extends Trigger['kind']>(journey: JourneyVersion) => journey.trigger.trigger as Extract<Trigger, { kind: K }>;

/** The contacts (of a stored batch) that performed an event matching `condition`. */
async function performers(db: DbOrTx, workspaceId: string, batch: StoredBatch, condition: EventTrigger): Promise<string[]> {
  const ids = batch.events.filter((event) => event.contactId).map((event) => event.id);
  if (!ids.length) return [];
  const times = batch.events.map((event) => event.occurredAt.getTime());
  const { rows } = await sql<{ contact_id: string }>`
    select distinct e.contact_id from events e
     where e.workspace_id = ${workspaceId} and e.id = any(${ids}::bigint[]) and e.contact_id is not null
       and e.occurred_at between ${new Date(Math.min(...times))}::timestamptz and ${new Date(Math.max(...times))}::timestamptz
       and ${eventPredicate(workspaceId, condition)}`.execute(db);
  return rows.map((row) => row.contact_id);
}

/** The event fan-out consumer: event triggers, waits for an event, and goals that read events. */
export async function onEvents(trx: Tx, ctx: AppContext, workspaceId: string, batch: StoredBatch): Promise<void> {
  const contactIds = [...new Set([...batch.events.flatMap((event) => (event.contactId ? [event.contactId] : [])), ...batch.relinkedContacts])];
  if (!contactIds.length) return;
  for (const journey of await liveJourneys(trx, workspaceId, ['event'])) {
    await enrol(trx, ctx.clock, workspaceId, journey, await performers(trx, workspaceId, batch, triggerOf<'event'>(journey).condition));
  }
  await resumeWaiting(trx, ctx.clock, workspaceId, batch, contactIds);
  await flagForRecheck(trx, ctx.clock, workspaceId, contactIds);
}

/** Contacts waiting at a "wait for event" node who just did it leave by its `event` exit, now. */
async function resumeWaiting(trx: Tx, clock: Clock, workspaceId: string, batch: StoredBatch, contactIds: string[]): Promise<void> {
  const { rows: awaited } = await sql<{ awaiting: EventTrigger }>`
    select distinct awaiting from journey_enrolments
     where workspace_id = ${workspaceId} and status = 'active' and awaiting is not null and contact_id = any(${contactIds}::uuid[])`.execute(trx);
  const now = clock.now();
  let resumed = 0;
  for (const { awaiting } of awaited) {
    const done = await performers(trx, workspaceId, batch, awaiting);
    if (!done.length) continue;
    const { rows } = await sql`
      update journey_enrolments set due_at = ${now}::timestamptz, resumed_by = 'event', awaiting = null
       where workspace_id = ${workspaceId} and status = 'active' and awaiting = ${JSON.stringify(awaiting)}::jsonb and contact_id = any(${done}::uuid[])
      returning id`.execute(trx);
    resumed += rows.length;
  }
  if (resumed) await scheduleRuns(trx, clock, [now]);
}

/**
 * Something the goal or an exit condition of a journey may read changed for these contacts:
 * their enrolments are checked at once rather than at their next step. Enrolments a worker is
 * moving right now are skipped (it checks them itself), so this never waits on a batch.
 */
export async function flagForRecheck(db: DbOrTx, clock: Clock, workspaceId: string, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  const { rows } = await sql`
    update journey_enrolments e set recheck = true
     where (e.workspace_id, e.id) in (
       select c.workspace_id, c.id from journey_enrolments c
         join journey_versions v on v.workspace_id = c.workspace_id and v.journey_id = c.journey_id and v.version = c.version
        where c.workspace_id = ${workspaceId} and c.contact_id = any(${contactIds}::uuid[]) and c.status = 'active' and not c.recheck
          and (jsonb_typeof(v.rules->'goal') = 'object' or jsonb_typeof(v.rules->'exitWhen') = 'object')
        for update of c skip locked)
    returning e.id`.execute(db);
  if (rows.length) await scheduleRuns(db, clock, [clock.now()]);
}

/** Segment entries and exits: segment triggers, and goals such as "left the segment". */
export async function onMembershipChanged(trx: Tx, clock: Clock, workspaceId: string, change: { segmentId: string; entered: string[]; exited: string[] }): Promise<void> {
  for (const journey of await liveJourneys(trx, workspaceId, ['segment_entered', 'segment_exited'])) {
    const trigger = triggerOf<'segment_entered' | 'segment_exited'>(journey);
    if (trigger.segmentId !== change.segmentId) continue;
    await enrol(trx, clock, workspaceId, journey, trigger.kind === 'segment_entered' ? change.entered : change.exited);
  }
  await flagForRecheck(trx, clock, workspaceId, [...change.entered, ...change.exited]);
}

/** The contacts change feed: lifecycle stage triggers, and goals on any field. */
export async function onContactsChanged(trx: Tx, ctx: AppContext, workspaceId: string, changes: ContactChange[]): Promise<void> {
  const staged = changes.filter((change) => change.fields.includes('lifecycleStage') || change.fields.includes('*')).map((change) => change.id);
  if (staged.length) {
    for (const journey of await liveJourneys(trx, workspaceId, ['stage_changed'])) {
      const trigger = triggerOf<'stage_changed'>(journey);
      const reached = await trx.selectFrom('contacts').select('id')
        .where('workspace_id', '=', workspaceId).where('id', 'in', staged).where('lifecycle_stage', '=', trigger.to).execute();
      await enrol(trx, ctx.clock, workspaceId, journey, reached.map((row) => row.id));
    }
  }
  await flagForRecheck(trx, ctx.clock, workspaceId, changes.map((change) => change.id));
}

/**
 * Scores changed: a score trigger enrols a contact when it rises to the threshold. A mark
 * remembers who is above it, so staying above does not enrol again; falling below clears it.
 */
export async function onScoresChanged(trx: Tx, ctx: AppContext, workspaceId: string, contactIds: string[]): Promise<void> {
  const journeys = await liveJourneys(trx, workspaceId, ['score_crossed']);
  if (journeys.length) {
    const scores = await scoresOf(trx, workspaceId, contactIds);
    for (const journey of journeys) {
      const trigger = triggerOf<'score_crossed'>(journey);
      const value = (id: string) => Number(trigger.score === 'fit' ? scores.get(id)?.fit ?? 0 : scores.get(id)?.engagement ?? 0);
      const above = contactIds.filter((id) => value(id) >= trigger.threshold);
      const below = contactIds.filter((id) => value(id) < trigger.threshold);
      if (below.length) {
        await trx.deleteFrom('journey_score_marks').where('workspace_id', '=', workspaceId).where('journey_id', '=', journey.journeyId).where('contact_id', 'in', below).execute();
      }
      if (!above.length) continue;
      const crossed = await trx.insertInto('journey_score_marks')
        .values(above.map((contactId) => ({ workspace_id: workspaceId, journey_id: journey.journeyId, contact_id: contactId })))
        .onConflict((oc) => oc.doNothing()).returning('contact_id').execute();
      await enrol(trx, ctx.clock, workspaceId, journey, crossed.map((row) => row.contact_id));
    }
  }
  await flagForRecheck(trx, ctx.clock, workspaceId, contactIds);
}

/**
 * Date triggers, hourly: contacts whose date field plus the offset is today (UTC) enter once
 * the trigger's hour has come, once a day at most.
 */
export async function enrolByDates(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const workspaces = await ctx.db.selectFrom('journeys').select('workspace_id').distinct().where('status', '=', 'live').execute();
  for (const { workspace_id: workspaceId } of workspaces) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const journey of await liveJourneys(trx, workspaceId, ['date_field'])) {
        const trigger = triggerOf<'date_field'>(journey);
        if (now.getUTCHours() < (trigger.hour ?? 0)) continue;
        const key = trigger.field.replace(/^custom\./, '');
        const { rows } = await sql<{ id: string }>`
          select id from contacts
           where workspace_id = ${workspaceId} and custom->>${key} ~ '^\\d{4}-\\d{2}-\\d{2}'
             and (substr(custom->>${key}, 1, 10))::date + ${trigger.offsetDays}::int = ${today.toISOString().slice(0, 10)}::date`.execute(trx);
        await enrol(trx, ctx.clock, workspaceId, journey, rows.map((row) => row.id), { notEnteredSince: today });
      }
    });
  }
}
