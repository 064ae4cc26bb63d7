import type { RouteObject } from 'react-router';
import { DefinitionEditorPage } from './definition/DefinitionEditorPage';
import { DefinitionPage } from './definition/DefinitionPage';
import { LeadPage } from './LeadPage';
import { LeadsPage } from './LeadsPage';
import { LifecycleSettingsPage } from './settings/LifecycleSettingsPage';
import { TeamsPage } from './teams/TeamsPage';

/** The marketing–sales hand-off screens (paths relative to the app root). */
export const leadRoutes: RouteObject[] = [
  { path: 'leads', element: <LeadsPage /> },
  { path: 'leads/definition', element: <DefinitionPage /> },
  { path: 'leads/definition/new', element: <DefinitionEditorPage /> },
  { path: 'leads/definition/:id/edit', element: <DefinitionEditorPage /> },
  { path: 'leads/teams', element: <TeamsPage /> },
  { path: 'leads/:id', element: <LeadPage /> },
];

/** Under /settings. */
export const lifecycleSettingsRoute: RouteObject = { path: 'lifecycle', element: <LifecycleSettingsPage /> };
