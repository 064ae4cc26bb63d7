import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';

/**
 * Impressions are counted in memory and written every few seconds, one upsert per slot,
 * variant and day: a personalised page view must not wait on a counter row. A crash loses
 * the last seconds' counts, which a report of shares can afford.
 */
export class ImpressionCounter {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: DbOrTx, private readonly logger: Logger, private readonly everyMs = 5_000) {}

  count(workspaceId: string, slotId: string, variant: string, day: string) {
    const key = `${workspaceId} ${slotId} ${variant} ${day}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.timer ??= setTimeout(() => void this.flush(), this.everyMs).unref();
  }

  async flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.counts.size) return;
    const counts = this.counts;
    this.counts = new Map();
    const rows = [...counts].map(([key, impressions]) => {
      const [workspaceId, slotId, variant, day] = key.split(' ') as [string, string, string, string];
      return sql`(${workspaceId}::uuid, ${slotId}::uuid, ${variant}, ${day}::date, ${impressions}::integer)`;
    });
    await sql`
      insert into content_slot_stats (workspace_id, slot_id, variant, day, impressions)
      select * from (values ${sql.join(rows)}) as counted (workspace_id, slot_id, variant, day, impressions)
       where exists (select 1 from content_slots s where s.workspace_id = counted.workspace_id and s.id = counted.slot_id)
      on conflict (workspace_id, slot_id, variant, day) do update set impressions = content_slot_stats.impressions + excluded.impressions`
      .execute(this.db).catch((error: unknown) => this.logger.warn({ err: error }, 'slot impressions not written'));
  }
}

/** Impressions per variant of a slot since a day. */
export async function slotImpressions(db: DbOrTx, workspaceId: string, slotId: string, since: string) {
  const rows = await db.selectFrom('content_slot_stats').select(['variant', sql<string>`sum(impressions)`.as('impressions')])
    .where('workspace_id', '=', workspaceId).where('slot_id', '=', slotId).where('day', '>=', since).groupBy('variant').execute();
  return new Map(rows.map((row) => [row.variant, Number(row.impressions)]));
}

/** Impressions per slot of a workspace since a day (the list). */
export async function impressionsBySlot(db: DbOrTx, workspaceId: string, since: string) {
  const rows = await db.selectFrom('content_slot_stats').select(['slot_id', sql<string>`sum(impressions)`.as('impressions')])
    .where('workspace_id', '=', workspaceId).where('day', '>=', since).groupBy('slot_id').execute();
  return new Map(rows.map((row) => [row.slot_id, Number(row.impressions)]));
}

const counters = new WeakMap<object, ImpressionCounter>();

/** The process's counter for this application (the public endpoint counts, the API reads). */
export function impressionCounter(ctx: { db: DbOrTx; logger: Logger }): ImpressionCounter {
  let counter = counters.get(ctx);
  if (!counter) counters.set(ctx, (counter = new ImpressionCounter(ctx.db, ctx.logger)));
  return counter;
}
