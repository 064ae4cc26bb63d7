import type { TandemModule } from '../../platform/module.js';
import { everyPeriod } from '../../platform/jobs/periodic.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { onContactsChanged } from '../contacts/index.js';
import { registerEventConsumer } from '../events/index.js';
import { onScoresChanged } from '../scoring/index.js';
import { onMembershipChanged } from '../segments/index.js';
import { runUntilIdle } from './engine.js';
import { webhookQueue } from './nodes.js';
import { journeyRoutes } from './routes.js';
import { runQueue, sweepQueue } from './timers.js';
import * as triggers from './triggers.js';
import { callWebhook } from './webhooks.js';

const datesQueue = 'journeys.dates';

registerEventConsumer({ name: 'journeys', handle: triggers.onEvents });
onContactsChanged(triggers.onContactsChanged);
onScoresChanged(triggers.onScoresChanged);
onMembershipChanged(triggers.onMembershipChanged);

/** Journeys: versioned automation graphs run durably on Postgres, with simulation, traces and stats. */
export const journeysModule: TandemModule = {
  name: 'journeys',
  routes: journeyRoutes,
  jobs: (ctx) => {
    // A run that had more to do than its time budget hands over to a fresh job (other work gets a turn).
    const run = async (job: { id: number }) => {
      const { more } = await runUntilIdle(ctx, { limit: ctx.config.journeyBatchSize });
      if (more) await enqueue(ctx.db, ctx.clock, { queue: runQueue, idempotencyKey: `more:${job.id}`, maxAttempts: 10 });
    };
    return {
      [runQueue]: run,
      // The sweep finds timers whose job was lost (a worker killed while holding it).
      [sweepQueue]: run,
      [datesQueue]: async () => triggers.enrolByDates(ctx),
      [webhookQueue]: async (job) => callWebhook(ctx, job),
    };
  },
  tickers: [everyPeriod(sweepQueue, 30_000), everyPeriod(datesQueue, 3_600_000)],
};
