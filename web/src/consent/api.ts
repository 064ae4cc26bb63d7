import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { crmKeys } from '../crm/shared/queries';
import type { ConsentInput, ContactConsent, MessagingSettings, SubscriptionTopic, Suppression } from './types';

export const consentKeys = {
  /** Every contact's consent: suppressing an address may change several contacts. */
  contacts: ['contact-consent'] as const,
  contact: (contactId: string) => ['contact-consent', contactId] as const,
  /** The verdict depends on the address too: a changed address asks again. */
  contactWithEmail: (contactId: string, email: string | null) => ['contact-consent', contactId, email ?? ''] as const,
  topics: ['subscription-topics'] as const,
  settings: ['messaging-settings'] as const,
  suppressions: ['suppressions'] as const,
  suppressionList: (search: string, limit: number) => ['suppressions', search, limit] as const,
};

const enc = encodeURIComponent;

// ── A contact's consent ──────────────────────────────────────────────────────────────

export function useContactConsent(contactId: string, email: string | null) {
  return useQuery({ queryKey: consentKeys.contactWithEmail(contactId, email), queryFn: () => api<ContactConsent>(`/contacts/${enc(contactId)}/consent`) });
}

/** A record is a touchpoint too: the timeline shows it. */
export function useRecordConsent(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsentInput) => api<ContactConsent>(`/contacts/${enc(contactId)}/consent`, { method: 'POST', body: input }),
    onSuccess: (consent) => {
      queryClient.setQueriesData({ queryKey: consentKeys.contact(contactId) }, consent);
      return queryClient.invalidateQueries({ queryKey: crmKeys.timelines });
    },
  });
}

// ── Suppression list ─────────────────────────────────────────────────────────────────

export function useSuppressions(search: string, limit: number) {
  return useQuery({
    queryKey: consentKeys.suppressionList(search, limit),
    queryFn: () => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (search) query.set('search', search);
      return api<{ total: number; items: Suppression[] }>(`/suppressions?${query.toString()}`);
    },
    placeholderData: keepPreviousData,
  });
}

/** Suppressing or lifting an address changes the verdict of every contact with it. */
function useSuppressionChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: consentKeys.suppressions }),
      queryClient.invalidateQueries({ queryKey: consentKeys.contacts }),
    ]).then(() => undefined);
}

export function useSuppress() {
  const changed = useSuppressionChanged();
  return useMutation({
    mutationFn: (input: { email: string; note: string | null }) =>
      api<Suppression>('/suppressions', { method: 'POST', body: { email: input.email, reason: 'manual', note: input.note } }),
    onSuccess: changed,
  });
}

export function useLiftSuppression() {
  const changed = useSuppressionChanged();
  return useMutation({
    mutationFn: (email: string) => api<void>(`/suppressions/${enc(email)}`, { method: 'DELETE' }),
    onSuccess: changed,
  });
}

// ── Topics and settings ──────────────────────────────────────────────────────────────

export function useSubscriptionTopics() {
  return useQuery({
    queryKey: consentKeys.topics,
    queryFn: () => api<{ items: SubscriptionTopic[] }>('/subscription-topics').then((list) => list.items),
    staleTime: 60_000,
  });
}

export function useSaveTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: { key?: string; name?: string; description?: string | null; archived?: boolean } }) =>
      id
        ? api<SubscriptionTopic>(`/subscription-topics/${enc(id)}`, { method: 'PATCH', body })
        : api<SubscriptionTopic>('/subscription-topics', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consentKeys.topics }),
  });
}

export function useMessagingSettings() {
  return useQuery({ queryKey: consentKeys.settings, queryFn: () => api<MessagingSettings>('/messaging/settings') });
}

/** The basis decides every contact's verdict. */
export function useSaveMessagingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MessagingSettings) => api<MessagingSettings>('/messaging/settings', { method: 'PUT', body: input }),
    onSuccess: (settings) => {
      queryClient.setQueryData(consentKeys.settings, settings);
      return queryClient.invalidateQueries({ queryKey: consentKeys.contacts });
    },
  });
}
