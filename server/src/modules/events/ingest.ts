import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { copyField, copyInto, prepared, type Tx } from '../../platform/db/database.js';
import type { AuditActor } from '../accounts/index.js';
import { contactsByIdentity, lookupIdentities, recordTouches, type Touch } from '../contacts/index.js';
import { normaliseEmail } from '../../platform/text.js';
import { publishBatch } from './fanout.js';
import { alias, group, identify, type IdentityScope, linkVisitors, type VisitorState } from './identity.js';
import { ensureEventPartitions } from './partitions.js';
import { campaignContext, type EventRejection, type IncomingEvent, pageOf } from './payload.js';
import { assignSessions, type SessionAssignment, type SessionDelta } from './sessions.js';
import { cachedTrackingSettings } from './settings.js';
import { visitorBucket } from './visitor-buckets.js';
import { classifyTouch } from './touchpoints.js';

/**
 * Stores a batch of events in one transaction, so the 200 the caller gets means every
 * accepted event is durable, and resolves identity on the way:
 *
 *  1. drop messageIds seen before (a retried batch stores nothing twice) and lock the
 *     batch's visitors; then read them (creating new ones) with their current visits, and
 *     look up the userIds, emails and groupIds the batch names;
 *  2. run identify, alias and group calls in time order (they link visitors to contacts,
 *     create, update and merge contacts and companies);
 *  3. resolve every event's contact, assign visits, classify the touchpoint;
 *  4. add up the visits, copy the events in, record first/last touch,
 *     publish to the consumers.
 */
export interface IngestSource {
  workspaceId: string;
  actor: AuditActor;
  /** The source a contact created here is given (a form's contacts come from the form); default `tracking`. */
  contactSource?: string;
}

export interface IngestResult {
  stored: number;
  duplicates: number;
  rejected: EventRejection[];
}

/**
 * Work another module does in the same transaction once identity is resolved (a form's
 * submission and consent): `contactOf` gives each stored event's contact by messageId.
 */
export type IngestFollowUp = (trx: Tx, contactOf: (messageId: string) => string | null) => Promise<void>;

export async function ingestEvents(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>, source: IngestSource, events: IncomingEvent[], followUp?: IngestFollowUp,
): Promise<IngestResult> {
  const { workspaceId } = source;
  const settings = await cachedTrackingSettings(ctx.db, workspaceId);
  const rejected: EventRejection[] = [];
  const accepted = events.filter((event) => {
    if (event.occurredAt.getTime() >= event.receivedAt.getTime() - settings.retentionDays * 86_400_000) return true;
    rejected.push({ index: event.index, field: 'timestamp', message: `the event happened before this workspace's retention of ${settings.retentionDays} days` });
    return false;
  });
  // The same messageId twice in one batch is one event.
  const unique = [...new Map(accepted.map((event) => [event.messageId, event])).values()]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.index - b.index);
  if (!unique.length) return { stored: 0, duplicates: accepted.length, rejected };
  await ensureEventPartitions(ctx.db, unique.map((event) => event.occurredAt));

  const stored = await ctx.db.transaction().execute(async (trx) => {
    const fresh = await claimBatch(trx, workspaceId, unique);
    if (!fresh.length) return 0;
    const visitors = await loadVisitors(trx, workspaceId, fresh);
    const known = await lookupIdentities(trx, workspaceId, idsNamedIn(fresh, visitors));
    const scope: IdentityScope = {
      trx, clock: ctx.clock, logger: ctx.logger, workspaceId, actor: source.actor, contactSource: source.contactSource ?? 'tracking', settings, visitors, relinked: new Set(), known, changed: new Set(),
    };
    for (const event of fresh) {
      if (event.type === 'identify') await identify(scope, event);
      else if (event.type === 'alias') await alias(scope, event);
    }
    const contactOf = await resolveContacts(scope, fresh);
    for (const event of fresh) if (event.type === 'group') await group(scope, event, contactOf(event));

    const deltas = new Map<string, SessionDelta>();
    const lines = placeInVisits(scope, fresh, contactOf, deltas);
    const ids = await writeBatch(scope, lines, deltas);
    await updateTouches(scope, [...deltas.values()].filter((delta) => delta.isNew));
    await publishBatch(trx, ctx.clock, workspaceId, ids.map((id, i) => ({ id, occurredAt: fresh[i]!.occurredAt })), [...scope.relinked]);
    if (followUp) {
      const byMessage = new Map(fresh.map((event) => [event.messageId, event]));
      await followUp(trx, (messageId) => {
        const event = byMessage.get(messageId);
        return event ? contactOf(event) : null;
      });
    }
    return fresh.length;
  });
  return { stored, duplicates: accepted.length - stored, rejected };
}

