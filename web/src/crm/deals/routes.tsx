import type { RouteObject } from 'react-router';
import { ImportPage } from '../imports/ImportPage';
import { ImportsPage } from '../imports/ImportsPage';
import { ImportWizardPage } from '../imports/ImportWizardPage';
import { MyTasksPage } from '../tasks/MyTasksPage';
import { DealPage } from './DealPage';
import { DealsBoardPage } from './DealsBoardPage';

/** Deals, tasks and import screens (paths relative to the app root, e.g. 'deals/:id'). */
export const dealRoutes: RouteObject[] = [
  { path: 'deals', element: <DealsBoardPage /> },
  { path: 'deals/:id', element: <DealPage /> },
  { path: 'tasks', element: <MyTasksPage /> },
  { path: 'imports', element: <ImportsPage /> },
  { path: 'imports/new', element: <ImportWizardPage /> },
  { path: 'imports/:id', element: <ImportPage /> },
];
