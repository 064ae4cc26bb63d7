import type { ContactDataSource } from '../contacts/index.js';

/** Stage history and hand-offs: exported; erased with the contact (the rows cascade). */
export const lifecycleData: ContactDataSource = {
  name: 'lifecycle',
  async export(db, workspaceId, contactId) {
    const [transitions, leads] = await Promise.all([
      db.selectFrom('lifecycle_transitions').select(['from_stage', 'to_stage', 'at', 'actor_label', 'reason']).where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).orderBy('at').execute(),
      db.selectFrom('leads').select(['status', 'mql_at', 'accepted_at', 'rejected_at', 'reject_reason', 'reject_note', 'converted_at']).where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).execute(),
    ]);
    return { transitions, leads };
  },
  async erase() {
    return {};
  },
};