/**
 * Inserts the receipts (the events whose messageId was seen before are dropped) and takes
 * a transaction-scoped advisory lock per visitor bucket of the batch, in one order for every
 * batch: concurrent batches build one visitor's visits one after the other, without
 * deadlocks, and without writing a row lock per visitor.
 */
async function claimBatch(trx: Tx, workspaceId: string, events: IncomingEvent[]): Promise<IncomingEvent[]> {
  const buckets = [...new Set(events.map((event) => visitorBucket(event.visitorKey)))].sort((a, b) => a - b);
  // Lists travel as JSON text: serialised natively, where pg's array literals are built in JS.
  // A receipt is kept a week (for retries), so the group's one arrival time is precise enough.
  // Only when some messageIds were seen before (a retry) do the new ones come back as a list.
  const { rows: [claimed] } = await sql<{ fresh: string[] | null }>`${prepared}
    with receipts as (
      insert into event_receipts (workspace_id, message_id, received_at)
      select ${workspaceId}, id, ${events[0]!.receivedAt} from json_array_elements_text(${JSON.stringify(events.map((event) => event.messageId))}::json) as id
      on conflict do nothing returning message_id
    ), locks as (
      select pg_advisory_xact_lock(hashtext(${workspaceId}), bucket::int) from json_array_elements_text(${JSON.stringify(buckets)}::json) as bucket
    )
    select case when (select count(*) from receipts) = ${events.length} then null else (select coalesce(json_agg(message_id), '[]') from receipts) end as fresh,
           (select count(*) from locks) as locked`.execute(trx);
  if (!claimed!.fresh) return events;
  const fresh = new Set(claimed!.fresh);
  return events.filter((event) => fresh.has(event.messageId));
}

/**
 * After the locks (a later statement, so it reads what the previous holder committed):
 * creates unseen visitors and reads each visitor's contact and current visit.
 */
async function loadVisitors(trx: Tx, workspaceId: string, events: IncomingEvent[]): Promise<Map<string, VisitorState>> {
  const firstSeen = new Map<string, { key: string; at: Date; userId: string | null }>();
  for (const event of events) {
    if (!firstSeen.has(event.visitorKey)) firstSeen.set(event.visitorKey, { key: event.visitorKey, at: event.occurredAt, userId: event.userId });
  }
  const keys = [...firstSeen.keys()];
  // One JSON value back, a [key, userId, contactId, visitId, last event ms, touchKey()] array
  // per visitor found: parsed natively, where pg would build a row object per visitor.
  const { rows: [loaded] } = await sql<{ found: [string, string | null, string | null, string | null, number | null, string | null][] }>`${prepared}
    with found as (
      select v.key, v.user_id, v.contact_id, s.id as session_id, (extract(epoch from s.last_event_at) * 1000)::float8 as last_ms,
             s.channel || '|' || s.touch_owner || '|' || coalesce(s.source, '') || '|' || coalesce(s.medium, '') || '|' || coalesce(s.campaign, '') as touch
        from visitors v
        left join lateral (
          select id, last_event_at, channel, touch_owner, source, medium, campaign from web_sessions
           where workspace_id = v.workspace_id and visitor_key = v.key order by started_at desc limit 1
        ) s on true
       where v.workspace_id = ${workspaceId} and v.key = any(array(select json_array_elements_text(${JSON.stringify(keys)}::json)))
    ), created as (
      -- Only the keys not found are inserted (no conflict check for every known visitor).
      insert into visitors (workspace_id, key, user_id, first_seen_at)
      select ${workspaceId}, v.key, v."userId", v.at
        from json_to_recordset(${JSON.stringify([...firstSeen.values()])}::json) as v(key text, "userId" text, at timestamptz)
       where v.key not in (select key from found)
      on conflict do nothing
    )
    select coalesce(json_agg(json_build_array(key, user_id, contact_id, session_id, last_ms, touch)), '[]') as found from found`.execute(trx);
  // Visitors created by this statement are not visible to it (one snapshot): they are new.
  const visitors = new Map<string, VisitorState>(keys.map((key) => [key, {
    key, userId: firstSeen.get(key)!.userId, contactId: null, sessionId: null, sessionLastAt: null, sessionTouch: null, learnedUserId: false,
  }]));
  for (const [key, userId, contactId, sessionId, lastMs, touch] of loaded!.found) {
    visitors.set(key, {
      key, userId, contactId, sessionId, sessionLastAt: lastMs === null ? null : new Date(lastMs), sessionTouch: touch, learnedUserId: false,
    });
  }
  return visitors;
}

