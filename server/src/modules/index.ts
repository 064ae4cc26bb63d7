import { platformMaintenance } from '../platform/jobs/maintenance.js';
import { testClockModule } from '../platform/test-clock.js';
import type { TandemModule } from '../platform/module.js';
import { accountsModule } from './accounts/index.js';
import { contactsModule } from './contacts/index.js';
import { dealsModule } from './deals/index.js';
import { demoModule } from './demo/index.js';
import { eventsModule } from './events/index.js';
import { segmentsModule } from './segments/index.js';
import { scoringModule } from './scoring/index.js';
import { lifecycleModule } from './lifecycle/index.js';
import { notificationsModule } from './notifications/index.js';
import { analyticsModule } from './analytics/index.js';
import { messagingModule } from './messaging/index.js';
import { journeysModule } from './journeys/index.js';
import { formsModule } from './forms/index.js';
import { pagesModule } from './pages/index.js';
import { personalisationModule } from './personalisation/index.js';
import { searchModule } from './search/index.js';

/** Every module the runtime mounts, in order. A new domain module is added here. */
export const modules: TandemModule[] = [platformMaintenance, accountsModule, contactsModule, dealsModule, eventsModule, segmentsModule, scoringModule, lifecycleModule, notificationsModule, messagingModule, journeysModule, formsModule, pagesModule, personalisationModule, analyticsModule, searchModule, demoModule, testClockModule];
