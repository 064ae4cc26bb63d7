import type { RouteObject } from 'react-router';

/** Contacts and companies screens (paths relative to the app root, e.g. 'contacts/:id'). */
export const contactRoutes: RouteObject[] = [];
