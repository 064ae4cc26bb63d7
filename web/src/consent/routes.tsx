import type { RouteObject } from 'react-router';
import { ConsentSettingsPage } from './ConsentSettingsPage';

/** Under /settings. */
export const consentSettingsRoute: RouteObject = { path: 'consent', element: <ConsentSettingsPage /> };
