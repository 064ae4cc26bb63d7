import type { ContactDataSource } from '../contacts/index.js';

/**
 * Email: the messages a person was sent (and what they did with them) and their consent
 * records. On erasure the messages stay for the broadcast's counts, without the address; the
 * consent records go with the contact. A suppression stays: it is what keeps an erased
 * address from being mailed again.
 */
export const emailData: ContactDataSource = {
  name: 'email',
  async export(db, workspaceId, contactId) {
    const [messages, consent] = await Promise.all([
      db.selectFrom('email_messages').select(['id', 'to_email', 'subject', 'kind', 'state', 'queued_at', 'sent_at', 'first_opened_at', 'first_clicked_at', 'unsubscribed_at'])
        .where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).orderBy('queued_at').execute(),
      db.selectFrom('consent_records').select(['purpose', 'status', 'lawful_basis', 'source', 'wording', 'ip', 'recorded_at'])
        .where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).orderBy('recorded_at').execute(),
    ]);
    return { messages, consent };
  },
  async erase(trx, workspaceId, contactId) {
    const messages = await trx.selectFrom('email_messages').select('id').where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).execute();
    if (messages.length) {
      const ids = messages.map((message) => message.id);
      await trx.updateTable('email_messages').set({ contact_id: null, to_email: 'erased', content: null, smtp_response: null })
        .where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
      await trx.updateTable('email_message_events').set({ ip: null, user_agent: null }).where('workspace_id', '=', workspaceId).where('message_id', 'in', ids).execute();
    }
    return { anonymousMessages: messages.length };
  },
};
