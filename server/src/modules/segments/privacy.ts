import type { ContactDataSource } from '../contacts/index.js';

/** Segment and list memberships: exported; erased with the contact (the member rows cascade). */
export const membershipData: ContactDataSource = {
  name: 'memberships',
  async export(db, workspaceId, contactId) {
    const [segments, lists] = await Promise.all([
      db.selectFrom('segment_members').innerJoin('segments', (join) => join.onRef('segments.workspace_id', '=', 'segment_members.workspace_id').onRef('segments.id', '=', 'segment_members.segment_id'))
        .select(['segments.name', 'segment_members.entered_at']).where('segment_members.workspace_id', '=', workspaceId).where('segment_members.contact_id', '=', contactId).execute(),
      db.selectFrom('list_members').innerJoin('lists', (join) => join.onRef('lists.workspace_id', '=', 'list_members.workspace_id').onRef('lists.id', '=', 'list_members.list_id'))
        .select(['lists.name', 'list_members.added_at']).where('list_members.workspace_id', '=', workspaceId).where('list_members.contact_id', '=', contactId).execute(),
    ]);
    return { segments, lists };
  },
  // The membership history keeps its counts: its rows hold a bare id that names no one once the contact is gone.
  async erase() {
    return {};
  },
};
