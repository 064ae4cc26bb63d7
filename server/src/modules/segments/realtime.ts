import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { computeQueue } from './segments.js';
import type { ContactChange } from '../contacts/index.js';
import type { StoredBatch, StoredEvent } from '../events/index.js';
import type { EventMatch } from './definition.js';
import { type Affected, loadSegments, reevaluate } from './membership.js';

/**
 * What re-evaluates which segment for whom:
 *  - stored events: the segments with an event condition the event matches, for its contact
 *    (and every event segment for contacts whose anonymous history was just attached);
 *  - profile changes: the segments reading a changed field (a new contact: every segment);
 *  - time: segments with a relative window, for everyone, every minute (`refreshTimed`);
 *  - a definition saved: that segment, for everyone (`computeSegment`).
 */
export function eventMatches(match: EventMatch, event: StoredEvent): boolean {
  if (match.kind === 'any') return event.type === 'track' || event.type === 'page' || event.type === 'screen';
  if (match.kind === 'track') return event.type === 'track' && event.name === match.name;
  if (event.type !== 'page') return false;
  const path = event.pagePath ?? event.name ?? '';
  if (match.match === 'starts_with') return path.startsWith(match.path);
  if (match.match === 'contains') return path.includes(match.path);
  return path === match.path;
}

export async function onEvents(trx: Tx, ctx: AppContext, workspaceId: string, batch: StoredBatch): Promise<void> {
  const segments = await loadSegments(trx, workspaceId);
  const affected: Affected = new Map();
  for (const segment of segments) {
    const { events } = segment.dependencies;
    if (!events.length) continue;
    const contacts = new Set(batch.relinkedContacts);
    for (const event of batch.events) {
      if (event.contactId && events.some((match) => eventMatches(match, event))) contacts.add(event.contactId);
    }
    if (contacts.size) affected.set(segment.id, contacts);
  }
  await reevaluate(trx, ctx.clock, workspaceId, affected, segments);
}

export async function onContactsChanged(trx: Tx, ctx: AppContext, workspaceId: string, changes: ContactChange[]): Promise<void> {
  const segments = await loadSegments(trx, workspaceId);
  const affected: Affected = new Map();
  for (const segment of segments) {
    const reads = new Set(segment.dependencies.fields);
    const contacts = changes.filter((change) => change.fields.some((field) => field === '*' || reads.has(field))).map((change) => change.id);
    if (contacts.length) affected.set(segment.id, new Set(contacts));
  }
  await reevaluate(trx, ctx.clock, workspaceId, affected, segments);
}

/** A merged contact's history and lists are the survivor's now: every segment looks at it again. */
export async function onContactMerged(trx: Tx, ctx: AppContext, workspaceId: string, contactId: string): Promise<void> {
  const segments = await loadSegments(trx, workspaceId);
  await reevaluate(trx, ctx.clock, workspaceId, new Map(segments.map((segment) => [segment.id, new Set([contactId])])), segments);
}

export async function computeSegment(ctx: AppContext, workspaceId: string, segmentId: string): Promise<void> {
  await ctx.db.transaction().execute((trx) => reevaluate(trx, ctx.clock, workspaceId, new Map([[segmentId, 'all']])));
}

/** Time-window segments of every workspace, recomputed: who visited "in the last 7 days" leaves on day 8. */
export async function refreshTimed(ctx: AppContext): Promise<void> {
  const timed = await ctx.db.selectFrom('segments').select(['workspace_id', 'id'])
    .where(sql<boolean>`(dependencies->>'time')::boolean`).execute();
  const byWorkspace = new Map<string, string[]>();
  for (const row of timed) byWorkspace.set(row.workspace_id, [...(byWorkspace.get(row.workspace_id) ?? []), row.id]);
  // One transaction per segment: each holds its segment's lock only for its own diff.
  for (const [workspaceId, ids] of byWorkspace) {
    for (const id of ids) await ctx.db.transaction().execute((trx) => reevaluate(trx, ctx.clock, workspaceId, new Map([[id, 'all' as const]])));
  }
}

/**
 * A field changed for everyone at once (scores after the daily decay or a rescore): the
 * segments reading it are computed again in the background, one job each.
 */
export async function recomputeSegmentsReading(db: DbOrTx, clock: Clock, workspaceId: string, field: string): Promise<number> {
  const segments = await loadSegments(db, workspaceId);
  const reading = segments.filter((segment) => segment.dependencies.fields.includes(field));
  for (const segment of reading) await enqueue(db, clock, { queue: computeQueue, workspaceId, payload: { segmentId: segment.id } });
  return reading.length;
}
