import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  ApiKey,
  ApiKeyKind,
  CreatedApiKey,
  CreatedInvitation,
  Invitation,
  ListOf,
  ActiveMe,
  Me,
  Member,
  Role,
  SetupStatus,
  Workspace,
} from './types';

export const keys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
  workspace: ['workspace'] as const,
  members: ['members'] as const,
  invitations: ['invitations'] as const,
  apiKeys: ['api-keys'] as const,
  auditLog: ['audit-log'] as const,
};

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: () => api<Me>('/me'), staleTime: 60_000 });
}

/** The signed-in user's data; only for components rendered inside the authenticated shell. */
export function useCurrentMe(): ActiveMe {
  const { data } = useMe();
  if (!data?.workspace) throw new Error('useCurrentMe used outside the authenticated app');
  return data as ActiveMe;
}

export function useSetupStatus() {
  return useQuery({ queryKey: keys.setup, queryFn: () => api<SetupStatus>('/setup') });
}

export function useWorkspace() {
  return useQuery({ queryKey: keys.workspace, queryFn: () => api<Workspace>('/workspace') });
}

export function useMembers() {
  return useQuery({
    queryKey: keys.members,
    queryFn: () => api<ListOf<Member>>('/members').then((list) => list.items),
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: keys.invitations,
    queryFn: () => api<ListOf<Invitation>>('/invitations').then((list) => list.items),
    enabled,
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => api<ListOf<ApiKey>>('/api-keys').then((list) => list.items),
  });
}

/** Switching or creating a workspace changes what every query returns: start over from the new Me. */
function useEnterWorkspace() {
  const queryClient = useQueryClient();
  return async (me: Me) => {
    queryClient.setQueryData(keys.me, me);
    // Back to no data, so no screen shows the old workspace's rows; active queries refetch now.
    await queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
  };
}

export function useSwitchWorkspace() {
  const enter = useEnterWorkspace();
  return useMutation({
    mutationFn: (workspaceId: string) => api<Me>('/me/workspace', { method: 'POST', body: { workspaceId } }),
    onSuccess: enter,
  });
}

export function useCreateWorkspace() {
  const enter = useEnterWorkspace();
  return useMutation({
    mutationFn: (name: string) => api<Me>('/workspaces', { method: 'POST', body: { name } }),
    onSuccess: enter,
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => queryClient.clear(),
  });
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api<Member>(`/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.members }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<void>(`/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.members }),
  });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role }) =>
      api<CreatedInvitation>('/invitations', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.invitations }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.invitations }),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; kind: ApiKeyKind; role?: Role }) =>
      api<CreatedApiKey>('/api-keys', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}
