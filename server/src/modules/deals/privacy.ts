import type { ContactDataSource } from '../contacts/index.js';

/**
 * Deals and activities with the person: exported. On erasure the deals stay (they are the
 * company's business) without the person on them; the person's own activities (calls, notes
 * about them) go with the contact.
 */
export const dealData: ContactDataSource = {
  name: 'deals',
  async export(db, workspaceId, contactId) {
    const [deals, activities] = await Promise.all([
      db.selectFrom('deal_contacts').innerJoin('deals', (join) => join.onRef('deals.workspace_id', '=', 'deal_contacts.workspace_id').onRef('deals.id', '=', 'deal_contacts.deal_id'))
        .select(['deals.name', 'deals.amount', 'deals.currency', 'deals.status', 'deal_contacts.role']).where('deal_contacts.workspace_id', '=', workspaceId).where('deal_contacts.contact_id', '=', contactId).execute(),
      db.selectFrom('activities').select(['kind', 'subject', 'body', 'occurred_at', 'outcome']).where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).orderBy('occurred_at').execute(),
    ]);
    return { deals, activities };
  },
  async erase() {
    return {};
  },
};
