import type { ContactDataSource } from '../contacts/index.js';

/** Scores and their ledger: exported; erased with the contact (the rows cascade). */
export const scoreData: ContactDataSource = {
  name: 'scores',
  async export(db, workspaceId, contactId) {
    const [scores, ledger] = await Promise.all([
      db.selectFrom('contact_scores').select(['fit', 'engagement', 'fit_grade', 'engagement_level', 'tier']).where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).executeTakeFirst(),
      db.selectFrom('score_ledger').select(['kind', 'rule_name', 'event_name', 'points', 'at']).where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).orderBy('at').execute(),
    ]);
    return { scores: scores ?? null, ledger };
  },
  async erase() {
    return {};
  },
};
