import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Company, Contact, Deal, DealDetail, Page, Pipeline } from '../types';

export const dealKeys = {
  pipelines: ['pipelines'] as const,
  /** Every deal query: the board, the table, a deal, and the deal lists of contacts and companies. */
  lists: ['deals'] as const,
  board: (pipelineId: string, ownerId: string | null) => ['deals', 'list', 'board', pipelineId, ownerId ?? 'all'] as const,
  detail: (id: string) => ['deals', 'detail', id] as const,
};

/** Every timeline (the shared Timeline's keys): a deal's change shows on its company's and contacts' too. */
export const timelineKeys = ['timeline'] as const;

/** Names of records that other records point to by id (a deal's company, a task's contact). */
export const refKeys = {
  company: (id: string) => ['ref', 'company', id] as const,
  contact: (id: string) => ['ref', 'contact', id] as const,
  deal: (id: string) => ['ref', 'deal', id] as const,
};

export function usePipelines() {
  return useQuery({
    queryKey: dealKeys.pipelines,
    queryFn: () => api<{ items: Pipeline[] }>('/pipelines').then((list) => list.items),
    staleTime: 5 * 60_000,
  });
}

/** The board shows a whole pipeline: read every page (500 deals each) up to a sane bound. */
const BOARD_LIMIT = 5000;

async function fetchAllDeals(query: URLSearchParams): Promise<{ deals: Deal[]; truncated: boolean }> {
  const deals: Deal[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '500');
    if (cursor) params.set('cursor', cursor);
    const page: Page<Deal> = await api<Page<Deal>>(`/deals?${params}`);
    deals.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && deals.length < BOARD_LIMIT);
  return { deals, truncated: cursor !== null };
}

export function useBoardDeals(pipelineId: string | null, ownerId: string | null) {
  return useQuery({
    queryKey: dealKeys.board(pipelineId ?? '', ownerId),
    queryFn: () => {
      const query = new URLSearchParams({ pipelineId: pipelineId! });
      if (ownerId) query.set('ownerId', ownerId);
      return fetchAllDeals(query);
    },
    enabled: pipelineId !== null,
  });
}

export function useDeal(id: string) {
  return useQuery({ queryKey: dealKeys.detail(id), queryFn: () => api<DealDetail>(`/deals/${encodeURIComponent(id)}`) });
}

export interface DealCreateInput {
  name: string;
  amount: number | null;
  currency: string;
  expectedCloseDate: string | null;
  ownerId: string | null;
  companyId: string | null;
  pipelineId: string;
  stageId: string;
  contacts: { contactId: string; role: string | null }[];
}

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DealCreateInput) => api<DealDetail>('/deals', { method: 'POST', body: input }),
    onSuccess: (deal) => {
      queryClient.setQueryData(dealKeys.detail(deal.id), deal);
      return queryClient.invalidateQueries({ queryKey: dealKeys.lists });
    },
  });
}

export type DealPatch = Partial<Pick<Deal, 'name' | 'amount' | 'currency' | 'expectedCloseDate' | 'ownerId' | 'companyId' | 'stageId' | 'lostReason'>>;

/** Updates a deal (or moves it to a stage) and refreshes every list that shows it. */
export function useUpdateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DealPatch }) =>
      api<DealDetail>(`/deals/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: (deal) => {
      queryClient.setQueryData(dealKeys.detail(deal.id), deal);
      void queryClient.invalidateQueries({ queryKey: timelineKeys });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: dealKeys.lists }),
  });
}

const MOVE_KEY = ['deals', 'move'];

type BoardData = { deals: Deal[]; truncated: boolean };

/**
 * Moves a card on the board at once and tells the server; if the server says no, the card
 * goes back where it was (the caller shows why).
 */
export function useMoveDeal(boardKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: MOVE_KEY,
    // One move after the other: two quick drags of a card must reach the server in order.
    scope: { id: 'deal-moves' },
    mutationFn: ({ deal, stageId, lostReason }: { deal: Deal; stageId: string; status: Deal['status']; lostReason?: string }) =>
      api<DealDetail>(`/deals/${encodeURIComponent(deal.id)}`, {
        method: 'PATCH',
        body: lostReason === undefined ? { stageId } : { stageId, lostReason },
      }),
    onMutate: async ({ deal, stageId, status, lostReason }) => {
      await queryClient.cancelQueries({ queryKey: boardKey });
      const previous = queryClient.getQueryData<BoardData>(boardKey);
      const now = new Date().toISOString();
      queryClient.setQueryData<BoardData>(boardKey, (data) =>
        data && {
          ...data,
          deals: data.deals.map((d) =>
            d.id === deal.id
              ? { ...d, stageId, status, lostReason: lostReason ?? null, stageEnteredAt: now, updatedAt: now }
              : d,
          ),
        },
      );
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(boardKey, context.previous);
    },
    onSuccess: (deal) => {
      queryClient.setQueryData(dealKeys.detail(deal.id), deal);
      void queryClient.invalidateQueries({ queryKey: timelineKeys });
    },
    onSettled: () => {
      // A refetch while more moves wait would show the cards where they were a moment ago.
      if (queryClient.isMutating({ mutationKey: MOVE_KEY }) <= 1) return queryClient.invalidateQueries({ queryKey: dealKeys.lists });
    },
  });
}

export function useDeleteDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/deals/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => queryClient.removeQueries({ queryKey: dealKeys.detail(id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dealKeys.lists, predicate: (query) => query.queryKey[1] !== 'detail' }),
  });
}

export function useSetDealContact(dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, role }: { contactId: string; role: string | null }) =>
      api<DealDetail>(`/deals/${encodeURIComponent(dealId)}/contacts/${encodeURIComponent(contactId)}`, { method: 'PUT', body: { role } }),
    onSuccess: (deal) => {
      queryClient.setQueryData(dealKeys.detail(dealId), deal);
      void queryClient.invalidateQueries({ queryKey: timelineKeys });
    },
  });
}

export function useRemoveDealContact(dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      api<void>(`/deals/${encodeURIComponent(dealId)}/contacts/${encodeURIComponent(contactId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dealKeys.lists }),
  });
}

const REF_STALE = 5 * 60_000;

/** One record per id, each cached on its own so boards and lists share what they already read. */
function useRefs<T>(ids: readonly (string | null | undefined)[], key: (id: string) => readonly unknown[], path: (id: string) => string) {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: key(id),
      queryFn: () => api<T>(path(id)),
      staleTime: REF_STALE,
      retry: false,
    })),
  });
  const byId = new Map<string, T>();
  unique.forEach((id, index) => {
    const data = results[index]?.data;
    if (data) byId.set(id, data);
  });
  return byId;
}

export function useCompanies(ids: readonly (string | null | undefined)[]) {
  return useRefs<Company>(ids, refKeys.company, (id) => `/companies/${encodeURIComponent(id)}`);
}

export function useContacts(ids: readonly (string | null | undefined)[]) {
  return useRefs<Contact>(ids, refKeys.contact, (id) => `/contacts/${encodeURIComponent(id)}`);
}

export function useDealRefs(ids: readonly (string | null | undefined)[]) {
  return useRefs<Deal>(ids, refKeys.deal, (id) => `/deals/${encodeURIComponent(id)}`);
}

export function contactName(contact: Pick<Contact, 'firstName' | 'lastName' | 'email'> | undefined): string {
  if (!contact) return '…';
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return name || contact.email || 'Unnamed contact';
}
