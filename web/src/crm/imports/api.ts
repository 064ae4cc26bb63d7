import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ImportRejection, ImportRun, ImportUpload } from '../types';

export type ImportObject = ImportRun['objectType'];
export type DuplicatePolicy = ImportRun['onDuplicate'];

export const importKeys = {
  all: ['imports'] as const,
  history: ['imports', 'history'] as const,
  detail: (id: string) => ['imports', 'detail', id] as const,
  rejections: (id: string) => ['imports', 'rejections', id] as const,
};

export function useUploadImport() {
  return useMutation({
    mutationFn: ({ objectType, file }: { objectType: ImportObject; file: File }) => {
      const query = new URLSearchParams({ objectType, fileName: file.name });
      // The browser may call a CSV "application/vnd.ms-excel" or nothing at all: say what it is.
      return api<ImportUpload>(`/imports?${query}`, { method: 'POST', body: file.slice(0, file.size, 'text/csv') });
    },
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, mapping, onDuplicate }: { id: string; mapping: Record<string, string>; onDuplicate: DuplicatePolicy }) =>
      api<ImportRun>(`/imports/${encodeURIComponent(id)}/start`, { method: 'POST', body: { mapping, onDuplicate } }),
    onSuccess: (run) => {
      queryClient.setQueryData(importKeys.detail(run.id), run);
      return queryClient.invalidateQueries({ queryKey: importKeys.history });
    },
  });
}

const FINISHED: readonly ImportRun['status'][] = ['done', 'failed'];

export function isFinished(run: Pick<ImportRun, 'status'>): boolean {
  return FINISHED.includes(run.status);
}

/** An import, asked again every second until it is done or failed. */
export function useImportRun(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importKeys.detail(id),
    queryFn: async () => {
      const run = await api<ImportRun>(`/imports/${encodeURIComponent(id)}`);
      if (isFinished(run)) {
        // What the import wrote shows up in the lists at once.
        void queryClient.invalidateQueries({ queryKey: importKeys.history });
        void queryClient.invalidateQueries({ queryKey: importKeys.rejections(id) });
      }
      return run;
    },
    refetchInterval: (query) => (query.state.data && (isFinished(query.state.data) || query.state.data.status === 'uploaded') ? false : 1000),
  });
}

const REJECTIONS_PAGE = 100;

export function useRejections(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: importKeys.rejections(id),
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(REJECTIONS_PAGE) });
      if (pageParam !== undefined) query.set('afterLine', String(pageParam));
      return api<{ items: ImportRejection[] }>(`/imports/${encodeURIComponent(id)}/rejections?${query}`);
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.items.length < REJECTIONS_PAGE ? undefined : last.items.at(-1)?.line),
    enabled,
  });
}

/** Where the browser downloads every rejected row of an import as CSV. */
export function rejectionsCsvUrl(id: string): string {
  return `/api/v1/imports/${encodeURIComponent(id)}/rejections?format=csv&limit=10000`;
}

export function useImportHistory() {
  return useQuery({
    queryKey: importKeys.history,
    queryFn: () => api<{ items: ImportRun[] }>('/imports?limit=100').then((list) => list.items),
    // A running import moves its counters; keep the list fresh while one is under way.
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'queued' || run.status === 'running') ? 2000 : false),
  });
}

/**
 * Counts the lines of a file without reading it into one string, to show progress as a share
 * of the rows. Quoted line breaks make it an estimate, so the bar never claims 100 % early.
 */
export async function countDataRows(file: File): Promise<number | null> {
  if (file.size > 500 * 1024 * 1024) return null;
  const reader = file.stream().getReader();
  let lines = 0;
  let last = 10;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    if (value.length) last = value[value.length - 1]!;
  }
  if (last !== 10) lines++;
  return Math.max(0, lines - 1);
}
