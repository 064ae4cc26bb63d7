import type { RouteObject } from 'react-router';
import { FormPage, NewFormPage } from './FormPage';
import { FormsPage } from './FormsPage';

/** Form screens (paths relative to the app root). */
export const formRoutes: RouteObject[] = [
  { path: 'forms', element: <FormsPage /> },
  { path: 'forms/new', element: <NewFormPage /> },
  { path: 'forms/:id', element: <FormPage /> },
];
