import type { RouteObject } from 'react-router';
import { ListPage } from './lists/ListPage';
import { ListsPage } from './lists/ListsPage';
import { SegmentBuilderPage } from './SegmentBuilderPage';
import { SegmentPage } from './SegmentPage';
import { SegmentsPage } from './SegmentsPage';

/** Segment and list screens (paths relative to the app root). */
export const segmentRoutes: RouteObject[] = [
  { path: 'segments', element: <SegmentsPage /> },
  { path: 'segments/new', element: <SegmentBuilderPage /> },
  { path: 'segments/:id', element: <SegmentPage /> },
  { path: 'segments/:id/edit', element: <SegmentBuilderPage /> },
  { path: 'lists', element: <ListsPage /> },
  { path: 'lists/:id', element: <ListPage /> },
];
