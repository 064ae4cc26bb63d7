import { sql } from 'kysely';
import { onMerge } from '../contacts/index.js';

/** When contacts or companies are merged, their deals, activities and tasks follow the survivor. */
export function registerMergeHooks(): void {
  onMerge('contact', async (db, workspaceId, fromId, toId) => {
    // On a deal both were on, the survivor keeps its own role.
    await sql`
      update deal_contacts set contact_id = ${toId}
       where workspace_id = ${workspaceId} and contact_id = ${fromId}
         and deal_id not in (select deal_id from deal_contacts where workspace_id = ${workspaceId} and contact_id = ${toId})`.execute(db);
    await db.deleteFrom('deal_contacts').where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
    await db.updateTable('activities').set({ contact_id: toId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
    await db.updateTable('tasks').set({ contact_id: toId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  });
  onMerge('company', async (db, workspaceId, fromId, toId) => {
    await db.updateTable('deals').set({ company_id: toId }).where('workspace_id', '=', workspaceId).where('company_id', '=', fromId).execute();
    await db.updateTable('activities').set({ company_id: toId }).where('workspace_id', '=', workspaceId).where('company_id', '=', fromId).execute();
    await db.updateTable('tasks').set({ company_id: toId }).where('workspace_id', '=', workspaceId).where('company_id', '=', fromId).execute();
  });
}
