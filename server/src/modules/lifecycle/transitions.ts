import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import type { AuditActor } from '../accounts/index.js';
import { funnelPosition, getContact, type LifecycleStage, lifecycleStages, moveLifecycleStage } from '../contacts/index.js';

/** A contact's stage history, oldest first, and its hand-offs to sales. */
export async function contactLifecycle(db: DbOrTx, workspaceId: string, contactId: string) {
  const contact = await getContact(db, workspaceId, contactId);
  const [transitions, leads] = await Promise.all([
    db.selectFrom('lifecycle_transitions').select(['id', 'from_stage', 'to_stage', 'at', 'actor_type', 'actor_id', 'actor_label', 'reason'])
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', contact.id).orderBy('at').orderBy('id').execute(),
    db.selectFrom('leads').select(['id', 'status', 'mql_at', 'owner_id', 'reject_reason'])
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', contact.id).orderBy('mql_at', 'desc').execute(),
  ]);
  return {
    stage: contact.lifecycleStage,
    transitions: transitions.map((row) => ({
      id: row.id, from: row.from_stage, to: row.to_stage, at: row.at, actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label }, reason: row.reason,
    })),
    leads: leads.map((row) => ({ id: row.id, status: row.status, mqlAt: row.mql_at, ownerId: row.owner_id, rejectReason: row.reject_reason })),
  };
}

/**
 * A person sets the stage, forward or back. Moving back is allowed only to a person, and it
 * must say why: automatic moves never go back.
 */
export async function setStageByPerson(
  trx: Tx, clock: Clock, workspaceId: string, actor: AuditActor, contactId: string, input: { stage: string; reason?: string | null },
) {
  if (!(lifecycleStages as readonly string[]).includes(input.stage)) throw badRequest(`stage must be one of ${lifecycleStages.join(', ')}`, 'stage');
  const contact = await getContact(trx, workspaceId, contactId);
  const stage = input.stage as LifecycleStage;
  const back = funnelPosition(stage) < funnelPosition(contact.lifecycleStage);
  if (back && !input.reason?.trim()) throw badRequest('moving a contact back a stage needs a reason', 'reason');
  await moveLifecycleStage(trx, clock, workspaceId, [contact.id], stage, { actor, reason: input.reason?.trim() || null, forwardOnly: false });
  return contactLifecycle(trx, workspaceId, contact.id);
}
