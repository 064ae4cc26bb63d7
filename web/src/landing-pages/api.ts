import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import type { LandingPage, PageInput, PageResults, PageStatus, PageSummary, PreviewInput } from './types';

export const pageKeys = {
  all: ['landing-pages'] as const,
  list: ['landing-pages', 'list'] as const,
  detail: (id: string) => ['landing-pages', 'detail', id] as const,
  results: (id: string, days: number) => ['landing-pages', 'results', id, days] as const,
  preview: (input: PreviewInput) => ['landing-pages', 'preview', input] as const,
};

const pagePath = (id: string) => `/pages/${encodeURIComponent(id)}`;

export function usePages() {
  return useQuery({ queryKey: pageKeys.list, queryFn: () => api<{ items: PageSummary[] }>('/pages').then((list) => list.items) });
}

export function usePage(id: string) {
  return useQuery({ queryKey: pageKeys.detail(id), queryFn: () => api<LandingPage>(pagePath(id)) });
}

type PageChange = Partial<PageInput> & { status?: PageStatus };

export function useCreatePage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PageInput & { status?: PageStatus }) => api<LandingPage>('/pages', { method: 'POST', body: input }),
    onSuccess: (page) => {
      queryClient.setQueryData(pageKeys.detail(page.id), page);
      return queryClient.invalidateQueries({ queryKey: pageKeys.list });
    },
  });
}

export function useUpdatePage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PageChange) => api<LandingPage>(pagePath(id), { method: 'PATCH', body: change }),
    onSuccess: (page) => {
      queryClient.setQueryData(pageKeys.detail(id), page);
      return queryClient.invalidateQueries({ queryKey: pageKeys.list });
    },
  });
}

export function usePageResults(id: string, days: number) {
  return useQuery({
    queryKey: pageKeys.results(id, days),
    queryFn: () => api<PageResults>(`${pagePath(id)}/results?days=${days}`),
    placeholderData: keepPreviousData,
  });
}

/** The preview answers HTML, not JSON: `api` cannot read it. */
async function previewHtml(input: PreviewInput): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/api/v1/pages/preview', {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the Tandem server. Check your connection and try again.');
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => ({}))) as { message?: string; field?: string };
    throw new ApiError(response.status, payload.message || `${response.status} ${response.statusText}`, payload.field);
  }
  return response.text();
}

/** An unsaved variant drawn by the server exactly as a visitor will see it (forms inert). */
export function usePreview(input: PreviewInput) {
  return useQuery({
    queryKey: pageKeys.preview(input),
    queryFn: () => previewHtml(input),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 5 * 60_000,
  });
}
