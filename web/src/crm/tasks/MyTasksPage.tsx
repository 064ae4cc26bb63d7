import { Badge, Box, Button, EmptyState, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import type { Task } from '../types';
import { contactName, useCompanies, useContacts, useDealRefs } from '../deals/api';
import { useDeleteTask, useTasks, useUpdateTask } from './api';
import { NewTaskModal } from './NewTaskModal';
import { TaskRow, type TaskLinks } from './TaskRow';

type TaskGroup = { key: string; title: string; color?: string; tasks: Task[]; overdue?: boolean };

/** Open tasks in the order a person works them: overdue, today, later, then those without a date. */
function groupOpen(tasks: readonly Task[], now = new Date()): TaskGroup[] {
  const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  const groups: TaskGroup[] = [
    { key: 'overdue', title: 'Overdue', color: 'red', tasks: [], overdue: true },
    { key: 'today', title: 'Today', color: 'indigo', tasks: [] },
    { key: 'upcoming', title: 'Upcoming', tasks: [] },
    { key: 'none', title: 'No due date', tasks: [] },
  ];
  const [overdue, today, upcoming, none] = groups as [TaskGroup, TaskGroup, TaskGroup, TaskGroup];
  for (const task of tasks) {
    if (!task.dueAt) none.tasks.push(task);
    else {
      const due = new Date(task.dueAt).getTime();
      if (due < now.getTime()) overdue.tasks.push(task);
      else if (due < endOfToday) today.tasks.push(task);
      else upcoming.tasks.push(task);
    }
  }
  for (const group of groups) group.tasks.sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.createdAt.localeCompare(b.createdAt));
  return groups.filter((group) => group.tasks.length > 0);
}

export function MyTasksPage() {
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [creating, setCreating] = useState(false);
  const tasks = useTasks({ assigneeId: 'me', status });
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const items = tasks.data ?? [];
  const contacts = useContacts(items.map((task) => task.contactId));
  const companies = useCompanies(items.map((task) => task.companyId));
  const deals = useDealRefs(items.map((task) => task.dealId));

  const linksOf = (task: Task): TaskLinks => ({
    contactName: task.contactId ? (contacts.has(task.contactId) ? contactName(contacts.get(task.contactId)) : undefined) : undefined,
    companyName: task.companyId ? companies.get(task.companyId)?.name : undefined,
    dealName: task.dealId ? deals.get(task.dealId)?.name : undefined,
  });

  const toggle = (task: Task, done: boolean) => {
    update.mutate(
      { id: task.id, patch: { done } },
      {
        onSuccess: () => {
          if (!done) return;
          const id = notifications.show({
            color: 'teal',
            message: (
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text fz="sm" flex={1} miw={0}>
                  Completed “{task.title}”.
                </Text>
                <Button
                  size="compact-xs"
                  style={{ flexShrink: 0 }}
                  variant="subtle"
                  onClick={() => {
                    notifications.hide(id);
                    update.mutate({ id: task.id, patch: { done: false } });
                  }}
                >
                  Undo
                </Button>
              </Group>
            ),
          });
        },
        onError: (error) => notifications.show({ color: 'red', title: 'Could not update the task', message: errorMessage(error) }),
      },
    );
  };
  const deleteTask = (task: Task) =>
    remove.mutate(task.id, {
      onSuccess: () => notifications.show({ color: 'gray', message: `Task “${task.title}” deleted.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not delete the task', message: errorMessage(error) }),
    });

  const groups: TaskGroup[] =
    status === 'open'
      ? groupOpen(items)
      : [{ key: 'done', title: 'Completed', tasks: [...items].sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? '')) }];

  return (
    <Box p="xl" maw={1080}>
      <PageHeader
        title="My tasks"
        description="Your calls, follow-ups and to-dos across contacts, companies and deals, by due date."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New task
          </Button>
        }
      />
      <Group justify="space-between" mb="md">
        <SegmentedControl
          aria-label="Show tasks"
          value={status}
          onChange={(value) => setStatus(value === 'done' ? 'done' : 'open')}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'done', label: 'Done' },
          ]}
        />
        {tasks.data && (
          <Text fz="sm" c="dimmed" data-testid="task-count">
            {items.length} {status === 'open' ? 'open' : 'done'} {items.length === 1 ? 'task' : 'tasks'}
          </Text>
        )}
      </Group>
      {tasks.isPending ? (
        <LoadingBlock />
      ) : tasks.isError ? (
        <ErrorBlock error={tasks.error} />
      ) : items.length === 0 ? (
        <Paper withBorder radius="lg" py={56} px="xl">
          <EmptyState
            icon={<IconChecklist size={28} stroke={1.6} />}
            variant="light"
            title={status === 'open' ? 'Nothing to do' : 'No finished tasks yet'}
            description={
              status === 'open'
                ? 'Tasks assigned to you show up here by due date. Create one, or add one from a deal.'
                : 'Tasks you complete are listed here.'
            }
            maw={460}
            mx="auto"
          />
        </Paper>
      ) : (
        <Stack gap="lg">
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`tasks-${group.key}`}>
              <Group gap={8} mb={6}>
                <Title order={2} fz="sm" fw={650} id={`tasks-${group.key}`} c={group.color ? `${group.color}.8` : undefined} tt="uppercase" lts={0.3}>
                  {group.title}
                </Title>
                <Badge size="sm" variant="light" color={group.color ?? 'gray'}>
                  {group.tasks.length}
                </Badge>
              </Group>
              <Paper withBorder radius="md" style={{ overflow: 'hidden', borderLeft: group.overdue ? '3px solid var(--mantine-color-red-5)' : undefined }}>
                <Box component="ul" m={0} p={0} aria-label={`${group.title} tasks`}>
                  {group.tasks.map((task) => (
                    <TaskRow key={task.id} task={task} links={linksOf(task)} overdue={group.overdue} onToggle={toggle} onDelete={deleteTask} />
                  ))}
                </Box>
              </Paper>
            </section>
          ))}
        </Stack>
      )}
      <NewTaskModal opened={creating} onClose={() => setCreating(false)} />
    </Box>
  );
}
