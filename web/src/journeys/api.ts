import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import type {
  ContactJourney,
  EnrolResult,
  Enrolment,
  Journey,
  JourneyGraph,
  JourneyInput,
  JourneyRules,
  JourneyStats,
  JourneySummary,
  LaunchInput,
  Launched,
  Problem,
  SimulateInput,
  Simulation,
  TestClock,
  Trace,
} from './types';

export const journeyKeys = {
  all: ['journeys'] as const,
  list: ['journeys', 'list'] as const,
  detail: (id: string) => ['journeys', 'detail', id] as const,
  stats: (id: string) => ['journeys', 'stats', id] as const,
  enrolments: (id: string, status: string | null) => ['journeys', 'enrolments', id, status ?? 'all'] as const,
  trace: (id: string, enrolmentId: string) => ['journeys', 'trace', id, enrolmentId] as const,
  contact: (contactId: string) => ['contact-journeys', contactId] as const,
  clock: ['test-clock'] as const,
};

const enc = encodeURIComponent;
const journeyPath = (id: string) => `/journeys/${enc(id)}`;

/** How often the numbers of a running journey are asked again. */
const LIVE_POLL_MS = 3000;

export function useJourneys() {
  return useQuery({
    queryKey: journeyKeys.list,
    queryFn: () => api<{ journeys: JourneySummary[] }>('/journeys').then((list) => list.journeys),
    refetchInterval: 10_000,
  });
}

export function useJourney(id: string) {
  return useQuery({ queryKey: journeyKeys.detail(id), queryFn: () => api<Journey>(journeyPath(id)) });
}

/** A published version's graph and rules. */
export function useJourneyVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: [...journeyKeys.detail(id), 'version', version ?? 0] as const,
    queryFn: () => api<{ version: number; graph: JourneyGraph; rules: JourneyRules; publishedAt: string }>(`${journeyPath(id)}/versions/${version}`),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

export function useCreateJourney() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: JourneyInput & { name: string }) => api<Journey>('/journeys', { method: 'POST', body: input }),
    onSuccess: (journey) => {
      queryClient.setQueryData(journeyKeys.detail(journey.id), journey);
      return queryClient.invalidateQueries({ queryKey: journeyKeys.list });
    },
  });
}

export function useSaveJourney(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: JourneyInput) => api<Journey>(journeyPath(id), { method: 'PATCH', body: input }),
    onSuccess: (journey) => {
      queryClient.setQueryData(journeyKeys.detail(id), journey);
      return queryClient.invalidateQueries({ queryKey: journeyKeys.list });
    },
  });
}

/** The problems a launch was refused for, from its 400. */
export class LaunchRefused extends Error {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[]) {
    super(message);
    this.name = 'LaunchRefused';
    this.problems = problems;
  }
}

/** Launches a draft, or publishes the draft of a live or paused journey as its next version. */
export function useLaunchJourney(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: LaunchInput) => {
      // A refused launch answers 400 with the problems: read them, which `api` does not keep.
      const response = await fetch(`/api/v1${journeyPath(id)}/launch`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input),
      });
      const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok) {
        const problems = Array.isArray(payload.problems) ? (payload.problems as Problem[]) : [];
        const message = typeof payload.message === 'string' ? payload.message : `${response.status} ${response.statusText}`;
        throw new LaunchRefused(message, problems);
      }
      return payload as unknown as Launched;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: journeyKeys.all }),
  });
}

export function useJourneyStatusChange(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'pause' | 'resume' | 'archive') => api<Journey | undefined>(`${journeyPath(id)}/${action}`, { method: 'POST', body: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: journeyKeys.all }),
  });
}

/** The counts per node of a running journey, asked again every few seconds. */
export function useJourneyStats(id: string, enabled: boolean) {
  return useQuery({
    queryKey: journeyKeys.stats(id),
    queryFn: () => api<JourneyStats>(`${journeyPath(id)}/stats`),
    enabled,
    refetchInterval: enabled ? LIVE_POLL_MS : false,
    placeholderData: keepPreviousData,
  });
}

export function useEnrolments(id: string, status: string | null, live: boolean) {
  return useQuery({
    queryKey: journeyKeys.enrolments(id, status),
    queryFn: () => {
      const query = new URLSearchParams({ limit: '200' });
      if (status) query.set('status', status);
      return api<{ enrolments: Enrolment[] }>(`${journeyPath(id)}/enrolments?${query}`).then((list) => list.enrolments);
    },
    refetchInterval: live ? LIVE_POLL_MS : false,
    placeholderData: keepPreviousData,
  });
}

export function useTrace(id: string, enrolmentId: string | null) {
  return useQuery({
    queryKey: journeyKeys.trace(id, enrolmentId ?? ''),
    queryFn: () => api<Trace>(`${journeyPath(id)}/enrolments/${enc(enrolmentId!)}/trace`),
    enabled: enrolmentId !== null,
    refetchInterval: LIVE_POLL_MS,
  });
}

export function useEnrol(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactIds: string[]) => api<EnrolResult>(`${journeyPath(id)}/enrolments`, { method: 'POST', body: { contactIds } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: journeyKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['contact-journeys'] }),
      ]).then(() => undefined),
  });
}

export function useSimulate(id: string) {
  return useMutation({
    mutationFn: (input: SimulateInput) => api<Simulation>(`${journeyPath(id)}/simulate`, { method: 'POST', body: input }),
  });
}

/** The journeys a contact is or was in, with each journey's name. */
export function useContactJourneys(contactId: string) {
  return useQuery({
    queryKey: journeyKeys.contact(contactId),
    queryFn: () => api<{ enrolments: ContactJourney[] }>(`/contacts/${enc(contactId)}/journeys`).then((list) => list.enrolments),
  });
}


// ── Test clock ───────────────────────────────────────────────────────────────────────

/** The server's test clock; a server without one (production) answers "not enabled". */
export function useTestClock() {
  return useQuery({
    queryKey: journeyKeys.clock,
    queryFn: () =>
      api<TestClock>('/test/clock').catch((error: unknown) => {
        if (isApiError(error) && [403, 404].includes(error.status)) return { enabled: false, now: new Date().toISOString() };
        throw error;
      }),
    staleTime: 60_000,
    retry: false,
  });
}

/**
 * Now on the server's clock: a test environment's clock may run days ahead of the browser's,
 * and "entered just now" should read as the server sees it.
 */
export function useServerNow(): number {
  const clock = useTestClock();
  if (!clock.data?.enabled) return Date.now();
  return new Date(clock.data.now).getTime() + (Date.now() - clock.dataUpdatedAt);
}

export function useAdvanceClock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (advanceMs: number) => api<{ now: string }>('/test/clock', { method: 'POST', body: { advanceMs } }),
    onSuccess: (answer) => {
      queryClient.setQueryData<TestClock>(journeyKeys.clock, { enabled: true, now: answer.now });
      // Timers fall due: every number may move.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: journeyKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['contact-journeys'] }),
        queryClient.invalidateQueries({ queryKey: ['email-messages'] }),
      ]).then(() => undefined);
    },
  });
}
