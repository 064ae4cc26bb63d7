import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Conversion, Form, FormInput, FormSummary, Submission } from './types';

export const formKeys = {
  all: ['forms'] as const,
  list: ['forms', 'list'] as const,
  detail: (id: string) => ['forms', 'detail', id] as const,
  submissions: (id: string) => ['forms', 'submissions', id] as const,
  conversion: (id: string, days: number) => ['forms', 'conversion', id, days] as const,
};

const formPath = (id: string) => `/forms/${encodeURIComponent(id)}`;

export function useForms() {
  return useQuery({ queryKey: formKeys.list, queryFn: () => api<{ items: FormSummary[] }>('/forms').then((list) => list.items) });
}

export function useForm(id: string) {
  return useQuery({ queryKey: formKeys.detail(id), queryFn: () => api<Form>(formPath(id)) });
}

export function useCreateForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FormInput) => api<Form>('/forms', { method: 'POST', body: input }),
    onSuccess: (form) => {
      queryClient.setQueryData(formKeys.detail(form.id), form);
      return queryClient.invalidateQueries({ queryKey: formKeys.list });
    },
  });
}

export function useUpdateForm(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<FormInput> & { archived?: boolean }) => api<Form>(formPath(id), { method: 'PATCH', body: input }),
    onSuccess: (form) => {
      queryClient.setQueryData(formKeys.detail(id), form);
      return queryClient.invalidateQueries({ queryKey: formKeys.list });
    },
  });
}

export function useSubmissions(id: string) {
  return useQuery({
    queryKey: formKeys.submissions(id),
    queryFn: () => api<{ items: Submission[] }>(`${formPath(id)}/submissions?limit=200`).then((list) => list.items),
  });
}

export function useConversion(id: string, days: number) {
  return useQuery({
    queryKey: formKeys.conversion(id, days),
    queryFn: () => api<Conversion>(`${formPath(id)}/conversion?days=${days}`),
    placeholderData: keepPreviousData,
  });
}

export const submissionsCsvUrl = (id: string) => `/api/v1${formPath(id)}/submissions.csv`;
