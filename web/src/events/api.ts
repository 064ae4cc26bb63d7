import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ContactTracking, EventPage, EventView, TrackingSettings, TrackingSettingsInput } from './types';

export const eventKeys = {
  list: (filters: string) => ['events', 'list', filters] as const,
  arrivals: (filters: string) => ['events', 'arrivals', filters] as const,
  detail: (id: number) => ['events', 'detail', id] as const,
  contactTracking: (contactId: string) => ['contact-tracking', contactId] as const,
  settings: ['tracking-settings'] as const,
};

const PAGE_SIZE = 50;
/** How often the live view asks for new events. */
export const POLL_MS = 2000;

function fetchEvents(filters: URLSearchParams, page: { before?: number; after?: number; limit?: number }): Promise<EventPage> {
  const query = new URLSearchParams(filters);
  query.set('limit', String(page.limit ?? PAGE_SIZE));
  if (page.before !== undefined) query.set('before', String(page.before));
  if (page.after !== undefined) query.set('after', String(page.after));
  return api<EventPage>(`/events?${query}`);
}

type EventList = InfiniteData<EventPage, number | undefined>;

const newestId = (list: EventList | undefined) => list?.pages[0]?.items[0]?.id ?? 0;

/**
 * New events on top. An arrival that names the contact of a browser (an identify) ties that
 * browser's earlier events shown to the contact too, as the identity graph did on the server.
 */
function prepend(list: EventList, arrived: EventView[]): EventList {
  // Oldest first, so the newest arrival of a browser has the last word.
  const contactOf = new Map(
    [...arrived].reverse().flatMap((event) => (event.contact && event.anonymousId ? [[event.anonymousId, event.contact] as const] : [])),
  );
  const resolve = (event: EventView) =>
    !event.contact && event.anonymousId && contactOf.has(event.anonymousId) ? { ...event, contact: contactOf.get(event.anonymousId)! } : event;
  const [first, ...rest] = list.pages;
  return {
    ...list,
    pages: [{ ...first!, items: [...arrived, ...first!.items.map(resolve)] }, ...rest.map((page) => ({ ...page, items: page.items.map(resolve) }))],
  };
}

/**
 * The events that match the API filters, newest first, a page at a time ("Load older").
 * While `live`, events newer than the newest shown are asked for every 2 s (not while the
 * browser tab is hidden) and put on top.
 */
export function useEventStream(filters: URLSearchParams, live: boolean) {
  const queryClient = useQueryClient();
  const key = eventKeys.list(filters.toString());
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchEvents(filters, { before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    // The poll keeps the list fresh; a refetch on focus would only load it again.
    staleTime: Infinity,
  });

  useQuery({
    queryKey: eventKeys.arrivals(filters.toString()),
    queryFn: async () => {
      // Read from the cache, not from the render: "Load older" or a reload may have changed it.
      const arrived = await fetchEvents(filters, { after: newestId(queryClient.getQueryData<EventList>(key)), limit: 200 });
      if (arrived.nextBefore !== null) {
        // More arrived than one answer holds: start again from the newest rather than leave a gap.
        await queryClient.refetchQueries({ queryKey: key });
      } else if (arrived.items.length > 0) {
        queryClient.setQueryData<EventList>(key, (current) => current && prepend(current, arrived.items));
      }
      return arrived.items.length;
    },
    enabled: live && list.isSuccess,
    refetchInterval: POLL_MS,
  });

  return list;
}

/** One event with its raw payload; `initial` shows at once when the caller already has it. */
export function useEvent(id: number | null, initial?: EventView) {
  return useQuery({
    queryKey: eventKeys.detail(id ?? 0),
    queryFn: () => api<EventView>(`/events/${id}`),
    enabled: id !== null,
    initialData: initial,
    staleTime: Infinity,
  });
}

export function useContactTracking(contactId: string) {
  return useQuery({
    queryKey: eventKeys.contactTracking(contactId),
    queryFn: () => api<ContactTracking>(`/contacts/${encodeURIComponent(contactId)}/tracking`),
  });
}

export function useTrackingSettings() {
  return useQuery({ queryKey: eventKeys.settings, queryFn: () => api<TrackingSettings>('/tracking/settings') });
}

/** Write keys only send events: whoever may set up tracking may make one. */
export function useCreateWriteKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<{ id: string; name: string; key: string }>('/tracking/write-keys', { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.settings }),
  });
}

export function useSaveTrackingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<TrackingSettingsInput>) => api<TrackingSettings>('/tracking/settings', { method: 'PUT', body: input }),
    onSuccess: (settings) => queryClient.setQueryData(eventKeys.settings, settings),
  });
}
