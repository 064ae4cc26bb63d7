import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { PeriodQuery } from './period';
import type {
  ContactRef,
  FunnelGrouping,
  FunnelReport,
  LeadRef,
  LifecycleSettings,
  RejectionReport,
  SlaOutcome,
  SlaReport,
  SourceReport,
} from './types';

export const reportKeys = {
  all: ['reports'] as const,
  report: (name: string, query: string) => ['reports', name, query] as const,
  /** Shared with the lifecycle settings screen, which keeps it fresh when labels change. */
  lifecycleSettings: ['lifecycle-settings'] as const,
};

/** The drill-down limit of the API: a drawer says so when it is reached. */
export const DRILL_LIMIT = 200;

function search(values: Record<string, string | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** One report for one period; the previous answer stays on screen while the next one loads. */
function useReport<T>(name: string, path: string, values: Record<string, string | boolean | undefined>, enabled = true) {
  const query = search(values);
  return useQuery({
    queryKey: reportKeys.report(name, query),
    queryFn: () => api<T>(query ? `${path}?${query}` : path),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

export function useFunnel(period: PeriodQuery | null, groupBy: FunnelGrouping) {
  return useReport<FunnelReport>('funnel', '/reports/funnel', { ...period, groupBy }, period !== null);
}

export function useSla(period: PeriodQuery | null) {
  return useReport<SlaReport>('sla', '/reports/sla', { ...period }, period !== null);
}

export function useRejections(period: PeriodQuery | null) {
  return useReport<RejectionReport>('rejections', '/reports/rejections', { ...period }, period !== null);
}

export function useLeadSources(period: PeriodQuery | null) {
  return useReport<SourceReport>('lead-sources', '/reports/lead-sources', { ...period }, period !== null);
}

export interface FunnelDrill {
  stage: string;
  groupBy: FunnelGrouping;
  group?: string;
  /** true: reached the next stage too; false: did not. */
  converted?: boolean;
}

export interface LeadsDrill {
  ownerId?: string;
  teamId?: string;
  outcome?: SlaOutcome;
  reason?: string;
  month?: string;
}

export function useFunnelContacts(period: PeriodQuery, drill: FunnelDrill | null) {
  const query = search({ ...period, ...drill, limit: String(DRILL_LIMIT) });
  return useQuery({
    queryKey: reportKeys.report('funnel-contacts', query),
    queryFn: () => api<{ items: ContactRef[] }>(`/reports/funnel/contacts?${query}`).then((list) => list.items),
    enabled: drill !== null,
  });
}

export function useLeadsBehind(period: PeriodQuery, drill: LeadsDrill | null) {
  const query = search({ ...period, ...drill, limit: String(DRILL_LIMIT) });
  return useQuery({
    queryKey: reportKeys.report('leads', query),
    queryFn: () => api<{ items: LeadRef[] }>(`/reports/leads?${query}`).then((list) => list.items),
    enabled: drill !== null,
  });
}

export function useLifecycleSettings() {
  return useQuery({ queryKey: reportKeys.lifecycleSettings, queryFn: () => api<LifecycleSettings>('/lifecycle/settings'), staleTime: 60_000 });
}
