import type { TandemModule } from '../../platform/module.js';
import { importRoutes } from './import-routes.js';
import { everyPeriod } from '../../platform/jobs/periodic.js';
import { cleanUpImports, importQueue, runImport } from './imports.js';
import { companiesChangedQueue, contactsChangedQueue, handleCompaniesChanged, handleContactsChanged } from './change-feed.js';
import { contactRoutes } from './routes.js';

export { createCompany, findCompanyByDomain, getCompany, updateCompany, type Company } from './companies.js';
export { funnelPosition, funnelStages, moveLifecycleStage } from './lifecycle-stage.js';
export { contactsWithCompanies, contactSummaries, createContact, findContactByEmail, getContact, lifecycleStages, type LifecycleStage, updateContact, type Contact } from './contacts.js';
export { type ContactChange, onContactsChanged, publishContactChanges } from './change-feed.js';
export { normaliseDomain } from './domains.js';
export {
  companyByIdentity, contactsByIdentity, type KnownIdentities, linkCompanyIdentity, linkContactIdentity, listContactIdentities, lookupIdentities,
  recordTouches,
} from './identities.js';
export { applyCompanyTraits, applyContactTraits, createContactFromTraits, mappableContactFields, traitsUnchanged } from './traits.js';
export { mergeContacts } from './merge.js';
export { searchRecords, type SearchHit } from './search.js';
export {
  beforeCursor, listTimeline, recordTouchpoint, recordTouchpoints, registerTimelineSource, removeTouchpoints, type TimelineItem, type TimelineSourcePage, type Touchpoint,
} from './timeline.js';
export { listCustomFields, validateCustomValues } from './custom-fields.js';
export { assignOwnersIfNone, checkOwner, resolveId } from './records.js';
export { changeContactTags, setContactField, setContactOwner } from './field-writes.js';
export type { CustomFieldType, CustomValues, Touch } from './tables.js';
export { onMerge, type MergeHook } from './merge.js';
export { type ContactDataSource, eraseContact, exportContact, registerContactDataSource } from './privacy.js';
export { registerImportWriter, type ImportWriter } from './imports.js';
export { RowRejection, type PreparedRow } from './import-fields.js';

/** People and companies, their custom fields, the one timeline, search. */
export const contactsModule: TandemModule = {
  name: 'contacts',
  routes: async (app, { ctx }) => {
    await app.register(contactRoutes, { ctx });
    await app.register(importRoutes, { ctx });
  },
  jobs: (ctx) => ({
    [importQueue]: async (job) => runImport(ctx.db, ctx.clock, ctx.logger, job.workspaceId!, String(job.payload.importId)),
    'contacts.import_cleanup': async () => cleanUpImports(ctx.db, ctx.clock),
    [contactsChangedQueue]: async (job) => handleContactsChanged(ctx, job),
    [companiesChangedQueue]: async (job) => handleCompaniesChanged(ctx, job),
  }),
  tickers: [everyPeriod('contacts.import_cleanup', 3600_000)],
};
