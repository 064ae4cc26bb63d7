import type { RouteObject } from 'react-router';

/** Deals, tasks and import screens (paths relative to the app root, e.g. 'deals/:id'). */
export const dealRoutes: RouteObject[] = [];
