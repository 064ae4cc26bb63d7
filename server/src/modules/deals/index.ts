import { registerContactDataSource } from '../contacts/index.js';
import { dealData } from './privacy.js';
import type { TandemModule } from '../../platform/module.js';
import { registerDealImport } from './import.js';
import { registerMergeHooks } from './merge.js';
import { dealRoutes } from './routes.js';

registerContactDataSource(dealData);

export { createDeal, getDeal, searchDeals, updateDeal } from './deals.js';
export { logActivity } from './activities.js';
export { createTask, createTasksForContacts } from './tasks.js';
export { listPipelines } from './pipelines.js';

/** Pipelines and deals, activities (notes, calls, meetings, emails) and tasks. */
registerMergeHooks();
registerDealImport();

export const dealsModule: TandemModule = {
  name: 'deals',
  routes: dealRoutes,
};
