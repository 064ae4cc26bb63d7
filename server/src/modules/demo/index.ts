import type { AppContext } from '../../platform/context.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { TandemModule } from '../../platform/module.js';
import { seedDemoWorkspace } from './seed.js';

export { seedDemoWorkspace, defaultDemoSize } from './seed.js';

/** Queues the filling of a new demo workspace, so the server is ready before the data is. */
export async function queueDemoData(ctx: AppContext, workspaceId: string): Promise<void> {
  await enqueue(ctx.db, ctx.clock, { queue: 'demo.seed', workspaceId, idempotencyKey: `demo:${workspaceId}`, maxAttempts: 1 });
}

/** Believable demo data for a first look at Tandem. */
export const demoModule: TandemModule = {
  name: 'demo',
  jobs: (ctx) => ({
    'demo.seed': async (job) => {
      await seedDemoWorkspace(ctx.db, ctx.clock, ctx.logger, job.workspaceId!);
    },
  }),
};
