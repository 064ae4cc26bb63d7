import { sql } from 'kysely';
import { describeChange } from '../../platform/db/change-context.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import type { AuditActor } from '../accounts/index.js';
import { lifecycleStages } from './contacts.js';
import { checkOwner, normaliseTags } from './records.js';

export type BulkAction =
  | { action: 'addTags'; tags: string[] }
  | { action: 'removeTags'; tags: string[] }
  | { action: 'assignOwner'; ownerId: string | null }
  | { action: 'setLifecycleStage'; lifecycleStage: string }
  | { action: 'delete' };

/**
 * One change to many contacts or companies in one statement; each changed record gets its
 * timeline entry in the same transaction. Returns how many records it changed.
 */
export async function bulkUpdate(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, object: 'contact' | 'company', ids: string[], change: BulkAction,
): Promise<number> {
  const table = sql.table(object === 'contact' ? 'contacts' : 'companies');
  const now = clock.now();
  let set;
  switch (change.action) {
    case 'addTags':
      set = sql`tags = array(select distinct t from unnest(tags || ${normaliseTags(change.tags) ?? []}::text[]) as t order by t)`;
      break;
    case 'removeTags':
      set = sql`tags = array(select t from unnest(tags) as t where t <> all(${change.tags}::text[]) order by t)`;
      break;
    case 'assignOwner':
      await checkOwner(db, workspaceId, change.ownerId);
      set = sql`owner_id = ${change.ownerId}`;
      break;
    case 'setLifecycleStage':
      if (object !== 'contact') throw badRequest('companies have no lifecycle stage', 'action');
      if (!(lifecycleStages as readonly string[]).includes(change.lifecycleStage)) throw badRequest(`lifecycleStage must be one of ${lifecycleStages.join(', ')}`, 'lifecycleStage');
      set = sql`lifecycle_stage = ${change.lifecycleStage}`;
      break;
    case 'delete': {
      const { numDeletedRows } = await db.deleteFrom(object === 'contact' ? 'contacts' : 'companies')
        .where('workspace_id', '=', workspaceId).where('id', 'in', ids).executeTakeFirst();
      return Number(numDeletedRows);
    }
  }
  await describeChange(db, { actor, at: now });
  const { rows } = await sql<{ id: string; company_id: string | null }>`
    update ${table} set ${set}, updated_at = ${now}
     where workspace_id = ${workspaceId} and id = any(${ids}::uuid[])
    returning id, ${object === 'contact' ? sql`company_id` : sql`id as company_id`}`.execute(db);
  if (rows.length) {
    await sql`
      insert into timeline_entries (workspace_id, occurred_at, kind, contact_id, company_id, actor_type, actor_id, actor_label, source_type, source_id, data)
      select ${workspaceId}, ${now}, 'record.updated', ${object === 'contact' ? sql`r.id` : sql`null::uuid`}, r.company_id,
             ${actor.type}, ${actor.id ?? null}, ${actor.label}, ${object}, r.id::text, ${JSON.stringify({ bulk: change })}::jsonb
        from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.company_id)}::uuid[]) as r(id, company_id)`.execute(db);
  }
  return rows.length;
}
