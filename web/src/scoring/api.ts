import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CompanyScore, ContactScore, Rule, RuleInput, RuleKind, RulePatch, ScoringSettings } from './types';

export const scoringKeys = {
  all: ['scoring'] as const,
  rules: ['scoring', 'rules'] as const,
  settings: ['scoring', 'settings'] as const,
  contact: (id: string) => ['contact-score', id] as const,
  company: (id: string) => ['company-score', id] as const,
};

/** Scores are computed in the background: a page that shows one asks again now and then. */
const SCORE_REFRESH_MS = 5000;

const rulePath = (id: string) => `/scoring/rules/${encodeURIComponent(id)}`;

/** Every rule, fit and engagement, in the order they were added. */
export function useRules() {
  return useQuery({ queryKey: scoringKeys.rules, queryFn: () => api<{ items: Rule[] }>('/scoring/rules').then((list) => list.items) });
}

/** A rule change rescores everyone in the background: scores on screen are stale from now on. */
function useRulesChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: scoringKeys.rules }),
      queryClient.invalidateQueries({ queryKey: ['contact-score'] }),
      queryClient.invalidateQueries({ queryKey: ['company-score'] }),
    ]).then(() => undefined);
}

export function useCreateRule() {
  const changed = useRulesChanged();
  return useMutation({ mutationFn: (input: RuleInput) => api<Rule>('/scoring/rules', { method: 'POST', body: input }), onSuccess: changed });
}

export function useUpdateRule() {
  const changed = useRulesChanged();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: RulePatch }) => api<Rule>(rulePath(id), { method: 'PATCH', body: patch }),
    onSuccess: changed,
  });
}

/** Archived, not deleted: the ledger keeps naming the rule that gave the points. */
export function useArchiveRule() {
  const changed = useRulesChanged();
  return useMutation({ mutationFn: (id: string) => api<void>(rulePath(id), { method: 'DELETE' }), onSuccess: changed });
}

export function useRescore() {
  return useMutation({ mutationFn: (kind: RuleKind) => api<{ queued: boolean }>('/scoring/rescore', { method: 'POST', body: { kind } }) });
}

export function useScoringSettings() {
  return useQuery({ queryKey: scoringKeys.settings, queryFn: () => api<ScoringSettings>('/scoring/settings') });
}

export function useSaveScoringSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ScoringSettings) => api<ScoringSettings>('/scoring/settings', { method: 'PUT', body: settings }),
    onSuccess: (settings) => {
      queryClient.setQueryData(scoringKeys.settings, settings);
      // Everyone is regraded with the new thresholds.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['contact-score'] }),
        queryClient.invalidateQueries({ queryKey: ['company-score'] }),
      ]).then(() => undefined);
    },
  });
}

export function useContactScore(contactId: string) {
  return useQuery({
    queryKey: scoringKeys.contact(contactId),
    queryFn: () => api<ContactScore>(`/contacts/${encodeURIComponent(contactId)}/score`),
    refetchInterval: SCORE_REFRESH_MS,
  });
}

export function useCompanyScore(companyId: string) {
  return useQuery({
    queryKey: scoringKeys.company(companyId),
    queryFn: () => api<CompanyScore>(`/companies/${encodeURIComponent(companyId)}/score`),
    refetchInterval: SCORE_REFRESH_MS,
  });
}
