import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Contact, Page } from '../crm/types';
import type { DomainInput, EmailTemplate, Message, MessageState, MessageStats, PreviewInput, Rendered, SendInput, SendingDomain, Snippet, TemplateInput } from './types';

export const emailKeys = {
  templates: ['email-templates'] as const,
  template: (id: string) => ['email-templates', id] as const,
  templateReport: (id: string) => ['email-templates', id, 'report'] as const,
  /** Under `messages`: a send refreshes a template's report's lists too. */
  templateMessages: (id: string, state: MessageState | null) => ['email-messages', 'template', id, state] as const,
  preview: (input: PreviewInput) => ['email-preview', input] as const,
  /** Every view of the ledger: a send changes several (the Sent tab, a contact's card). */
  messages: ['email-messages'] as const,
  messageList: (filter: MessageFilter) => ['email-messages', filter] as const,
  domains: ['sending-domains'] as const,
  snippets: ['email-snippets'] as const,
};

const enc = encodeURIComponent;

// ── Templates ────────────────────────────────────────────────────────────────────────

export function useTemplates() {
  return useQuery({ queryKey: emailKeys.templates, queryFn: () => api<{ items: EmailTemplate[] }>('/email/templates').then((list) => list.items) });
}

export function useTemplate(id: string) {
  return useQuery({ queryKey: emailKeys.template(id), queryFn: () => api<EmailTemplate>(`/email/templates/${enc(id)}`) });
}

/** Creates (no id) or changes a template; the server refuses one that does not compile. */
export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: TemplateInput }) =>
      id ? api<EmailTemplate>(`/email/templates/${enc(id)}`, { method: 'PATCH', body: input }) : api<EmailTemplate>('/email/templates', { method: 'POST', body: input }),
    onSuccess: (saved) => {
      queryClient.setQueryData(emailKeys.template(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: emailKeys.templates, exact: true });
    },
  });
}

export function useArchiveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/email/templates/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: emailKeys.template(id) });
      return queryClient.invalidateQueries({ queryKey: emailKeys.templates, exact: true });
    },
  });
}

/** How often a report with messages still on their way is asked again. */
export const REPORT_LIVE_MS = 3_000;

/** A report some of whose messages have no outcome yet (queued, sending or deferred). */
export function isReportLive(stats: MessageStats | undefined): boolean {
  if (!stats) return false;
  return stats.queued > stats.sent + stats.skipped + stats.failed + stats.bounces.hard + stats.bounces.other;
}

/** Every message sent from a template, counted: asked again every 3 s while some are on their way. */
export function useTemplateReport(id: string) {
  return useQuery({
    queryKey: emailKeys.templateReport(id),
    queryFn: () => api<MessageStats>(`/email/templates/${enc(id)}/report`),
    refetchInterval: (query) => (isReportLive(query.state.data) ? REPORT_LIVE_MS : false),
  });
}

/** How many of a template's messages (of a state) its report lists. */
export const TEMPLATE_MESSAGES_SHOWN = 100;

/** A template's messages in the ledger (of a state, or all), newest first; `live` asks again every 3 s. */
export function useTemplateMessages(id: string, state: MessageState | null, options: { live?: boolean; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: emailKeys.templateMessages(id, state),
    queryFn: () => {
      const query = new URLSearchParams({ templateId: id, limit: String(TEMPLATE_MESSAGES_SHOWN) });
      if (state) query.set('state', state);
      return api<{ items: Message[] }>(`/messages?${query}`).then((list) => list.items);
    },
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
    refetchInterval: options.live ? REPORT_LIVE_MS : false,
  });
}

/** The template rendered as a contact (or sample data) without sending; a 400 says what does not compile. */
export function usePreview(input: PreviewInput) {
  return useQuery({
    queryKey: emailKeys.preview(input),
    queryFn: () => api<Rendered>('/email/preview', { method: 'POST', body: input }),
    enabled: input.mjml.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

// ── The send ledger ──────────────────────────────────────────────────────────────────

export interface MessageFilter {
  contactId?: string;
  state?: MessageState;
  limit: number;
}

/** Messages still on their way: a list holding one asks again until they have an outcome. */
const UNSETTLED: MessageState[] = ['queued', 'sending', 'deferred'];

export function useMessages(filter: MessageFilter) {
  return useQuery({
    queryKey: emailKeys.messageList(filter),
    queryFn: () => {
      const query = new URLSearchParams({ limit: String(filter.limit) });
      if (filter.contactId) query.set('contactId', filter.contactId);
      if (filter.state) query.set('state', filter.state);
      return api<{ items: Message[] }>(`/messages?${query}`).then((list) => list.items);
    },
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.some((message) => UNSETTLED.includes(message.state)) ? 2_000 : false),
  });
}

/** Queues one message; it is sent in the background and its outcome lands in the ledger. */
export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SendInput) => api<{ id: string; state: string }>('/messages', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: emailKeys.messages }),
  });
}

// ── Sending domains and snippets ─────────────────────────────────────────────────────

export function useSendingDomains() {
  return useQuery({ queryKey: emailKeys.domains, queryFn: () => api<{ items: SendingDomain[] }>('/sending-domains').then((list) => list.items) });
}

export function useAddDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DomainInput) => api<SendingDomain>('/sending-domains', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: emailKeys.domains }),
  });
}

export function useRemoveDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/sending-domains/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: emailKeys.domains }),
  });
}

export function useSnippets() {
  return useQuery({ queryKey: emailKeys.snippets, queryFn: () => api<{ items: Snippet[] }>('/email/snippets').then((list) => list.items) });
}

/** Creates or changes the snippet with the key; templates that place it render the new content. */
export function useSaveSnippet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, name, content }: { key: string; name: string; content: string }) =>
      api<Snippet>(`/email/snippets/${enc(key)}`, { method: 'PUT', body: { name, content } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: emailKeys.snippets }),
        queryClient.invalidateQueries({ queryKey: ['email-preview'] }),
      ]).then(() => undefined),
  });
}

// ── Contacts to preview as ───────────────────────────────────────────────────────────

/** Contacts matching a search of names and addresses, for "Preview as". */
export function useContactSearch(search: string) {
  return useQuery({
    queryKey: ['contacts', 'email-preview-picker', search] as const,
    queryFn: () => {
      const query = new URLSearchParams({ limit: '20' });
      if (search) query.set('q', search);
      return api<Page<Contact>>(`/contacts?${query}`).then((page) => page.items);
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

// ── Send limits ──────────────────────────────────────────────────────────────────────

export interface SendLimits {
  quietHours: { start: number; end: number; timezone: string } | null;
  frequencyCap: { count: number; days: number } | null;
}

const sendLimitsKey = ['email-send-limits'] as const;

export function useSendLimits() {
  return useQuery({ queryKey: sendLimitsKey, queryFn: () => api<SendLimits>('/email/send-limits') });
}

export function useSaveSendLimits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (limits: SendLimits) => api<SendLimits>('/email/send-limits', { method: 'PUT', body: limits }),
    onSuccess: (saved) => queryClient.setQueryData(sendLimitsKey, saved),
  });
}
