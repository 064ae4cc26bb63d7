import type { TandemModule } from '../module.js';
import { purgeRateLimits } from '../security/rate-limit.js';
import { everyPeriod } from './periodic.js';

const hourMs = 3600_000;
// Finished jobs are kept a week for inspection, then removed.
const finishedJobRetentionMs = 7 * 24 * hourMs;

/** Housekeeping of the platform's own tables. */
export const platformMaintenance: TandemModule = {
  name: 'platform',
  jobs: () => ({
    'platform.maintenance': async (_job, { db, clock }) => {
      const now = clock.now().getTime();
      await db.deleteFrom('jobs')
        .where('state', 'in', ['done', 'failed'])
        .where('finished_at', '<', new Date(now - finishedJobRetentionMs))
        .execute();
      await purgeRateLimits(db, new Date(now - 24 * hourMs));
    },
  }),
  tickers: [everyPeriod('platform.maintenance', hourMs)],
};
