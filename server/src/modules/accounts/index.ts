import { everyPeriod } from '../../platform/jobs/periodic.js';
import type { TandemModule } from '../../platform/module.js';
import { purgeExpiredSessions } from './sessions.js';
import { sessionRoutes } from './session-routes.js';
import { settingsRoutes } from './settings-routes.js';

export { accountsAuthenticator, ensureDemoWorkspace } from './authentication.js';
export { createApiKey, listApiKeys, resolveApiKey } from './api-keys.js';
export { addMember, createUser, createWorkspace, getWorkspace, isMember, listMembers } from './workspaces.js';
export { type AuditActor, recordAudit } from './audit.js';

/** People, workspaces, roles, sessions, API keys and the audit log. */
export const accountsModule: TandemModule = {
  name: 'accounts',
  routes: async (app, { ctx }) => {
    await app.register(sessionRoutes, { ctx });
    await app.register(settingsRoutes, { ctx });
  },
  jobs: () => ({
    'accounts.purge_sessions': async (_job, { db, clock }) => purgeExpiredSessions(db, clock),
  }),
  tickers: [everyPeriod('accounts.purge_sessions', 3600_000)],
};
