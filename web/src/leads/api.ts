import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { crmKeys } from '../crm/shared/queries';
import { recordKeys } from '../crm/shared/records';
import type {
  Backtest,
  ContactLifecycle,
  ConvertInput,
  DefinitionInput,
  Lead,
  LeadDefinition,
  LeadDetail,
  LeadStatus,
  LifecycleSettings,
  NotificationList,
  RejectInput,
  SalesTeam,
  TeamInput,
} from './types';

export const leadKeys = {
  all: ['leads'] as const,
  queue: (query: string) => ['leads', 'queue', query] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  settings: ['lifecycle-settings'] as const,
  contact: (contactId: string) => ['contact-lifecycle', contactId] as const,
  teams: ['sales-teams'] as const,
  definitions: ['lead-definitions'] as const,
  backtest: (id: string, days: number) => ['lead-definitions', 'backtest', id, days] as const,
  notifications: ['notifications'] as const,
};

const enc = encodeURIComponent;

// ── The queue ────────────────────────────────────────────────────────────────────────

export interface LeadFilter {
  /** "me", a user id, or nobody in particular. */
  owner?: string;
  teamId?: string;
  status?: LeadStatus[];
}

/** The sales queue, most urgent first; asked again every half minute so the SLA stays true. */
export function useLeads(filter: LeadFilter, enabled = true) {
  const query = new URLSearchParams({ limit: '200' });
  if (filter.owner) query.set('owner', filter.owner);
  if (filter.teamId) query.set('teamId', filter.teamId);
  if (filter.status?.length) query.set('status', filter.status.join(','));
  const search = query.toString();
  return useQuery({
    queryKey: leadKeys.queue(search),
    queryFn: () => api<{ items: Lead[] }>(`/leads?${search}`).then((list) => list.items),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: () => api<LeadDetail>(`/leads/${enc(id)}`) });
}

/** An answer changes the lead, the queue, the contact's stage and timeline, and perhaps a deal. */
function useLeadAnswered() {
  const queryClient = useQueryClient();
  return (lead: Lead) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: leadKeys.all }),
      queryClient.invalidateQueries({ queryKey: leadKeys.contact(lead.contact.id) }),
      queryClient.invalidateQueries({ queryKey: leadKeys.teams }),
      queryClient.invalidateQueries({ queryKey: recordKeys.detail('contacts', lead.contact.id) }),
      queryClient.invalidateQueries({ queryKey: crmKeys.timelines }),
      queryClient.invalidateQueries({ queryKey: ['deals'] }),
    ]).then(() => undefined);
}

export function useAcceptLead(id: string) {
  const answered = useLeadAnswered();
  return useMutation({ mutationFn: () => api<Lead>(`/leads/${enc(id)}/accept`, { method: 'POST' }), onSuccess: answered });
}

export function useRejectLead(id: string) {
  const answered = useLeadAnswered();
  return useMutation({
    mutationFn: (input: RejectInput) => api<Lead>(`/leads/${enc(id)}/reject`, { method: 'POST', body: input }),
    onSuccess: answered,
  });
}

export function useConvertLead(id: string) {
  const answered = useLeadAnswered();
  return useMutation({
    mutationFn: (input: ConvertInput) => api<Lead>(`/leads/${enc(id)}/convert`, { method: 'POST', body: input }),
    onSuccess: answered,
  });
}

// ── Lifecycle ────────────────────────────────────────────────────────────────────────

export function useLifecycleSettings() {
  return useQuery({ queryKey: leadKeys.settings, queryFn: () => api<LifecycleSettings>('/lifecycle/settings'), staleTime: 60_000 });
}

export function useSaveLifecycleSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LifecycleSettings) => api<LifecycleSettings>('/lifecycle/settings', { method: 'PUT', body: input }),
    onSuccess: (settings) => queryClient.setQueryData(leadKeys.settings, settings),
  });
}

export function useContactLifecycle(contactId: string) {
  return useQuery({ queryKey: leadKeys.contact(contactId), queryFn: () => api<ContactLifecycle>(`/contacts/${enc(contactId)}/lifecycle`) });
}

