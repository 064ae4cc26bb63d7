import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Company, Completeness, Contact, Page } from '../types';
import { invalidateRecordHistory } from './queries';

/** Contacts and companies share one API shape: list, detail, create, update, bulk, duplicates and merge. */
export type RecordResource = 'contacts' | 'companies';
export type RecordOf<R extends RecordResource> = R extends 'contacts' ? Contact : Company;
export type RecordDetail<R extends RecordResource> = RecordOf<R> & { completeness: Completeness };

export const recordKeys = {
  all: (resource: RecordResource) => [resource] as const,
  list: (resource: RecordResource, params: string) => [resource, 'list', params] as const,
  detail: (resource: RecordResource, id: string) => [resource, 'detail', id] as const,
  duplicates: (resource: RecordResource) => [resource, 'duplicates'] as const,
};

export const PAGE_SIZE = 50;

/** A filtered, sorted list, `PAGE_SIZE` at a time; `params` are the API's list query parameters. */
export function useRecordList<R extends RecordResource>(resource: R, params: URLSearchParams, pageSize = PAGE_SIZE) {
  const key = params.toString();
  return useInfiniteQuery({
    queryKey: recordKeys.list(resource, key),
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(params);
      query.set('limit', String(pageSize));
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<RecordOf<R>>>(`/${resource}?${query}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRecord<R extends RecordResource>(resource: R, id: string) {
  return useQuery({
    queryKey: recordKeys.detail(resource, id),
    queryFn: () => api<RecordDetail<R>>(`/${resource}/${encodeURIComponent(id)}`),
  });
}

function useInvalidateRecords(resource: RecordResource) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: recordKeys.all(resource) }),
      queryClient.invalidateQueries({ queryKey: resource === 'contacts' ? ['contact-name'] : ['company-name'] }),
      invalidateRecordHistory(queryClient),
    ]);
}

export function useCreateRecord<R extends RecordResource>(resource: R) {
  const invalidate = useInvalidateRecords(resource);
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api<RecordOf<R>>(`/${resource}`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateRecord<R extends RecordResource>(resource: R) {
  const invalidate = useInvalidateRecords(resource);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: Record<string, unknown> }) =>
      api<RecordOf<R>>(`/${resource}/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteRecord(resource: RecordResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/${resource}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordKeys.all(resource) }),
  });
}

export type BulkAction =
  | { action: 'addTags' | 'removeTags'; tags: string[] }
  | { action: 'assignOwner'; ownerId: string | null }
  | { action: 'setLifecycleStage'; lifecycleStage: string }
  | { action: 'delete' };

export function useBulkAction(resource: RecordResource) {
  const invalidate = useInvalidateRecords(resource);
  return useMutation({
    mutationFn: ({ ids, change }: { ids: string[]; change: BulkAction }) =>
      api<{ changed: number }>(`/${resource}/bulk`, { method: 'POST', body: { ids, ...change } }),
    onSuccess: invalidate,
  });
}

export interface DuplicateGroup<R extends RecordResource> {
  reason: string;
  records: RecordOf<R>[];
}

export function useDuplicates<R extends RecordResource>(resource: R) {
  return useQuery({
    queryKey: recordKeys.duplicates(resource),
    queryFn: () => api<{ items: DuplicateGroup<R>[] }>(`/${resource}/duplicates?limit=100`).then((list) => list.items),
  });
}

export function useMergeRecords<R extends RecordResource>(resource: R) {
  const invalidate = useInvalidateRecords(resource);
  return useMutation({
    mutationFn: (input: { primaryId: string; duplicateId: string; keep: Record<string, 'primary' | 'duplicate'> }) =>
      api<RecordOf<R>>(`/${resource}/merge`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

/** The list filters in the URL, as API query parameters (the view and paging are not filters). */
export function listParams(search: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of search) if (key !== 'view' && value !== '') params.set(key, value);
  return params;
}
