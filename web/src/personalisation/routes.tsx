import type { RouteObject } from 'react-router';
import { NewSlotPage, SlotPage } from './SlotPage';
import { SlotsPage } from './SlotsPage';

/** Web personalisation screens (paths relative to the app root). */
export const personalisationRoutes: RouteObject[] = [
  { path: 'personalisation', element: <SlotsPage /> },
  { path: 'personalisation/new', element: <NewSlotPage /> },
  { path: 'personalisation/:id', element: <SlotPage /> },
];
