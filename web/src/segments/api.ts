import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { api } from '../api/client';
import type {
  Catalog,
  ContactMemberships,
  Definition,
  Explanation,
  HistoryPoint,
  List,
  ListImportResult,
  ListInput,
  MembersPage,
  Preview,
  Segment,
  SegmentInput,
} from './types';

export const segmentKeys = {
  all: ['segments'] as const,
  list: ['segments', 'list'] as const,
  catalog: ['segments', 'catalog'] as const,
  preview: (definition: string) => ['segments', 'preview', definition] as const,
  detail: (id: string) => ['segments', 'detail', id] as const,
  members: (id: string) => ['segments', 'members', id] as const,
  history: (id: string, days: number) => ['segments', 'history', id, days] as const,
  explain: (id: string, contactId: string) => ['segments', 'explain', id, contactId] as const,
  contact: (contactId: string) => ['contact-segments', contactId] as const,
};

export const listKeys = {
  all: ['lists'] as const,
  list: ['lists', 'list'] as const,
  detail: (id: string) => ['lists', 'detail', id] as const,
  members: (id: string) => ['lists', 'members', id] as const,
};

const MEMBERS_PAGE = 50;
/** How long the builder waits after the last change before it counts again. */
const PREVIEW_DELAY_MS = 400;

const segmentPath = (id: string) => `/segments/${encodeURIComponent(id)}`;
const listPath = (id: string) => `/lists/${encodeURIComponent(id)}`;

/** Where the browser downloads the members of a segment or list as CSV. */
export const segmentCsvUrl = (id: string) => `/api/v1${segmentPath(id)}/members.csv`;
export const listCsvUrl = (id: string) => `/api/v1${listPath(id)}/members.csv`;

// ── Segments ─────────────────────────────────────────────────────────────────────────

export function useSegments() {
  return useQuery({ queryKey: segmentKeys.list, queryFn: () => api<{ items: Segment[] }>('/segments').then((list) => list.items) });
}

/** A segment; asked again now and then, because members enter and leave as events arrive. */
export function useSegment(id: string) {
  return useQuery({
    queryKey: segmentKeys.detail(id),
    queryFn: () => api<Segment>(segmentPath(id)),
    // Right after a save the members are still being computed: look again soon.
    refetchInterval: (query) => (query.state.data && query.state.data.computedAt === null ? 1000 : 5000),
  });
}

export function useCatalog() {
  return useQuery({ queryKey: segmentKeys.catalog, queryFn: () => api<Catalog>('/segments/catalog'), staleTime: 60_000 });
}

/**
 * The live count and a sample of who matches `definition`, asked a moment after the last
 * change. The previous answer stays on screen while the next one is on its way.
 */
export function usePreview(definition: Definition, enabled = true) {
  const [debounced] = useDebouncedValue(JSON.stringify(definition), PREVIEW_DELAY_MS);
  return useQuery({
    queryKey: segmentKeys.preview(debounced),
    queryFn: () => api<Preview>('/segments/preview', { method: 'POST', body: { definition: JSON.parse(debounced) as Definition } }),
    enabled,
    placeholderData: keepPreviousData,
    // A 400 names the condition to fix; asking again would only repeat it.
    retry: false,
    staleTime: 10_000,
  });
}

export function useCreateSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SegmentInput) => api<Segment>('/segments', { method: 'POST', body: input }),
    onSuccess: (segment) => {
      queryClient.setQueryData(segmentKeys.detail(segment.id), segment);
      return queryClient.invalidateQueries({ queryKey: segmentKeys.list });
    },
  });
}

export function useUpdateSegment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<SegmentInput>) => api<Segment>(segmentPath(id), { method: 'PATCH', body: input }),
    onSuccess: (segment) => {
      queryClient.setQueryData(segmentKeys.detail(segment.id), segment);
      // A new definition means new members, history and explanations.
      return queryClient.invalidateQueries({ queryKey: segmentKeys.all });
    },
  });
}

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(segmentPath(id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: segmentKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: segmentKeys.list });
    },
  });
}

function membersQuery<Added extends 'enteredAt' | 'addedAt'>(path: string) {
  return ({ pageParam }: { pageParam: string | undefined }) => {
    const query = new URLSearchParams({ limit: String(MEMBERS_PAGE) });
    if (pageParam) query.set('cursor', pageParam);
    return api<MembersPage<Added>>(`${path}/members?${query}`);
  };
}

