import type { RouteObject } from 'react-router';
import { ReportsPage } from './ReportsPage';

/** The reports screens (paths relative to the app root). */
export const reportRoutes: RouteObject[] = [{ path: 'reports', element: <ReportsPage /> }];