/** The userIds, emails and groupIds a batch names, for one look-up of what they are. */
function idsNamedIn(events: IncomingEvent[], visitors: Map<string, VisitorState>) {
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const groupIds = new Set<string>();
  for (const event of events) {
    if (event.userId) userIds.add(event.userId);
    if (event.type === 'identify' && typeof event.traits.email === 'string') emails.add(normaliseEmail(event.traits.email));
    if (event.groupId) groupIds.add(event.groupId);
  }
  for (const visitor of visitors.values()) if (visitor.userId) userIds.add(visitor.userId);
  return { userIds: [...userIds], emails: [...emails], groupIds: [...groupIds] };
}

/**
 * An event's contact is its userId's, else its visitor's. A visitor that turns out to be
 * a known user (a login on a new device) is linked, bringing its anonymous history along.
 */
async function resolveContacts(scope: IdentityScope, events: IncomingEvent[]): Promise<(event: IncomingEvent) => string | null> {
  const userIds = idsNamedIn(events, scope.visitors).userIds;
  // What the batch's identify and alias calls linked is read again; otherwise the look-up made before them holds.
  const byUser = scope.changed.size
    ? await contactsByIdentity(scope.trx, scope.workspaceId, 'user_id', userIds)
    : new Map([...scope.known.byUserId].map(([userId, contact]) => [userId, contact.id]));
  for (const event of events) {
    const visitor = scope.visitors.get(event.visitorKey)!;
    if (event.userId && !visitor.userId) Object.assign(visitor, { userId: event.userId, learnedUserId: true });
    const known = byUser.get(event.userId ?? visitor.userId ?? '');
    if (known && !visitor.contactId) await linkVisitors(scope, known, { keys: [visitor.key] });
  }
  return (event) => (event.userId ? byUser.get(event.userId) : undefined) ?? scope.visitors.get(event.visitorKey)?.contactId ?? null;
}

/**
 * The columns an event is copied with (copyInto), in the order eventLine() writes them after
 * the workspace and the id.
 */
const eventColumns = 'workspace_id, id, received_at, occurred_at, type, name, message_id, anonymous_id, user_id, visitor_key, contact_id, session_id, channel, touch_owner, page_path, payload';

/** An event as the end of its COPY line (from received_at on), its payload the text it was read as. */
function eventLine(event: IncomingEvent, receivedIso: string, contactId: string | null, visit: SessionAssignment, pagePath: string | null): string {
  return `${receivedIso}\t${event.occurredAt.toISOString()}\t${event.type}\t${copyField(event.name)}\t${copyField(event.messageId)}\t${copyField(event.anonymousId)}\t`
    + `${copyField(event.userId)}\t${copyField(event.visitorKey)}\t${copyField(contactId)}\t${copyField(visit.sessionId)}\t${copyField(visit.channel)}\t`
    + `${copyField(visit.owner)}\t${copyField(pagePath)}\t${copyField(event.payloadJson)}\n`;
}

/** Assigns the events to visits and returns each one's eventLine(), in the order of `events`. */
function placeInVisits(scope: IdentityScope, events: IncomingEvent[], contactOf: (event: IncomingEvent) => string | null, deltas: Map<string, SessionDelta>): string[] {
  const byVisitor = new Map<string, IncomingEvent[]>();
  for (const event of events) {
    const list = byVisitor.get(event.visitorKey);
    if (list) list.push(event);
    else byVisitor.set(event.visitorKey, [event]);
  }
  const lines = new Map<IncomingEvent, string>();
  // The events of one request share their arrival time: formatted once.
  let receivedAt: Date | null = null;
  let receivedIso = '';
  for (const [key, visitorEvents] of byVisitor) {
    const pages = visitorEvents.map(pageOf);
    const touches = visitorEvents.map((event, i) => classifyTouch({ url: pages[i]!.url, referrer: pages[i]!.referrer, campaign: campaignContext(event) }, scope.settings));
    const assigned = assignSessions(key, scope.visitors.get(key)!, visitorEvents.map((event, i) => ({
      occurredAt: event.occurredAt, isPage: event.type === 'page' || event.type === 'screen', touch: touches[i]!,
    })), deltas);
    visitorEvents.forEach((event, i) => {
      if (event.receivedAt !== receivedAt) [receivedAt, receivedIso] = [event.receivedAt, event.receivedAt.toISOString()];
      lines.set(event, eventLine(event, receivedIso, contactOf(event), assigned[i]!, event.type === 'page' ? pages[i]!.path : null));
    });
  }
  return events.map((event) => lines.get(event)!);
}

/**
 * Two statements: the visits (new ones inserted, running ones extended) with the new events'
 * ids drawn from their sequence, then the events copied with those ids. Returns the ids in
 * the order of `lines`.
 */
