import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ContentSlot, SlotInput, SlotPreview, SlotResults } from './types';

export const slotKeys = {
  all: ['content-slots'] as const,
  list: ['content-slots', 'list'] as const,
  detail: (id: string) => ['content-slots', 'detail', id] as const,
  results: (id: string, days: number) => ['content-slots', 'results', id, days] as const,
  preview: (id: string, contactId: string) => ['content-slots', 'preview', id, contactId] as const,
};

const slotPath = (id: string) => `/content-slots/${encodeURIComponent(id)}`;

export function useSlots() {
  return useQuery({ queryKey: slotKeys.list, queryFn: () => api<{ items: ContentSlot[] }>('/content-slots').then((list) => list.items) });
}

export function useSlot(id: string) {
  return useQuery({ queryKey: slotKeys.detail(id), queryFn: () => api<ContentSlot>(slotPath(id)) });
}

export function useCreateSlot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SlotInput) => api<ContentSlot>('/content-slots', { method: 'POST', body: input }),
    onSuccess: (slot) => {
      queryClient.setQueryData(slotKeys.detail(slot.id), slot);
      return queryClient.invalidateQueries({ queryKey: slotKeys.list });
    },
  });
}

export function useUpdateSlot(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<SlotInput> & { archived?: boolean }) => api<ContentSlot>(slotPath(id), { method: 'PATCH', body: input }),
    onSuccess: (slot) => {
      queryClient.setQueryData(slotKeys.detail(id), slot);
      // What a contact sees and how impressions split depend on the rules.
      void queryClient.invalidateQueries({ queryKey: ['content-slots', 'preview', id] });
      void queryClient.invalidateQueries({ queryKey: ['content-slots', 'results', id] });
      return queryClient.invalidateQueries({ queryKey: slotKeys.list });
    },
  });
}

export function useSlotResults(id: string, days: number) {
  return useQuery({
    queryKey: slotKeys.results(id, days),
    queryFn: () => api<SlotResults>(`${slotPath(id)}/results?days=${days}`),
    placeholderData: keepPreviousData,
  });
}

/** What the contact would see in the saved slot now, and which rule decided it. */
export function useSlotPreview(id: string, contactId: string | null) {
  return useQuery({
    queryKey: slotKeys.preview(id, contactId ?? ''),
    queryFn: () => api<SlotPreview>(`${slotPath(id)}/preview?contactId=${encodeURIComponent(contactId ?? '')}`),
    enabled: Boolean(contactId),
  });
}
