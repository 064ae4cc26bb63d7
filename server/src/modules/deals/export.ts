import type { DbOrTx } from '../../platform/db/database.js';
import { csvStream } from '../../platform/http/csv.js';
import { listCustomFields } from '../contacts/index.js';
import { type DealListQuery, listDeals } from './deals.js';

const fields = ['id', 'name', 'pipelineId', 'stageId', 'status', 'amount', 'currency', 'expectedCloseDate', 'ownerId', 'companyId',
  'companyName', 'lostReason', 'closedAt', 'stageEnteredAt', 'createdAt', 'updatedAt'] as const;

/** The deals of a filtered list as CSV, page by page. */
export async function exportDealsCsv(db: DbOrTx, workspaceId: string, query: Omit<DealListQuery, 'limit' | 'cursor'>) {
  const definitions = await listCustomFields(db, workspaceId, 'deal');
  return csvStream([...fields, ...definitions.map((d) => `custom.${d.key}`)], async function* () {
    let cursor: string | undefined;
    do {
      const page = await listDeals(db, workspaceId, { ...query, limit: 500, cursor });
      for (const deal of page.items) yield [...fields.map((f) => deal[f]), ...definitions.map((d) => deal.custom[d.key])];
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
}