async function writeBatch(scope: IdentityScope, lines: string[], deltas: Map<string, SessionDelta>): Promise<number[]> {
  const visits = [...deltas.values()].map((delta) => ({
    id: delta.id, visitor_key: delta.visitorKey, contact_id: scope.visitors.get(delta.visitorKey)?.contactId ?? null,
    started_at: delta.startedAt.toISOString(), last_event_at: delta.lastEventAt.toISOString(), event_count: delta.eventCount, page_count: delta.pageCount,
    channel: delta.touch.channel, touch_owner: delta.touch.owner, source: delta.touch.source, medium: delta.touch.medium,
    campaign: delta.touch.campaign, referrer: delta.touch.referrer, landing_page: delta.touch.landingPage,
  }));
  // Visitors change only when a userId is first seen on them (rare: a separate statement).
  const learned = [...scope.visitors.values()].filter((v) => v.learnedUserId);
  // events.id is an identity column: its sequence is events_id_seq. Ids drawn and not used
  // (a failed transaction) are only a gap.
  const { rows: [allocated] } = await sql<{ ids: number[] }>`${prepared}
    with visits as (
      insert into web_sessions (workspace_id, id, visitor_key, contact_id, started_at, last_event_at, event_count, page_count,
                                channel, touch_owner, source, medium, campaign, referrer, landing_page)
      select ${scope.workspaceId}, r.* from jsonb_to_recordset(${JSON.stringify(visits)}::jsonb) as r(
               id uuid, visitor_key text, contact_id uuid, started_at timestamptz, last_event_at timestamptz, event_count integer,
               page_count integer, channel text, touch_owner text, source text, medium text, campaign text, referrer text, landing_page text)
      on conflict (workspace_id, id) do update set
        last_event_at = greatest(web_sessions.last_event_at, excluded.last_event_at),
        event_count = web_sessions.event_count + excluded.event_count,
        page_count = web_sessions.page_count + excluded.page_count,
        contact_id = coalesce(web_sessions.contact_id, excluded.contact_id)
    )
    select json_agg(nextval('events_id_seq')) as ids from generate_series(1, ${lines.length}::int)`.execute(scope.trx);
  const ids = allocated!.ids;
  const workspace = copyField(scope.workspaceId);
  await copyInto(scope.trx, `copy events (${eventColumns}) from stdin`, lines.map((line, i) => `${workspace}\t${ids[i]}\t${line}`).join(''));
  if (learned.length) {
    await sql`
      update visitors v set user_id = l.user_id
        from unnest(${learned.map((v) => v.key)}::text[], ${learned.map((v) => v.userId)}::text[]) as l(key, user_id)
       where v.workspace_id = ${scope.workspaceId} and v.key = l.key and v.user_id is null`.execute(scope.trx);
  }
  return ids;
}

function toTouch(row: { id: string; started_at: Date; channel: string; touch_owner: string; source: string | null; medium: string | null; campaign: string | null; referrer: string | null; landing_page: string | null }): Touch {
  return {
    channel: row.channel, owner: row.touch_owner, source: row.source, medium: row.medium, campaign: row.campaign,
    referrer: row.referrer, landingPage: row.landing_page, at: row.started_at.toISOString(), sessionId: row.id,
  };
}

/**
 * First and last touch of the contacts this batch concerns: those with a new visit, and
 * those who just received an anonymous history (recomputed from all their visits).
 */
async function updateTouches(scope: IdentityScope, newVisits: SessionDelta[]) {
  const contacts = new Set(scope.relinked);
  for (const visit of newVisits) {
    const contactId = scope.visitors.get(visit.visitorKey)?.contactId;
    if (contactId) contacts.add(contactId);
  }
  if (!contacts.size) return;
  const ids = [...contacts];
  // Each contact's first and last visit, in one round trip.
  const { rows } = await sql<{ contact_id: string; first: boolean; id: string; started_at: Date; channel: string; touch_owner: string; source: string | null; medium: string | null; campaign: string | null; referrer: string | null; landing_page: string | null }>`${prepared}
    select * from (
      select distinct on (contact_id) contact_id, true as first, id, started_at, channel, touch_owner, source, medium, campaign, referrer, landing_page
        from web_sessions where workspace_id = ${scope.workspaceId} and contact_id = any(${ids}::uuid[]) order by contact_id, started_at
    ) firsts
    union all
    select * from (
      select distinct on (contact_id) contact_id, false as first, id, started_at, channel, touch_owner, source, medium, campaign, referrer, landing_page
        from web_sessions where workspace_id = ${scope.workspaceId} and contact_id = any(${ids}::uuid[]) order by contact_id, started_at desc
    ) lasts`.execute(scope.trx);
  const first = rows.filter((row) => row.first);
  const lastBy = new Map(rows.filter((row) => !row.first).map((row) => [row.contact_id, row]));
  await recordTouches(scope.trx, scope.workspaceId, first.map((row) => ({ contactId: row.contact_id, first: toTouch(row), last: toTouch(lastBy.get(row.contact_id)!) })));
}
