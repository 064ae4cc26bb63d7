import { stringify } from 'csv-stringify';
import type { DbOrTx } from '../../platform/db/database.js';
import { listCustomFields } from '../contacts/index.js';
import { type DealListQuery, listDeals } from './deals.js';

const fields = ['id', 'name', 'pipelineId', 'stageId', 'status', 'amount', 'currency', 'expectedCloseDate', 'ownerId', 'companyId',
  'companyName', 'lostReason', 'closedAt', 'stageEnteredAt', 'createdAt', 'updatedAt'] as const;

/** The deals of a filtered list as CSV, page by page into a stream. */
export async function exportDealsCsv(db: DbOrTx, workspaceId: string, query: Omit<DealListQuery, 'limit' | 'cursor'>) {
  const definitions = await listCustomFields(db, workspaceId, 'deal');
  const output = stringify({ header: true, columns: [...fields, ...definitions.map((d) => `custom.${d.key}`)], bom: true });
  const cell = (value: unknown) => (value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : String(value));
  (async () => {
    let cursor: string | undefined;
    do {
      const page = await listDeals(db, workspaceId, { ...query, limit: 500, cursor });
      for (const deal of page.items) {
        const row = [...fields.map((f) => cell(deal[f])), ...definitions.map((d) => cell(deal.custom[d.key]))];
        if (!output.write(row)) await new Promise((resolve) => output.once('drain', resolve));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    output.end();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
