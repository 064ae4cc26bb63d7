import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { type ClaimedJob, enqueueAll } from '../../platform/jobs/queue.js';
import type { Clock } from '../../platform/clock.js';
import type { EventType } from './tables.js';

/**
 * Fan-out of stored events to the modules that react to them (segments, scoring,
 * journeys). Ingest enqueues one job per consumer per stored batch in its own transaction
 * (the outbox); a consumer handles the batch in a transaction that also records the
 * delivery, so a job run twice (a worker died after the commit) skips: every consumer sees
 * every event exactly once.
 */
export interface StoredEvent {
  id: number;
  type: EventType;
  name: string | null;
  occurredAt: Date;
  contactId: string | null;
  visitorKey: string;
  sessionId: string | null;
  channel: string;
  pagePath: string | null;
  properties: Record<string, unknown>;
}

/**
 * A stored batch as a consumer sees it: its events, and the contacts that identity
 * resolution gave an earlier anonymous history to in the same transaction (their past
 * events changed owner without being new).
 */
export interface StoredBatch {
  events: StoredEvent[];
  relinkedContacts: string[];
}

export interface EventConsumer {
  name: string;
  handle(trx: Tx, ctx: AppContext, workspaceId: string, batch: StoredBatch): Promise<void>;
}

export const fanoutQueue = 'events.fanout';
const consumers = new Map<string, EventConsumer>();

export function registerEventConsumer(consumer: EventConsumer): void {
  consumers.set(consumer.name, consumer);
}

export function unregisterEventConsumer(name: string): void {
  consumers.delete(name);
}

export async function publishBatch(
  db: DbOrTx, clock: Clock, workspaceId: string, stored: { id: number; occurredAt: Date }[], relinkedContacts: string[] = [],
): Promise<void> {
  if (!stored.length || !consumers.size) return;
  const ids = stored.map((event) => event.id).sort((a, b) => a - b);
  const times = stored.map((event) => event.occurredAt.getTime());
  const batch = {
    batchId: ids[0]!, idRanges: idRanges(ids), from: new Date(Math.min(...times)).toISOString(), to: new Date(Math.max(...times)).toISOString(), relinkedContacts,
  };
  await enqueueAll(db, clock, [...consumers.keys()].map((name) => ({
    queue: fanoutQueue, workspaceId, payload: { consumer: name, ...batch }, idempotencyKey: `${name}:${workspaceId}:${batch.batchId}`,
  })));
}

async function readBatch(db: DbOrTx, workspaceId: string, ids: number[], from: string, to: string): Promise<StoredEvent[]> {
  // The time range lets Postgres read only the partitions the batch was written to.
  const rows = await db.selectFrom('events')
    .select(['id', 'type', 'name', 'occurred_at', 'contact_id', 'visitor_key', 'session_id', 'channel', 'page_path', sql<Record<string, unknown>>`coalesce(payload->'properties', payload->'traits', '{}')`.as('properties')])
    .where('workspace_id', '=', workspaceId).where('occurred_at', '>=', new Date(from)).where('occurred_at', '<=', new Date(to))
    .where('id', 'in', ids).orderBy('occurred_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id, type: row.type, name: row.name, occurredAt: row.occurred_at, contactId: row.contact_id, visitorKey: row.visitor_key,
    sessionId: row.session_id, channel: row.channel, pagePath: row.page_path, properties: row.properties,
  }));
}

/**
 * A batch's ids as [first, last] runs: ingest draws them in one series, so a batch is a few
 * runs, and each consumer's job carries a few numbers instead of every id.
 */
function idRanges(sorted: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const id of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else ranges.push([id, id]);
  }
  return ranges;
}

function idsIn(ranges: [number, number][]): number[] {
  return ranges.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

export async function deliverBatch(ctx: AppContext, job: ClaimedJob): Promise<void> {
  // Jobs enqueued before idRanges carry the ids themselves.
  const { consumer: name, batchId, ids: listed, idRanges: ranges, from, to, relinkedContacts } = job.payload as {
    consumer: string; batchId: number; ids?: number[]; idRanges?: [number, number][]; from: string; to: string; relinkedContacts?: string[];
  };
  const ids = listed ?? idsIn(ranges ?? []);
  const consumer = consumers.get(name);
  // A consumer that no longer exists (a module removed) has nothing to do.
  if (!consumer || !job.workspaceId) return;
  const workspaceId = job.workspaceId;
  await ctx.db.transaction().execute(async (trx) => {
    const first = await trx.insertInto('event_deliveries')
      .values({ workspace_id: workspaceId, consumer: name, batch_id: batchId, delivered_at: ctx.clock.now() })
      .onConflict((oc) => oc.columns(['workspace_id', 'consumer', 'batch_id']).doNothing())
      .returning('batch_id').executeTakeFirst();
    if (!first) return;
    await consumer.handle(trx, ctx, workspaceId, { events: await readBatch(trx, workspaceId, ids, from, to), relinkedContacts: relinkedContacts ?? [] });
  });
}
