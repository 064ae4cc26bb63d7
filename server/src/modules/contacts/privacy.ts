import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { getCompany } from './companies.js';
import { getContact } from './contacts.js';
import { listContactIdentities } from './identities.js';

/**
 * A module's part of a person's data: what it holds on the contact (the export, GDPR Art. 15
 * and 20) and how it forgets it (erasure, Art. 17) — deleting what identifies the person and
 * keeping what only counts (an event without its person, a message without its address).
 */
export interface ContactDataSource {
  name: string;
  export(db: DbOrTx, workspaceId: string, contactId: string): Promise<unknown>;
  /** Runs before the contact row is deleted, in the same transaction. */
  erase(trx: Tx, workspaceId: string, contactId: string): Promise<Record<string, number>>;
}

const sources: ContactDataSource[] = [];

export function registerContactDataSource(source: ContactDataSource): void {
  sources.push(source);
}

export async function exportContact(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, contactId: string) {
  const contact = await getContact(db, workspaceId, contactId);
  const parts: Record<string, unknown> = {
    exportedAt: clock.now(),
    contact,
    company: contact.companyId ? await getCompany(db, workspaceId, contact.companyId) : null,
    identities: await listContactIdentities(db, workspaceId, contact.id),
    timeline: await db.selectFrom('timeline_entries').select(['occurred_at', 'kind', 'actor_label', 'source_type', 'source_id', 'data'])
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', contact.id).orderBy('occurred_at').execute(),
  };
  for (const source of sources) parts[source.name] = await source.export(db, workspaceId, contact.id);
  await recordAudit(db, clock, { workspaceId, actor, action: 'contact.exported', target: { type: 'contact', id: contact.id } });
  return parts;
}

/**
 * Erases a person: every module forgets what identifies them, then the contact (and what
 * hangs on it: identities, timeline, scores, consent, memberships) is deleted. The audit
 * keeps that it happened and who did it, not who the person was. `confirm` must repeat the
 * contact's email (or id, for a contact without one): erasure cannot be undone.
 */
export async function eraseContact(trx: Tx, clock: Clock, workspaceId: string, actor: AuditActor, contactId: string, confirm: string) {
  const contact = await getContact(trx, workspaceId, contactId);
  if (confirm.trim().toLowerCase() !== (contact.email ?? contact.id)) {
    throw badRequest(`to erase, confirm with the contact's ${contact.email ? 'email address' : 'id'}`, 'confirm');
  }
  const kept: Record<string, number> = {};
  for (const source of sources) Object.assign(kept, await source.erase(trx, workspaceId, contact.id));
  await trx.deleteFrom('timeline_entries').where('workspace_id', '=', workspaceId).where('contact_id', '=', contact.id).execute();
  await trx.deleteFrom('contacts').where('workspace_id', '=', workspaceId).where('id', '=', contact.id).execute();
  await recordAudit(trx, clock, { workspaceId, actor, action: 'contact.erased', target: { type: 'contact', id: contact.id }, data: { kept } });
  return { erased: true, kept };
}
