import type { RouteObject } from 'react-router';
import { LandingPagePage, NewLandingPagePage } from './LandingPagePage';
import { LandingPagesPage } from './LandingPagesPage';

/** Landing page screens (paths relative to the app root). */
export const landingPageRoutes: RouteObject[] = [
  { path: 'landing-pages', element: <LandingPagesPage /> },
  { path: 'landing-pages/new', element: <NewLandingPagePage /> },
  { path: 'landing-pages/:id', element: <LandingPagePage /> },
];
