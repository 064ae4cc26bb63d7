import type { TandemModule } from '../../platform/module.js';
import { analyticsRoutes } from './routes.js';

/** Reports across the system: the shared funnel, SLA compliance, rejection reasons, lead sources. */
export const analyticsModule: TandemModule = { name: 'analytics', routes: analyticsRoutes };
