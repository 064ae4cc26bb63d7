import { emailData } from './privacy.js';
import type { TandemModule } from '../../platform/module.js';
import { onMerge, registerContactDataSource } from '../contacts/index.js';
import { emailRoutes } from './email-routes.js';
import { launchBroadcast } from './broadcasts.js';
import { sendMessages } from './messages.js';
import { launchQueue, sendQueue } from './queues.js';
import { bounceWebhookRoutes, startBounceListener } from './bounce-intake.js';
import { emailPublicRoutes } from './public-routes.js';
import { messagingRoutes } from './routes.js';

registerContactDataSource(emailData);

export { consentOf, listTopics, marketingEmail, marketingVerdict, recordConsent, suppress } from './consent.js';
export { consentFromForm } from './double-opt-in.js';
export { queueMessages, queueJourneyEmails } from './messages.js';
export { listTemplates } from './templates.js';

// A duplicate's consent evidence is the survivor's; its current state wins where it is newer.
onMerge('contact', async (db, workspaceId, fromId, toId) => {
  await db.updateTable('consent_records').set({ contact_id: toId }).where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  await db.insertInto('consent_state')
    .columns(['workspace_id', 'contact_id', 'purpose', 'status', 'lawful_basis', 'record_id', 'updated_at'])
    .expression((eb) => eb.selectFrom('consent_state').select(['workspace_id', eb.val(toId).as('contact_id'), 'purpose', 'status', 'lawful_basis', 'record_id', 'updated_at'])
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId))
    .onConflict((oc) => oc.columns(['workspace_id', 'contact_id', 'purpose']).doUpdateSet((eb) => ({
      status: eb.ref('excluded.status'), lawful_basis: eb.ref('excluded.lawful_basis'), record_id: eb.ref('excluded.record_id'), updated_at: eb.ref('excluded.updated_at'),
    })).where('consent_state.updated_at', '<', (eb) => eb.ref('excluded.updated_at')))
    .execute();
});

/** Email (templates, sends, tracking, unsubscribe) and the consent and suppression every send obeys. */
export const messagingModule: TandemModule = {
  name: 'messaging',
  routes: async (app, { ctx }) => {
    await app.register(messagingRoutes, { ctx });
    await app.register(emailRoutes, { ctx });
  },
  rootRoutes: (ctx) => async (app) => {
    await app.register(emailPublicRoutes(ctx));
    await app.register(bounceWebhookRoutes(ctx));
  },
  servers: startBounceListener,
  jobs: (ctx) => ({
    [sendQueue]: async (job) => sendMessages(ctx, job.workspaceId!, job.payload.ids as string[]),
    [launchQueue]: async (job) => launchBroadcast(ctx, job.workspaceId!, String(job.payload.broadcastId)),
  }),
};
