import { stringify } from 'csv-stringify';
import type { DbOrTx } from '../../platform/db/database.js';
import { type CompanyListQuery, listCompanies } from './companies.js';
import { type ContactListQuery, listContacts } from './contacts.js';
import { listCustomFields } from './custom-fields.js';

const contactFields = ['id', 'email', 'firstName', 'lastName', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city', 'timezone',
  'ownerId', 'source', 'tags', 'lifecycleStage', 'companyId', 'createdAt', 'updatedAt'];
const companyFields = ['id', 'name', 'domain', 'industry', 'employeeCount', 'revenueBand', 'country', 'ownerId', 'tags', 'createdAt', 'updatedAt'];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * A filtered list as CSV, produced page by page (keyset) into a stream: an export of a
 * million contacts never holds them all in memory. Custom fields follow the standard ones.
 */
export async function exportCsv(db: DbOrTx, workspaceId: string, object: 'contact' | 'company', query: Omit<ContactListQuery & CompanyListQuery, 'limit' | 'cursor'>) {
  const definitions = await listCustomFields(db, workspaceId, object);
  const standard = object === 'contact' ? contactFields : companyFields;
  const output = stringify({ header: true, columns: [...standard, ...definitions.map((d) => `custom.${d.key}`)], bom: true });
  (async () => {
    let cursor: string | undefined;
    do {
      const page = object === 'contact'
        ? await listContacts(db, workspaceId, { ...query, limit: 1000, cursor })
        : await listCompanies(db, workspaceId, { ...query, limit: 1000, cursor });
      for (const record of page.items as unknown as Record<string, unknown>[]) {
        const custom = record.custom as Record<string, unknown>;
        const row = [...standard.map((f) => cell(record[f])), ...definitions.map((d) => cell(custom[d.key]))];
        if (!output.write(row)) await new Promise((resolve) => output.once('drain', resolve));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    output.end();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