/** The members of a segment, newest first, a page at a time. */
export function useSegmentMembers(id: string) {
  return useInfiniteQuery({
    queryKey: segmentKeys.members(id),
    queryFn: membersQuery<'enteredAt'>(segmentPath(id)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSegmentHistory(id: string, days: number) {
  return useQuery({
    queryKey: segmentKeys.history(id, days),
    queryFn: () => api<{ points: HistoryPoint[] }>(`${segmentPath(id)}/history?days=${days}`).then((history) => history.points),
  });
}

/** Why a contact is in a segment or not, condition by condition; null asks nothing. */
export function useExplanation(segmentId: string | null, contactId: string | null) {
  return useQuery({
    queryKey: segmentKeys.explain(segmentId ?? '', contactId ?? ''),
    queryFn: () => api<Explanation>(`${segmentPath(segmentId!)}/explain/${encodeURIComponent(contactId!)}`),
    enabled: segmentId !== null && contactId !== null,
    // Evaluated now: an older answer may no longer hold.
    staleTime: 0,
  });
}

export function useContactMemberships(contactId: string) {
  return useQuery({
    queryKey: segmentKeys.contact(contactId),
    queryFn: () => api<ContactMemberships>(`/contacts/${encodeURIComponent(contactId)}/segments`),
  });
}

// ── Lists ────────────────────────────────────────────────────────────────────────────

export function useLists() {
  return useQuery({ queryKey: listKeys.list, queryFn: () => api<{ items: List[] }>('/lists').then((list) => list.items) });
}

export function useList(id: string) {
  return useQuery({ queryKey: listKeys.detail(id), queryFn: () => api<List>(listPath(id)) });
}

export function useListMembers(id: string) {
  return useInfiniteQuery({
    queryKey: listKeys.members(id),
    queryFn: membersQuery<'addedAt'>(listPath(id)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ListInput) => api<List>('/lists', { method: 'POST', body: input }),
    onSuccess: (list) => {
      queryClient.setQueryData(listKeys.detail(list.id), list);
      return queryClient.invalidateQueries({ queryKey: listKeys.list });
    },
  });
}

export function useUpdateList(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<ListInput>) => api<List>(listPath(id), { method: 'PATCH', body: input }),
    onSuccess: (list) => {
      queryClient.setQueryData(listKeys.detail(list.id), list);
      return queryClient.invalidateQueries({ queryKey: listKeys.list });
    },
  });
}

export function useDeleteList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(listPath(id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: listKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: listKeys.list });
    },
  });
}

/**
 * Every change of a list's members: the list (its count), its members, the lists page, the
 * contact cards that show lists and segments that use the list.
 */
function useListMembersChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: listKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['contact-segments'] }),
      queryClient.invalidateQueries({ queryKey: segmentKeys.all }),
    ]).then(() => undefined);
}

export function useAddListMembers(id: string) {
  const changed = useListMembersChanged();
  return useMutation({
    mutationFn: (contactIds: string[]) => api<{ added: number }>(`${listPath(id)}/members`, { method: 'POST', body: { contactIds } }),
    onSuccess: changed,
  });
}

export function useRemoveListMembers(id: string) {
  const changed = useListMembersChanged();
  return useMutation({
    mutationFn: (contactIds: string[]) =>
      api<{ removed: number }>(`${listPath(id)}/members/remove`, { method: 'POST', body: { contactIds } }),
    onSuccess: changed,
  });
}

export function useAddListMembersFromDefinition(id: string) {
  const changed = useListMembersChanged();
  return useMutation({
    mutationFn: (definition: Definition) =>
      api<{ added: number }>(`${listPath(id)}/members/from-definition`, { method: 'POST', body: { definition } }),
    onSuccess: changed,
  });
}

export function useImportListMembers(id: string) {
  const changed = useListMembersChanged();
  return useMutation({
    // The browser may call a CSV "application/vnd.ms-excel" or nothing at all: say what it is.
    mutationFn: (file: File) =>
      api<ListImportResult>(`${listPath(id)}/members/import`, { method: 'POST', body: file.slice(0, file.size, 'text/csv') }),
    onSuccess: changed,
  });
}
