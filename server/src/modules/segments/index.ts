import { membershipData } from './privacy.js';
import { systemClock } from '../../platform/clock.js';
import { everyPeriod } from '../../platform/jobs/periodic.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { TandemModule } from '../../platform/module.js';
import { onContactsChanged, onMerge, registerContactDataSource } from '../contacts/index.js';
import { registerEventConsumer } from '../events/index.js';
import { computeSegment, onContactMerged, onContactsChanged as reevaluateChangedContacts, onEvents, refreshTimed } from './realtime.js';
import { segmentRoutes } from './routes.js';
import { computeQueue } from './segments.js';

export { createSegment, existingSegmentIds, namesOf, segmentIdsOf, segmentMemberIds } from './segments.js';
export { addToList, removeFromList } from './lists.js';
export { onMembershipChanged, type MembershipListener } from './membership.js';
export {
  type CheckedCondition, checkCondition, contactPredicates, describeConditions, eventPredicate, type EventRuleCondition, isEventRuleCondition,
} from './conditions.js';

registerContactDataSource(membershipData);
export { eventMatches, onContactsChanged as reevaluateChangedContacts, recomputeSegmentsReading } from './realtime.js';
export { type Condition, emailEvents, formSubmittedEvent, type RelativeAmount } from './definition.js';
export { DefinitionError } from './validate.js';

const mergedQueue = 'segments.contact_merged';
const refreshQueue = 'segments.refresh_timed';

registerEventConsumer({ name: 'segments', handle: onEvents });
onContactsChanged(reevaluateChangedContacts);
// The duplicate's list places go to the survivor before the duplicate (and its rows) is deleted;
// its segments are looked at again once the merge has committed.
onMerge('contact', async (db, workspaceId, fromId, toId) => {
  await db.insertInto('list_members')
    .columns(['workspace_id', 'list_id', 'contact_id', 'added_at', 'added_by'])
    .expression((eb) => eb.selectFrom('list_members').select(['workspace_id', 'list_id', eb.val(toId).as('contact_id'), 'added_at', 'added_by'])
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId))
    .onConflict((oc) => oc.doNothing()).execute();
  // Merge hooks are given no clock: due at once, like the change feed's jobs.
  await enqueue(db, systemClock, { queue: mergedQueue, workspaceId, payload: { contactId: toId }, runAt: new Date(0) });
});

/** Segments (live membership from events, profile changes and time) and static lists. */
export const segmentsModule: TandemModule = {
  name: 'segments',
  routes: segmentRoutes,
  jobs: (ctx) => ({
    [computeQueue]: async (job) => computeSegment(ctx, job.workspaceId!, String(job.payload.segmentId)),
    [mergedQueue]: async (job) => ctx.db.transaction().execute((trx) => onContactMerged(trx, ctx, job.workspaceId!, String(job.payload.contactId))),
    [refreshQueue]: async () => refreshTimed(ctx),
  }),
  tickers: [everyPeriod(refreshQueue, 60_000)],
};
