import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { publishBatch } from './fanout.js';
import { ensureEventPartitions } from './partitions.js';

/** An event Tandem itself observed about a known contact: an email opened, a link clicked, a form submitted. */
export interface ContactEvent {
  contactId: string;
  name: string;
  /** Idempotency: the same messageId twice is stored once. */
  messageId: string;
  occurredAt: Date;
  channel: string;
  properties: Record<string, unknown>;
}

/**
 * Stores first-party events of known contacts beside the tracked ones — same table, same
 * timeline, same fan-out to segments and scoring — without the visitor and visit machinery
 * tracking needs. Call `preparePartitions` first, outside the transaction.
 */
export async function recordContactEvents(trx: Tx, clock: Clock, workspaceId: string, events: ContactEvent[]): Promise<number> {
  if (!events.length) return 0;
  const now = clock.now();
  const { rows } = await sql<{ id: number; occurred_at: Date }>`
    with incoming as (
      select * from unnest(
        ${events.map((event) => event.messageId)}::text[], ${events.map((event) => event.contactId)}::uuid[], ${events.map((event) => event.name)}::text[],
        ${events.map((event) => event.occurredAt)}::timestamptz[], ${events.map((event) => event.channel)}::text[],
        ${events.map((event) => JSON.stringify({ type: 'track', event: event.name, properties: event.properties }))}::jsonb[]
      ) as e(message_id, contact_id, name, occurred_at, channel, payload)
    ), receipts as (
      insert into event_receipts (workspace_id, message_id, received_at)
      select ${workspaceId}::uuid, message_id, ${now}::timestamptz from incoming
      on conflict do nothing returning message_id
    )
    insert into events (workspace_id, occurred_at, received_at, type, name, message_id, visitor_key, contact_id, channel, touch_owner, payload)
    select ${workspaceId}::uuid, i.occurred_at, ${now}::timestamptz, 'track', i.name, i.message_id, 'c:' || i.contact_id, i.contact_id, i.channel, 'brand', i.payload
      from incoming i join receipts r using (message_id)
    returning id, occurred_at`.execute(trx);
  await publishBatch(trx, clock, workspaceId, rows.map((row) => ({ id: row.id, occurredAt: row.occurred_at })));
  return rows.length;
}

export async function preparePartitions(db: Db, times: Date[]): Promise<void> {
  await ensureEventPartitions(db, times);
}
