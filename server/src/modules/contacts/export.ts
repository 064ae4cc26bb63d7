import type { DbOrTx } from '../../platform/db/database.js';
import { csvStream } from '../../platform/http/csv.js';
import { type CompanyListQuery, listCompanies } from './companies.js';
import { type ContactListQuery, listContacts } from './contacts.js';
import { listCustomFields } from './custom-fields.js';

const contactFields = ['id', 'email', 'firstName', 'lastName', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city', 'timezone',
  'ownerId', 'source', 'tags', 'lifecycleStage', 'companyId', 'createdAt', 'updatedAt'];
const companyFields = ['id', 'name', 'domain', 'industry', 'employeeCount', 'revenueBand', 'country', 'ownerId', 'tags', 'createdAt', 'updatedAt'];

/** A filtered list of contacts or companies as CSV, page by page; custom fields follow the standard ones. */
export async function exportCsv(db: DbOrTx, workspaceId: string, object: 'contact' | 'company', query: Omit<ContactListQuery & CompanyListQuery, 'limit' | 'cursor'>) {
  const definitions = await listCustomFields(db, workspaceId, object);
  const standard = object === 'contact' ? contactFields : companyFields;
  return csvStream([...standard, ...definitions.map((d) => `custom.${d.key}`)], async function* () {
    let cursor: string | undefined;
    do {
      const page = object === 'contact'
        ? await listContacts(db, workspaceId, { ...query, limit: 1000, cursor })
        : await listCompanies(db, workspaceId, { ...query, limit: 1000, cursor });
      for (const record of page.items as unknown as Record<string, unknown>[]) {
        const custom = record.custom as Record<string, unknown>;
        yield [...standard.map((f) => record[f]), ...definitions.map((d) => custom[d.key])];
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
}
