import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { describeChange } from '../../platform/db/change-context.js';
import type { Tx } from '../../platform/db/database.js';
import type { AuditActor } from '../accounts/index.js';
import { lifecycleStages, type LifecycleStage } from './contacts.js';

/** The funnel's order; `other` (partners, vendors) stands outside it. */
export const funnelStages: readonly LifecycleStage[] = lifecycleStages.filter((stage) => stage !== 'other');

/** A stage's place in the funnel, -1 for one outside it. */
export function funnelPosition(stage: string): number {
  return funnelStages.indexOf(stage as LifecycleStage);
}

/**
 * Moves contacts to a stage, in one statement, naming who and why for the transitions'
 * history. `forwardOnly` (automatic moves) leaves contacts already at or past the stage, and
 * those outside the funnel, where they are. Returns the contacts moved.
 */
export async function moveLifecycleStage(
  trx: Tx, clock: Clock, workspaceId: string, contactIds: string[], to: LifecycleStage,
  change: { actor: AuditActor | { type: 'rule'; id: string; label: string }; reason?: string | null; forwardOnly: boolean },
): Promise<string[]> {
  if (!contactIds.length) return [];
  const now = clock.now();
  await describeChange(trx, { actor: change.actor, at: now, reason: change.reason });
  const order = sql`${funnelStages}::text[]`;
  const forward = change.forwardOnly
    ? sql`and array_position(${order}, lifecycle_stage) < array_position(${order}, ${to}::text)`
    : sql`and lifecycle_stage <> ${to}`;
  const { rows } = await sql<{ id: string }>`
    update contacts set lifecycle_stage = ${to}, updated_at = ${now}
     where workspace_id = ${workspaceId} and id = any(${contactIds}::uuid[]) ${forward}
    returning id`.execute(trx);
  return rows.map((row) => row.id);
}
