import type { RouteObject } from 'react-router';
import { JourneyPage } from './JourneyPage';
import { JourneysPage } from './JourneysPage';

/** Journey screens (paths relative to the app root). */
export const journeyRoutes: RouteObject[] = [
  { path: 'journeys', element: <JourneysPage /> },
  { path: 'journeys/:id', element: <JourneyPage /> },
];
