import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/access.js';

export type AuditActor = Actor | { type: 'system' | 'cli'; id?: string; label: string };

export interface AuditEntry {
  workspaceId: string;
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** Records an admin action; call it inside the transaction of the change it describes. */
export async function recordAudit(db: DbOrTx, clock: Clock, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      actor_type: entry.actor.type,
      actor_id: entry.actor.id ?? null,
      actor_label: entry.actor.label,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      data: JSON.stringify(entry.data ?? {}),
      ip: entry.ip ?? null,
      created_at: clock.now(),
    })
    .execute();
}

export async function listAudit(db: DbOrTx, workspaceId: string, options: { limit: number; before?: number }) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.before) query = query.where('id', '<', options.before);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data as Record<string, unknown>,
    ip: row.ip,
    createdAt: row.created_at,
  }));
}
