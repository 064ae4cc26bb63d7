import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import { api } from '../../api/client';
import { emailKeys } from '../api';
import type { Message, MessageState } from '../types';
import { launchTime } from './format';
import type { Broadcast, BroadcastInput, BroadcastReport } from './types';

export const broadcastKeys = {
  all: ['broadcasts'] as const,
  list: ['broadcasts', 'list'] as const,
  detail: (id: string) => ['broadcasts', 'detail', id] as const,
  messages: (id: string, state: MessageState | null) => ['email-messages', 'broadcast', id, state] as const,
};

const enc = encodeURIComponent;

/** How often a broadcast on its way is asked again. */
export const LIVE_INTERVAL_MS = 3_000;

/** A broadcast whose numbers are changing: sending, or scheduled and due to launch. */
export function isLive(broadcast: Broadcast, now = Date.now()): boolean {
  if (broadcast.status === 'sending') return broadcast.recipients > 0;
  return broadcast.status === 'scheduled' && launchTime(broadcast).getTime() <= now + LIVE_INTERVAL_MS;
}

/** Every 3 s while live; a scheduled one is asked again around its launch (at least every minute). */
function refreshOf(broadcasts: Broadcast[] | undefined): number | false {
  if (!broadcasts?.length) return false;
  const now = Date.now();
  if (broadcasts.some((broadcast) => isLive(broadcast, now))) return LIVE_INTERVAL_MS;
  const next = broadcasts.filter((broadcast) => broadcast.status === 'scheduled').map((broadcast) => launchTime(broadcast).getTime() - now);
  return next.length ? Math.min(60_000, Math.max(LIVE_INTERVAL_MS, Math.min(...next))) : false;
}

export function useBroadcasts() {
  return useQuery({
    queryKey: broadcastKeys.list,
    queryFn: () => api<{ items: Broadcast[] }>('/broadcasts').then((list) => list.items),
    refetchInterval: (query: Query<Broadcast[]>) => refreshOf(query.state.data),
  });
}

/** A broadcast with its report, asked again every 3 s while it is sending. */
export function useBroadcast(id: string) {
  return useQuery({
    queryKey: broadcastKeys.detail(id),
    queryFn: () => api<BroadcastReport>(`/broadcasts/${enc(id)}`),
    refetchInterval: (query: Query<BroadcastReport>) => refreshOf(query.state.data ? [query.state.data] : undefined),
  });
}

/** How many of a broadcast's messages the report lists. */
export const MESSAGES_SHOWN = 200;

/** The broadcast's messages in the ledger, newest first; `live` asks again every 3 s. */
export function useBroadcastMessages(id: string, state: MessageState | null, live: boolean) {
  return useQuery({
    queryKey: broadcastKeys.messages(id, state),
    queryFn: () => {
      const query = new URLSearchParams({ broadcastId: id, limit: String(MESSAGES_SHOWN) });
      if (state) query.set('state', state);
      return api<{ items: Message[] }>(`/messages?${query}`).then((list) => list.items);
    },
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
}

/** Schedules a broadcast; a 400 names the input at fault. */
export function useCreateBroadcast() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BroadcastInput) => api<BroadcastReport>('/broadcasts', { method: 'POST', body: input }),
    onSuccess: (broadcast) => {
      queryClient.setQueryData(broadcastKeys.detail(broadcast.id), broadcast);
      return queryClient.invalidateQueries({ queryKey: broadcastKeys.list });
    },
  });
}

export function useCancelBroadcast() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<BroadcastReport>(`/broadcasts/${enc(id)}/cancel`, { method: 'POST' }),
    onSuccess: (broadcast) => {
      queryClient.setQueryData(broadcastKeys.detail(broadcast.id), broadcast);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: broadcastKeys.list }),
        queryClient.invalidateQueries({ queryKey: emailKeys.messages }),
      ]).then(() => undefined);
    },
  });
}
