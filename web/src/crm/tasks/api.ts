import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { timelineKeys } from '../deals/api';
import type { Task } from '../types';

export type TaskStatus = 'open' | 'done' | 'all';

export interface TaskFilter {
  assigneeId?: 'me' | string;
  status?: TaskStatus;
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

export const taskKeys = {
  all: ['tasks'] as const,
  lists: ['tasks', 'list'] as const,
  list: (filter: TaskFilter) => ['tasks', 'list', filter] as const,
};

export function useTasks(filter: TaskFilter, enabled = true) {
  return useQuery({
    queryKey: taskKeys.list(filter),
    queryFn: () => {
      const query = new URLSearchParams({ limit: '500' });
      for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
      return api<{ items: Task[] }>(`/tasks?${query}`).then((list) => list.items);
    },
    enabled,
  });
}

export interface TaskInput {
  title: string;
  notes?: string | null;
  dueAt?: string | null;
  priority?: Task['priority'];
  assigneeId?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TaskInput) => api<Task>('/tasks', { method: 'POST', body: input }),
    onSuccess: (task) => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      // A linked task lands on the record's timeline.
      if (task.dealId || task.contactId || task.companyId) void queryClient.invalidateQueries({ queryKey: timelineKeys });
    },
  });
}

type TaskPatch = Partial<Pick<Task, 'title' | 'notes' | 'dueAt' | 'priority' | 'assigneeId' | 'done'>>;

/**
 * Changes a task; a list that no longer holds it (an open list after "done") drops it at once,
 * and gets it back if the server refuses.
 */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TaskPatch }) =>
      api<Task>(`/tasks/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onMutate: async ({ id, patch }) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.all });
      const snapshot = queryClient.getQueriesData<Task[]>({ queryKey: taskKeys.lists });
      for (const [key, tasks] of snapshot) {
        if (!Array.isArray(tasks)) continue;
        const status = (key[2] as TaskFilter | undefined)?.status ?? 'open';
        const next = tasks
          .map((task) => (task.id === id ? { ...task, ...patch } : task))
          .filter((task) => status === 'all' || (status === 'done' ? task.done : !task.done));
        queryClient.setQueryData(key, next);
      }
      return { snapshot };
    },
    onError: (_error, _variables, context) => {
      for (const [key, tasks] of context?.snapshot ?? []) queryClient.setQueryData(key, tasks);
    },
    onSuccess: (task) => {
      if (task.dealId || task.contactId || task.companyId) void queryClient.invalidateQueries({ queryKey: timelineKeys });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

export function useDeleteTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tasks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
