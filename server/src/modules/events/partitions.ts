import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { defaultTrackingSettings } from './settings.js';

/**
 * Monthly partitions of `events`. Ingest makes sure the months of a batch exist before it
 * writes (a cached check, so normally no query); the daily maintenance job creates the
 * coming months ahead, deletes each workspace's events past its retention and drops
 * partitions that every workspace's retention has passed.
 */
const knownByDb = new WeakMap<Db, Set<string>>();

function known(db: Db): Set<string> {
  let names = knownByDb.get(db);
  if (!names) knownByDb.set(db, names = new Set());
  return names;
}

function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

function partitionName(month: Date): string {
  return `events_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

export async function ensureEventPartitions(db: Db, times: Date[]): Promise<void> {
  const months = new Map(times.map((time) => {
    const month = monthStart(time);
    return [partitionName(month), month] as const;
  }));
  for (const [name, month] of months) {
    if (known(db).has(name)) continue;
    const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    // Concurrent creators of the same month: the advisory lock lets one create it, the
    // others then find it.
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
      await sql`create table if not exists ${sql.table(name)} partition of events
                for values from (${sql.lit(month.toISOString())}) to (${sql.lit(next.toISOString())})`.execute(trx);
      // A partition does not inherit this from events (migration 0014 says why).
      await sql`alter table ${sql.table(name)} alter column payload set statistics 0`.execute(trx);
    });
    known(db).add(name);
  }
}

/** The partitions that exist, oldest first, with their month. */
async function listPartitions(db: Db): Promise<{ name: string; month: Date }[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
     where p.relname = 'events' order by c.relname`.execute(db);
  return rows.flatMap(({ name }) => {
    const match = /^events_(\d{4})_(\d{2})$/.exec(name);
    return match ? [{ name, month: new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) }] : [];
  });
}

const deleteBatchSize = 10_000;

export async function maintainEvents(db: Db, clock: Clock, logger: Logger): Promise<void> {
  const now = clock.now();
  await ensureEventPartitions(db, [now, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))]);

  // Per workspace: delete what is past its own retention, a batch at a time.
  const workspaces = await db.selectFrom('tracking_settings').select(['workspace_id', 'retention_days']).execute();
  for (const { workspace_id: workspaceId, retention_days: days } of workspaces) {
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    for (const table of ['events', 'web_sessions'] as const) {
      const column = table === 'events' ? 'occurred_at' : 'started_at';
      let deleted: number;
      do {
        const result = await sql`
          delete from ${sql.table(table)} where (workspace_id, ctid) in (
            select workspace_id, ctid from ${sql.table(table)}
             where workspace_id = ${workspaceId} and ${sql.ref(column)} < ${cutoff} limit ${deleteBatchSize})`.execute(db);
        deleted = Number(result.numAffectedRows ?? 0);
      } while (deleted === deleteBatchSize);
    }
  }

  // A month older than the longest retention of any workspace goes whole.
  const longest = Math.max(defaultTrackingSettings.retentionDays, ...workspaces.map((w) => w.retention_days));
  const horizon = monthStart(new Date(now.getTime() - longest * 86_400_000));
  for (const partition of await listPartitions(db)) {
    if (partition.month >= horizon) continue;
    await sql`drop table if exists ${sql.table(partition.name)}`.execute(db);
    known(db).delete(partition.name);
    logger.info({ partition: partition.name }, 'dropped an events partition past every retention');
  }

  // Deduplication and delivery records only need to outlive a client's retries.
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  await db.deleteFrom('event_receipts').where('received_at', '<', weekAgo).execute();
  await db.deleteFrom('event_deliveries').where('delivered_at', '<', weekAgo).execute();
}
