import type { RouteObject } from 'react-router';
import { LiveEventsPage } from './LiveEventsPage';

/** Event screens (paths relative to the app root). */
export const eventRoutes: RouteObject[] = [{ path: 'events', element: <LiveEventsPage /> }];
