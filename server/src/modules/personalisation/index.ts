import type { TandemModule } from '../../platform/module.js';
import { personalisationPublicRoutes } from './public-routes.js';
import { personalisationRoutes } from './routes.js';

export { createSlot } from './slots.js';

/** Web personalisation: content slots on the customer's website, filled per visitor segment. */
export const personalisationModule: TandemModule = {
  name: 'personalisation',
  routes: personalisationRoutes,
  rootRoutes: personalisationPublicRoutes,
};
