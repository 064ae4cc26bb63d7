import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useMembers } from '../../api/queries';
import type { Activity, ActivityKind, Company, Contact, CustomField, Deal, Page, Task, TimelineItem } from '../types';

/** What a note, call, task or timeline belongs to: a contact, a company, a deal, or several. */
export interface RecordSubject {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

export type CustomFieldObject = CustomField['objectType'];

export const crmKeys = {
  customFields: (objectType: CustomFieldObject, includeArchived = false) => ['custom-fields', objectType, includeArchived] as const,
  /** Every timeline; a new note, task or change may show on several (contact, company, deal). */
  timelines: ['timeline'] as const,
  timeline: (path: string) => ['timeline', path] as const,
  activities: ['activities'] as const,
  tasks: ['tasks'] as const,
  recordTasks: (subject: RecordSubject, status: 'open' | 'done' | 'all') => ['tasks', subjectQuery(subject), status] as const,
  contactName: (id: string) => ['contact-name', id] as const,
  companyName: (id: string) => ['company-name', id] as const,
};

/** `contactId=…&companyId=…` for the subject's ids that are set. */
export function subjectQuery(subject: RecordSubject): string {
  const query = new URLSearchParams();
  if (subject.contactId) query.set('contactId', subject.contactId);
  if (subject.companyId) query.set('companyId', subject.companyId);
  if (subject.dealId) query.set('dealId', subject.dealId);
  return query.toString();
}

/** After a note, call, task or record change: the timelines, activity and task lists that may show it. */
export function invalidateRecordHistory(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: crmKeys.timelines }),
    queryClient.invalidateQueries({ queryKey: crmKeys.activities }),
    queryClient.invalidateQueries({ queryKey: crmKeys.tasks }),
  ]).then(() => undefined);
}

export function useCustomFields(objectType: CustomFieldObject, includeArchived = false) {
  return useQuery({
    queryKey: crmKeys.customFields(objectType, includeArchived),
    queryFn: () =>
      api<{ items: CustomField[] }>(`/custom-fields?objectType=${objectType}${includeArchived ? '&includeArchived=true' : ''}`).then(
        (list) => list.items,
      ),
    staleTime: 60_000,
  });
}

/** The members of the workspace by user id, for showing owners and assignees by name. */
export function useMemberNames(): Map<string, string> {
  const members = useMembers();
  const names = new Map<string, string>();
  for (const member of members.data ?? []) names.set(member.userId, member.name || member.email);
  return names;
}

/** Accepts `/api/v1/contacts/:id/timeline` or `/contacts/:id/timeline`; the client adds the prefix. */
export function apiPath(url: string): string {
  return url.startsWith('/api/v1/') ? url.slice('/api/v1'.length) : url;
}

export function useTimeline(url: string, pageSize: number) {
  const path = apiPath(url);
  return useInfiniteQuery({
    queryKey: crmKeys.timeline(path),
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<TimelineItem>>(`${path}${path.includes('?') ? '&' : '?'}${query}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface ActivityInput extends RecordSubject {
  kind: ActivityKind;
  subject?: string | null;
  body?: string | null;
  occurredAt?: string;
  durationMinutes?: number | null;
  outcome?: string | null;
}

export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ActivityInput) => api<Activity>('/activities', { method: 'POST', body: input }),
    onSuccess: () => invalidateRecordHistory(queryClient),
  });
}

export function useRecordTasks(subject: RecordSubject, status: 'open' | 'done' | 'all' = 'all') {
  return useQuery({
    queryKey: crmKeys.recordTasks(subject, status),
    queryFn: () => api<{ items: Task[] }>(`/tasks?${subjectQuery(subject)}&status=${status}&limit=200`).then((list) => list.items),
  });
}

export interface TaskInput extends RecordSubject {
  title: string;
  notes?: string | null;
  dueAt?: string | null;
  priority?: Task['priority'];
  assigneeId?: string | null;
}

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TaskInput) => api<Task>('/tasks', { method: 'POST', body: input }),
    onSuccess: () => invalidateRecordHistory(queryClient),
  });
}

export function useSetTaskDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) =>
      api<Task>(`/tasks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { done } }),
    onSettled: () => invalidateRecordHistory(queryClient),
  });
}

/** A contact's display name, fetched once and cached, for links on timelines and lists. */
export function useContactName(id: string | null | undefined) {
  return useQuery({
    queryKey: crmKeys.contactName(id ?? ''),
    queryFn: () => api<Contact>(`/contacts/${encodeURIComponent(id!)}`).then(contactName),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export function useCompanyName(id: string | null | undefined) {
  return useQuery({
    queryKey: crmKeys.companyName(id ?? ''),
    queryFn: () => api<Company>(`/companies/${encodeURIComponent(id!)}`).then((company) => company.name),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

/** "Ada Lovelace", or the email, or "Unnamed contact". */
export function contactName(contact: Pick<Contact, 'firstName' | 'lastName' | 'email'>): string {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ').trim();
  return name || contact.email || 'Unnamed contact';
}

export function useRecordDeals(subject: RecordSubject) {
  return useQuery({
    queryKey: ['deals', 'of-record', subjectQuery(subject)] as const,
    queryFn: () => api<Page<Deal>>(`/deals?${subjectQuery(subject)}&limit=100`).then((page) => page.items),
  });
}

export interface QualityReport {
  requiredFields: string[];
  completenessFields: string[];
  overall: { records: number; completeness: number };
  byOwner: { ownerId: string | null; ownerEmail: string | null; records: number; completeness: number }[];
}

export const qualityKey = (objectType: 'contact' | 'company') => ['data-quality', objectType] as const;

/** The workspace's data-quality rules and report for contacts or companies. */
export function useDataQuality(objectType: 'contact' | 'company') {
  return useQuery({
    queryKey: qualityKey(objectType),
    queryFn: () => api<QualityReport>(`/data-quality?objectType=${objectType}`),
    staleTime: 60_000,
  });
}
