import type { RouteObject } from 'react-router';
import { ScoringPage } from './ScoringPage';

/** Lead scoring screens (paths relative to the app root). */
export const scoringRoutes: RouteObject[] = [{ path: 'scoring', element: <ScoringPage /> }];
