import { sql } from 'kysely';
import type { DbOrTx } from './database.js';

/**
 * Who makes the changes of this transaction, when and why, for the triggers that record
 * history (a lifecycle stage's transitions): they read it from the `tandem.change` setting,
 * local to the transaction, so every writer is named without passing it through each call.
 */
export interface ChangeContext {
  actor: { type: string; id?: string | null; label: string };
  at: Date;
  reason?: string | null;
}

/** Outside a transaction the setting would not outlive this statement: the triggers then record the system. */
export async function describeChange(db: DbOrTx, change: ChangeContext): Promise<void> {
  if (!db.isTransaction) return;
  const value = JSON.stringify({
    actorType: change.actor.type, actorId: change.actor.id ?? null, actorLabel: change.actor.label, at: change.at.toISOString(), reason: change.reason ?? null,
  });
  await sql`select set_config('tandem.change', ${value}, true)`.execute(db);
}
