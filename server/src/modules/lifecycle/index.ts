import { lifecycleData } from './privacy.js';
import type { TandemModule } from '../../platform/module.js';
import { onContactsChanged, registerContactDataSource } from '../contacts/index.js';
import { onScoresChanged } from '../scoring/index.js';
import { escalateBreach, remindOwner } from './leads.js';
import { qualify } from './qualify.js';
import { lifecycleRoutes } from './routes.js';
import { slaBreachQueue, slaReminderQueue } from './routing.js';

registerContactDataSource(lifecycleData);

export { approveDefinition, createDraft } from './definitions.js';
export { createTeam } from './teams.js';
export { routeToSales } from './qualify.js';

// A contact crosses the threshold when its score changes, or meets a required condition when a field does.
onScoresChanged(async (trx, ctx, workspaceId, contactIds) => {
  await qualify(trx, ctx, workspaceId, contactIds);
});
// A stage or an owner set (by qualification itself, or by a person) is not a reason to qualify.
const notQualifying = new Set(['lifecycleStage', 'owner', 'score']);
onContactsChanged(async (trx, ctx, workspaceId, changes) => {
  await qualify(trx, ctx, workspaceId, changes.filter((change) => change.fields.some((field) => !notQualifying.has(field))).map((change) => change.id));
});

/** Lifecycle stages, the jointly approved lead definition, routing, SLA and the sales queue. */
export const lifecycleModule: TandemModule = {
  name: 'lifecycle',
  routes: lifecycleRoutes,
  jobs: (ctx) => ({
    [slaReminderQueue]: async (job) => remindOwner(ctx, job),
    [slaBreachQueue]: async (job) => escalateBreach(ctx, job),
  }),
};
