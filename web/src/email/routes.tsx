import type { RouteObject } from 'react-router';
import { BroadcastReportPage } from './broadcasts/BroadcastReportPage';
import { NewBroadcastPage } from './broadcasts/NewBroadcastPage';
import { EmailPage } from './EmailPage';
import { EmailSettingsPage } from './EmailSettingsPage';
import { TemplateEditorPage } from './TemplateEditorPage';
import { TemplateReportPage } from './TemplateReportPage';

/** Email screens (paths relative to the app root). */
export const emailRoutes: RouteObject[] = [
  { path: 'email', element: <EmailPage /> },
  { path: 'email/templates/new', element: <TemplateEditorPage /> },
  { path: 'email/templates/:id', element: <TemplateEditorPage /> },
  { path: 'email/templates/:id/report', element: <TemplateReportPage /> },
  { path: 'email/broadcasts/new', element: <NewBroadcastPage /> },
  { path: 'email/broadcasts/:id', element: <BroadcastReportPage /> },
];

/** Under /settings. */
export const emailSettingsRoute: RouteObject = { path: 'email', element: <EmailSettingsPage /> };
