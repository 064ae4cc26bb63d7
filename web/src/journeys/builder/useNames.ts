import { useMemo } from 'react';
import { useMembers } from '../../api/queries';
import { useTemplates } from '../../email/api';
import { useCatalog, useLists, useSegments } from '../../segments/api';
import { useJourneys } from '../api';
import type { JourneyNames } from './summary';

/** Names of what steps point at, from what the app has loaded (ids it does not know stay ids). */
export function useJourneyNames(): JourneyNames {
  const catalog = useCatalog();
  const segments = useSegments();
  const lists = useLists();
  const templates = useTemplates();
  const members = useMembers();
  const journeys = useJourneys();
  return useMemo(
    () => ({
      catalog: catalog.data,
      segments: new Map((segments.data ?? []).map((segment) => [segment.id, segment.name])),
      lists: new Map((lists.data ?? []).map((list) => [list.id, list.name])),
      templates: new Map((templates.data ?? []).map((template) => [template.id, template.name])),
      users: new Map((members.data ?? []).map((member) => [member.userId, member.name || member.email])),
      journeys: new Map((journeys.data ?? []).map((journey) => [journey.id, journey.name])),
    }),
    [catalog.data, segments.data, lists.data, templates.data, members.data, journeys.data],
  );
}
