import { eventData } from './privacy.js';
import { everyPeriod } from '../../platform/jobs/periodic.js';
import type { TandemModule } from '../../platform/module.js';
import { onMerge, registerTimelineSource, registerContactDataSource } from '../contacts/index.js';
import { collectRoutes } from './collect-routes.js';
import { deliverBatch, fanoutQueue } from './fanout.js';
import { maintainEvents } from './partitions.js';
import { eventTimelineItems } from './queries.js';
import { eventRoutes } from './routes.js';

export { registerEventConsumer, unregisterEventConsumer, type EventConsumer, type StoredBatch, type StoredEvent } from './fanout.js';
export { ingestEvents, type IngestFollowUp } from './ingest.js';
export { type ContactEvent, preparePartitions, recordContactEvents } from './contact-events.js';
export { activityNames, visitorContact } from './queries.js';
export { InvalidEvent, readEvent } from './payload.js';
export { asksNotToBeTracked, cachedTrackingSettings } from './settings.js';
export { writeKeyResolver } from './write-keys.js';
export { AddressRateLimit } from './backpressure.js';

// A merged-away contact's events, browsers and visits belong to the survivor.
onMerge('contact', async (db, workspaceId, fromId, toId) => {
  for (const table of ['events', 'visitors', 'web_sessions'] as const) {
    await db.updateTable(table).set({ contact_id: toId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  }
});
registerTimelineSource(eventTimelineItems);
registerContactDataSource(eventData);

/** Event collection (Segment-compatible), identity resolution, visits and touchpoints. */
export const eventsModule: TandemModule = {
  name: 'events',
  routes: eventRoutes,
  rootRoutes: collectRoutes,
  jobs: (ctx) => ({
    [fanoutQueue]: async (job) => deliverBatch(ctx, job),
    'events.maintenance': async () => maintainEvents(ctx.db, ctx.clock, ctx.logger),
  }),
  tickers: [everyPeriod('events.maintenance', 86_400_000)],
};
