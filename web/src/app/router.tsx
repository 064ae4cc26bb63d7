import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { InvitePage } from '../pages/InvitePage';
import { LoginPage } from '../pages/LoginPage';
import { ModulePage } from '../pages/ModulePage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { RouteErrorPage } from '../pages/RouteErrorPage';
import { SetupPage } from '../pages/SetupPage';
import { ApiKeysPage } from '../settings/ApiKeysPage';
import { AuditLogPage } from '../settings/AuditLogPage';
import { CustomFieldsPage } from '../settings/CustomFieldsPage';
import { DataQualityPage } from '../settings/DataQualityPage';
import { SettingsLayout } from '../settings/SettingsLayout';
import { TrackingPage } from '../settings/TrackingPage';
import { UsersPage } from '../settings/UsersPage';
import { WorkspacePage } from '../settings/WorkspacePage';
import { consentSettingsRoute } from '../consent/routes';
import { contactRoutes } from '../crm/contacts/routes';
import { dealRoutes } from '../crm/deals/routes';
import { emailRoutes, emailSettingsRoute } from '../email/routes';
import { eventRoutes } from '../events/routes';
import { formRoutes } from '../forms/routes';
import { landingPageRoutes } from '../landing-pages/routes';
import { personalisationRoutes } from '../personalisation/routes';
import { journeyRoutes } from '../journeys/routes';
import { leadRoutes, lifecycleSettingsRoute } from '../leads/routes';
import { reportRoutes } from '../reports/routes';
import { scoringRoutes } from '../scoring/routes';
import { segmentRoutes } from '../segments/routes';
import { AppLayout } from '../shell/AppLayout';
import { MODULES } from '../shell/modules';
import { RequireAuth } from '../shell/RequireAuth';

/** Paths a signed-out person may be on; a 401 there is not a lost session. */
export const PUBLIC_PATHS = ['/login', '/setup', '/invite/'];

const appRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/contacts" replace /> },
  ...contactRoutes,
  ...dealRoutes,
  ...eventRoutes,
  ...segmentRoutes,
  ...scoringRoutes,
  ...leadRoutes,
  ...reportRoutes,
  ...emailRoutes,
  ...journeyRoutes,
  ...formRoutes,
  ...landingPageRoutes,
  ...personalisationRoutes,
  // Modules whose screens are not built yet show what they will hold.
  ...MODULES.filter((module) => ![...contactRoutes, ...dealRoutes, ...eventRoutes, ...segmentRoutes, ...scoringRoutes, ...leadRoutes, ...reportRoutes, ...emailRoutes, ...journeyRoutes, ...formRoutes, ...landingPageRoutes, ...personalisationRoutes].some((route) => route.path === module.path.slice(1))).map((module) => ({
    path: module.path.slice(1),
    element: <ModulePage module={module} />,
  })),
  {
    path: 'settings',
    element: <SettingsLayout />,
    children: [
      { index: true, element: <Navigate to="/settings/users" replace /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'audit-log', element: <AuditLogPage /> },
      { path: 'workspace', element: <WorkspacePage /> },
      { path: 'custom-fields', element: <CustomFieldsPage /> },
      { path: 'data-quality', element: <DataQualityPage /> },
      { path: 'tracking', element: <TrackingPage /> },
      lifecycleSettingsRoute,
      consentSettingsRoute,
      emailSettingsRoute,
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/setup', element: <SetupPage /> },
      { path: '/invite/:token', element: <InvitePage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: appRoutes,
      },
    ],
  },
]);
