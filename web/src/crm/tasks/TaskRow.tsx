import { ActionIcon, Anchor, Badge, Checkbox, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAddressBook, IconBuilding, IconTargetArrow, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Task } from '../types';

export interface TaskLinks {
  contactName?: string;
  companyName?: string;
  dealName?: string;
}

interface TaskRowProps {
  task: Task;
  links?: TaskLinks;
  /** Shown when the task is overdue, so the eye finds it. */
  overdue?: boolean;
  /** Hide the link back to the record the list is shown on. */
  hideLinks?: boolean;
  onToggle: (task: Task, done: boolean) => void;
  onDelete?: (task: Task) => void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const yearFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Today 9:00", "Tomorrow 14:30", "Mon, Dec 1 9:00". */
export function formatDue(iso: string, now = new Date()): string {
  const due = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const dayOffset = Math.floor((due.getTime() - startOfToday) / 86_400_000);
  const time = timeFormat.format(due);
  if (dayOffset === 0) return `Today ${time}`;
  if (dayOffset === 1) return `Tomorrow ${time}`;
  if (dayOffset === -1) return `Yesterday ${time}`;
  return due.getFullYear() === now.getFullYear() ? `${dayFormat.format(due)} ${time}` : yearFormat.format(due);
}

const PRIORITY_BADGE: Partial<Record<Task['priority'], { label: string; color: string }>> = {
  high: { label: 'High', color: 'red' },
  low: { label: 'Low', color: 'gray' },
};

/** One task: tick it off, see when it is due and what it is about. */
export function TaskRow({ task, links = {}, overdue = false, hideLinks = false, onToggle, onDelete }: TaskRowProps) {
  const priority = PRIORITY_BADGE[task.priority];
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      px="md"
      py={10}
      data-testid="task-row"
      aria-label={task.title}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', listStyle: 'none' }}
    >
      <Checkbox
        mt={2}
        radius="xl"
        color="teal"
        checked={task.done}
        aria-label={task.done ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
        onChange={(event) => onToggle(task, event.currentTarget.checked)}
      />
      <Stack gap={2} flex={1} miw={0}>
        <Group gap={8} wrap="nowrap">
          <Text fz="sm" fw={500} td={task.done ? 'line-through' : undefined} c={task.done ? 'dimmed' : undefined} truncate>
            {task.title}
          </Text>
          {priority && !task.done && (
            <Badge size="xs" variant="light" color={priority.color}>
              {priority.label}
            </Badge>
          )}
        </Group>
        {task.notes && (
          <Text fz="xs" c="dimmed" lineClamp={1}>
            {task.notes}
          </Text>
        )}
        {!hideLinks && (task.dealId || task.contactId || task.companyId) && (
          <Group gap="md" wrap="wrap">
            {task.dealId && <RecordLink to={`/deals/${task.dealId}`} icon={<IconTargetArrow size={13} />} name={links.dealName} />}
            {task.contactId && <RecordLink to={`/contacts/${task.contactId}`} icon={<IconAddressBook size={13} />} name={links.contactName} />}
            {task.companyId && <RecordLink to={`/companies/${task.companyId}`} icon={<IconBuilding size={13} />} name={links.companyName} />}
          </Group>
        )}
      </Stack>
      <Stack gap={0} align="flex-end">
        <Text fz="xs" c={overdue && !task.done ? 'red.7' : 'dimmed'} fw={overdue && !task.done ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
          {task.done && task.doneAt ? `Done ${formatDue(task.doneAt)}` : task.dueAt ? formatDue(task.dueAt) : 'No due date'}
        </Text>
      </Stack>
      {onDelete && (
        <Tooltip label="Delete task" withArrow>
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Delete “${task.title}”`} onClick={() => onDelete(task)}>
            <IconTrash size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

function RecordLink({ to, icon, name }: { to: string; icon: ReactNode; name: string | undefined }) {
  return (
    <Anchor component={Link} to={to} fz="xs" c="indigo.7">
      <Group gap={3} wrap="nowrap">
        {icon}
        <span>{name ?? '…'}</span>
      </Group>
    </Anchor>
  );
}
