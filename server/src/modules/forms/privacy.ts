import type { ContactDataSource } from '../contacts/index.js';

/** A person's form submissions: exported; erased with the contact (the rows cascade; the form's view counts name no one). */
export const submissionData: ContactDataSource = {
  name: 'form_submissions',
  async export(db, workspaceId, contactId) {
    return db.selectFrom('form_submissions').innerJoin('forms', (join) => join.onRef('forms.workspace_id', '=', 'form_submissions.workspace_id').onRef('forms.id', '=', 'form_submissions.form_id'))
      .select(['forms.name as form', 'form_submissions.answers', 'form_submissions.page_url', 'form_submissions.submitted_at'])
      .where('form_submissions.workspace_id', '=', workspaceId).where('form_submissions.contact_id', '=', contactId).orderBy('form_submissions.submitted_at').execute();
  },
  async erase() {
    return {};
  },
};
