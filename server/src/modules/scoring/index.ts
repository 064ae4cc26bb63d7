import { scoreData } from './privacy.js';
import { everyPeriod } from '../../platform/jobs/periodic.js';
import type { TandemModule } from '../../platform/module.js';
import { onContactsChanged, onMerge, registerContactDataSource } from '../contacts/index.js';
import { registerEventConsumer } from '../events/index.js';
import { rescoreQueue } from './rules.js';
import { scoringRoutes } from './routes.js';
import { decayAll, onContactsChanged as rescoreChangedContacts, onEvents, rescore } from './scores.js';
import type { RuleKind } from './tables.js';

registerContactDataSource(scoreData);

export { addPoints, onScoresChanged, scoresOf, explainScore, type ContactScore, type ScoreListener } from './scores.js';
export { getSettings as getScoringSettings } from './settings.js';
export { createRule } from './rules.js';

const decayQueue = 'scoring.decay';

registerEventConsumer({ name: 'scoring', handle: onEvents });
onContactsChanged(rescoreChangedContacts);
// A duplicate's points are the survivor's: its ledger moves and adds to the survivor's engagement.
onMerge('contact', async (db, workspaceId, fromId, toId) => {
  await db.updateTable('score_ledger').set({ contact_id: toId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  const duplicate = await db.selectFrom('contact_scores').select('engagement').where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).executeTakeFirst();
  if (!duplicate || Number(duplicate.engagement) === 0) return;
  await db.insertInto('contact_scores').values({ workspace_id: workspaceId, contact_id: toId, engagement: duplicate.engagement, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['workspace_id', 'contact_id']).doUpdateSet((eb) => ({ engagement: eb('contact_scores.engagement', '+', eb.ref('excluded.engagement')) })))
    .execute();
});

/** Lead scoring: fit from attributes, engagement from events with caps and decay, explained. */
export const scoringModule: TandemModule = {
  name: 'scoring',
  routes: scoringRoutes,
  jobs: (ctx) => ({
    [rescoreQueue]: async (job) => rescore(ctx, job.workspaceId!, job.payload.kind as RuleKind),
    [decayQueue]: async () => decayAll(ctx),
  }),
  tickers: [everyPeriod(decayQueue, 86_400_000)],
};
