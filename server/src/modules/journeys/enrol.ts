import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { type JourneyVersion, loadVersion } from './journeys.js';
import { scheduleRuns } from './timers.js';

export interface EnrolResult {
  enrolled: { contactId: string; enrolmentId: string }[];
  refused: { contactId: string; reason: string }[];
}

/**
 * Enrols contacts in a live journey at its trigger, obeying the entry rules: one enrolment
 * in flight per contact, re-entry (never / after N days / always) and the cap on contacts in
 * flight. One statement for all of them; the first step runs at once, in the background.
 * `explain` says why each refused contact was refused (the API answers with it).
 */
export async function enrol(
  db: DbOrTx, clock: Clock, workspaceId: string, journey: JourneyVersion, contactIds: string[], options: { explain?: boolean; notEnteredSince?: Date } = {},
): Promise<EnrolResult> {
  const ids = [...new Set(contactIds)];
  if (!ids.length) return { enrolled: [], refused: [] };
  const now = clock.now();
  const { reentry, maxInFlight } = journey.rules;
  let room: number | null = null;
  if (maxInFlight !== null) {
    // The cap is counted under the journey's row lock, so two triggers cannot both take the last place.
    await sql`select 1 from journeys where workspace_id = ${workspaceId} and id = ${journey.journeyId} for update`.execute(db);
    const { rows: [counted] } = await sql<{ n: string }>`
      select count(*) as n from journey_enrolments where workspace_id = ${workspaceId} and journey_id = ${journey.journeyId} and status = 'active'`.execute(db);
    room = Math.max(0, maxInFlight - Number(counted!.n));
  }
  const blocking = reentry.mode === 'never' ? sql`true`
    : reentry.mode === 'after' ? sql`e.finished_at > ${now}::timestamptz - make_interval(days => ${reentry.days})`
      : sql`false`;
  const sameDay = options.notEnteredSince ? sql` or e.entered_at >= ${options.notEnteredSince}::timestamptz` : sql``;
  const { rows } = await sql<{ id: string; contact_id: string }>`
    with eligible as (
      select c.id from contacts c
       where c.workspace_id = ${workspaceId} and c.id = any(${ids}::uuid[])
         and not exists (select 1 from journey_enrolments e where e.workspace_id = ${workspaceId} and e.journey_id = ${journey.journeyId} and e.contact_id = c.id
                            and (e.status = 'active' or ${blocking}${sameDay}))
       order by c.id
       ${room === null ? sql`` : sql`limit ${room}`}
    )
    insert into journey_enrolments (workspace_id, journey_id, version, contact_id, node_id, phase, due_at, entered_at)
    select ${workspaceId}::uuid, ${journey.journeyId}::uuid, ${journey.version}::int, id, ${journey.trigger.id}, 'enter', ${now}::timestamptz, ${now}::timestamptz from eligible
    on conflict do nothing
    returning id, contact_id`.execute(db);
  if (rows.length) await scheduleRuns(db, clock, [now]);
  const enrolled = rows.map((row) => ({ contactId: row.contact_id, enrolmentId: row.id }));
  if (!options.explain || rows.length === ids.length) return { enrolled, refused: [] };
  return { enrolled, refused: await refusals(db, workspaceId, journey, ids.filter((id) => !rows.some((row) => row.contact_id === id)), room) };
}

async function refusals(db: DbOrTx, workspaceId: string, journey: JourneyVersion, contactIds: string[], room: number | null) {
  const { rows } = await sql<{ id: string; exists: boolean; active: boolean; earlier: boolean }>`
    select i.id, c.id is not null as exists,
           exists (select 1 from journey_enrolments e where e.workspace_id = ${workspaceId} and e.journey_id = ${journey.journeyId} and e.contact_id = i.id and e.status = 'active') as active,
           exists (select 1 from journey_enrolments e where e.workspace_id = ${workspaceId} and e.journey_id = ${journey.journeyId} and e.contact_id = i.id) as earlier
      from unnest(${contactIds}::uuid[]) as i(id) left join contacts c on c.workspace_id = ${workspaceId} and c.id = i.id`.execute(db);
  const { reentry } = journey.rules;
  return rows.map((row) => ({
    contactId: row.id,
    reason: !row.exists ? 'no such contact'
      : row.active ? 'already in this journey'
        : row.earlier && reentry.mode === 'never' ? 'has been in this journey before, and it allows no re-entry'
          : row.earlier && reentry.mode === 'after' ? `left this journey less than ${reentry.days} days ago`
            : room === 0 ? `the journey is full (${journey.rules.maxInFlight} in flight)` : 'not enrolled',
  }));
}

/** Enrols contacts in a journey by id (an "enrol in journey" step): nothing when it is not live. Returns who entered. */
export async function enrolInJourney(db: DbOrTx, clock: Clock, workspaceId: string, journeyId: string, contactIds: string[]): Promise<string[]> {
  const journey = await db.selectFrom('journeys').select(['status', 'live_version']).where('workspace_id', '=', workspaceId).where('id', '=', journeyId).executeTakeFirst();
  if (journey?.status !== 'live' || !journey.live_version) return [];
  const { enrolled } = await enrol(db, clock, workspaceId, await loadVersion(db, workspaceId, journeyId, journey.live_version), contactIds);
  return enrolled.map((entry) => entry.contactId);
}
