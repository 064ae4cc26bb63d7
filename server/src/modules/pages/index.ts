import type { TandemModule } from '../../platform/module.js';
import { pagePublicRoutes } from './public-routes.js';
import { pageRoutes } from './routes.js';

export { createPage } from './pages.js';

/** Landing pages: hosted at /p/<slug>, built from blocks, with A/B variants and their statistics. */
export const pagesModule: TandemModule = {
  name: 'pages',
  routes: pageRoutes,
  rootRoutes: pagePublicRoutes,
};