export function useSetLifecycleStage(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { stage: string; reason: string | null }) =>
      api<ContactLifecycle>(`/contacts/${enc(contactId)}/lifecycle-stage`, { method: 'PUT', body: input }),
    onSuccess: (lifecycle) => {
      queryClient.setQueryData(leadKeys.contact(contactId), lifecycle);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys.all('contacts') }),
        queryClient.invalidateQueries({ queryKey: crmKeys.timelines }),
      ]).then(() => undefined);
    },
  });
}

// ── Sales teams ──────────────────────────────────────────────────────────────────────

export function useSalesTeams() {
  return useQuery({ queryKey: leadKeys.teams, queryFn: () => api<{ items: SalesTeam[] }>('/sales-teams').then((list) => list.items) });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamInput & { name: string }) => api<SalesTeam>('/sales-teams', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadKeys.teams }),
  });
}

export function useUpdateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TeamInput }) => api<SalesTeam>(`/sales-teams/${enc(id)}`, { method: 'PATCH', body: input }),
    // A switch flips at once; the server's answer (or the refetch after an error) follows.
    onMutate: ({ id, input }) =>
      queryClient.setQueryData<SalesTeam[]>(leadKeys.teams, (teams) =>
        teams?.map((team) => {
          if (team.id !== id) return team;
          const members = input.members
            ?.map((member) => {
              const known = team.members.find((current) => current.userId === member.userId);
              return known ? { ...known, capacity: member.capacity ?? known.capacity, away: member.away ?? known.away } : null;
            })
            .filter((member) => member !== null);
          return {
            ...team,
            name: input.name ?? team.name,
            leadUserId: input.leadUserId === undefined ? team.leadUserId : input.leadUserId,
            members: members ?? team.members,
          };
        }),
      ),
    onSuccess: (team) =>
      queryClient.setQueryData<SalesTeam[]>(leadKeys.teams, (teams) => teams?.map((current) => (current.id === team.id ? team : current))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: leadKeys.teams }),
  });
}

// ── Lead definitions ─────────────────────────────────────────────────────────────────

export function useDefinitions() {
  return useQuery({
    queryKey: leadKeys.definitions,
    queryFn: () => api<{ items: LeadDefinition[] }>('/lead-definitions').then((list) => list.items),
  });
}

function useDefinitionSaved() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: leadKeys.definitions });
}

export function useCreateDefinition() {
  const saved = useDefinitionSaved();
  return useMutation({
    mutationFn: (input: DefinitionInput) => api<LeadDefinition>('/lead-definitions', { method: 'POST', body: input }),
    onSuccess: saved,
  });
}

export function useUpdateDefinition(id: string) {
  const saved = useDefinitionSaved();
  return useMutation({
    mutationFn: (input: DefinitionInput) => api<LeadDefinition>(`/lead-definitions/${enc(id)}`, { method: 'PUT', body: input }),
    onSuccess: saved,
  });
}

export function useApproveDefinition() {
  const saved = useDefinitionSaved();
  return useMutation({
    mutationFn: (id: string) => api<LeadDefinition>(`/lead-definitions/${enc(id)}/approve`, { method: 'POST' }),
    onSuccess: saved,
  });
}

export function useBacktest(id: string | null, days: number) {
  return useQuery({
    queryKey: leadKeys.backtest(id ?? '', days),
    queryFn: () => api<Backtest>(`/lead-definitions/${enc(id!)}/backtest?days=${days}`),
    enabled: id !== null && Number.isInteger(days) && days >= 1 && days <= 730,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

// ── Notifications ────────────────────────────────────────────────────────────────────

/** The signed-in person's notifications; asked again every half minute for the bell. */
export function useNotifications() {
  return useQuery({
    queryKey: leadKeys.notifications,
    queryFn: () => api<NotificationList>('/notifications?limit=20'),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => api<void>('/notifications/read', { method: 'POST', body: ids ? { ids } : {} }),
    onMutate: (ids) => {
      // Read at once on screen; the server's answer follows.
      const now = new Date().toISOString();
      queryClient.setQueryData<NotificationList>(leadKeys.notifications, (list) => {
        if (!list) return list;
        const items = list.items.map((item) => (!item.readAt && (!ids || ids.includes(item.id)) ? { ...item, readAt: now } : item));
        const marked = list.items.filter((item) => !item.readAt && (!ids || ids.includes(item.id))).length;
        return { unread: ids ? Math.max(0, list.unread - marked) : 0, items };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: leadKeys.notifications }),
  });
}
