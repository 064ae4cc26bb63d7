import { Badge, Box, Button, Checkbox, Collapse, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, fieldError, formError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { formatDate } from '../../app/format';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import type { Task } from '../types';
import { FormErrorAlert } from './FormErrorAlert';
import { OwnerName, OwnerSelect } from './OwnerSelect';
import { useCreateTask, useRecordTasks, useSetTaskDone, type RecordSubject } from './queries';

const PRIORITIES = [
  { value: 'low', label: 'Low' },
  { value: 'normal', label: 'Normal' },
  { value: 'high', label: 'High' },
];
const FIELDS = ['title', 'dueAt', 'priority', 'assigneeId'] as const;

/** The tasks of a contact, company or deal: open ones first by due date, with add and complete. */
export function TaskList(subject: RecordSubject) {
  const [showDone, setShowDone] = useState(false);
  const [adding, setAdding] = useState(false);
  const tasks = useRecordTasks(subject, 'all');
  const setDone = useSetTaskDone();

  const toggle = (task: Task) => {
    setDone.mutate(
      { id: task.id, done: !task.done },
      { onError: (error) => notifications.show({ color: 'red', title: 'Could not update the task', message: errorMessage(error) }) },
    );
  };

  const all = tasks.data ?? [];
  const open = all.filter((task) => !task.done).sort(byDue);
  const done = all.filter((task) => task.done).sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
  const shown = showDone ? [...open, ...done] : open;

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        {done.length > 0 ? (
          <Switch
            size="xs"
            label={`Show done (${done.length})`}
            checked={showDone}
            onChange={(event) => setShowDone(event.currentTarget.checked)}
          />
        ) : (
          <Text fz="xs" c="dimmed">
            {open.length} open
          </Text>
        )}
        <Button size="xs" variant={adding ? 'light' : 'default'} leftSection={<IconPlus size={14} />} onClick={() => setAdding((v) => !v)}>
          Add task
        </Button>
      </Group>
      <Collapse expanded={adding}>
        {adding && <NewTaskForm subject={subject} onDone={() => setAdding(false)} />}
      </Collapse>
      {tasks.isPending ? (
        <LoadingBlock />
      ) : tasks.isError ? (
        <ErrorBlock error={tasks.error} />
      ) : shown.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <Text fz="sm" c="dimmed">
            {all.length === 0 ? 'No tasks yet. Add one to remember the next step.' : 'No open tasks. Everything is done.'}
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Box component="ul" aria-label="Tasks" m={0} p={0} style={{ listStyle: 'none' }}>
            {shown.map((task, index) => (
              <TaskRow
                key={task.id}
                task={task}
                first={index === 0}
                pending={setDone.isPending && setDone.variables?.id === task.id}
                onToggle={() => toggle(task)}
              />
            ))}
          </Box>
        </Paper>
      )}
    </Stack>
  );
}

function byDue(a: Task, b: Task): number {
  if (a.dueAt && b.dueAt) return a.dueAt.localeCompare(b.dueAt);
  if (a.dueAt) return -1;
  if (b.dueAt) return 1;
  return a.createdAt.localeCompare(b.createdAt);
}

function TaskRow({ task, first, pending, onToggle }: { task: Task; first: boolean; pending: boolean; onToggle: () => void }) {
  // The box ticks at once; the list re-sorts when the server has answered.
  const [ticked, setTicked] = useState<boolean | null>(null);
  useEffect(() => {
    if (!pending) setTicked(null);
  }, [task.done, pending]);
  const overdue = !task.done && task.dueAt !== null && new Date(task.dueAt).getTime() < Date.now();
  return (
    <Box
      component="li"
      px="sm"
      py={8}
      style={{ borderTop: first ? undefined : '1px solid var(--mantine-color-gray-2)', display: 'flex', gap: 10, alignItems: 'flex-start' }}
    >
      <Checkbox
        mt={2}
        checked={ticked ?? task.done}
        disabled={pending}
        onChange={() => {
          setTicked(!task.done);
          onToggle();
        }}
        aria-label={task.done ? `Reopen task ${task.title}` : `Complete task ${task.title}`}
      />
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Text fz="sm" fw={500} td={task.done ? 'line-through' : undefined} c={task.done ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
          {task.title}
        </Text>
        <Group gap={6} mt={2}>
          <Text fz="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
            {task.done ? `Done ${formatDate(task.doneAt)}` : task.dueAt ? `${overdue ? 'Overdue · ' : 'Due '}${formatDate(task.dueAt)}` : 'No due date'}
          </Text>
          <Text fz="xs" c="dimmed">
            ·
          </Text>
          <OwnerName userId={task.assigneeId} fz="xs" />
        </Group>
      </Box>
      {task.priority !== 'normal' && (
        <Badge size="xs" variant="light" color={task.priority === 'high' ? 'red' : 'gray'}>
          {task.priority}
        </Badge>
      )}
    </Box>
  );
}

function NewTaskForm({ subject, onDone }: { subject: RecordSubject; onDone: () => void }) {
  const me = useCurrentMe();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<Task['priority']>('normal');
  const [assigneeId, setAssigneeId] = useState<string | null>(me.user.id);
  const create = useCreateTask();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    create.mutate(
      {
        ...subject,
        title: title.trim(),
        // A due date means the end of that working day, in local time.
        dueAt: due ? new Date(`${due}T17:00`).toISOString() : null,
        priority,
        assigneeId,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Task created.' });
          onDone();
        },
      },
    );
  };
  const message = formError(create.error, FIELDS);

  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0">
      <form onSubmit={submit} noValidate aria-label="New task">
        <Stack gap="sm">
          <FormErrorAlert message={message} />
          <TextInput
            label="Task"
            placeholder="e.g. Send the proposal"
            value={title}
            maxLength={300}
            required
            data-autofocus
            error={fieldError(create.error, 'title')}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label="Due date"
              type="date"
              value={due}
              error={fieldError(create.error, 'dueAt')}
              onChange={(event) => setDue(event.currentTarget.value)}
            />
            <Select
              label="Priority"
              data={PRIORITIES}
              value={priority}
              allowDeselect={false}
              onChange={(value) => value && setPriority(value as Task['priority'])}
              comboboxProps={{ withinPortal: true }}
            />
            <OwnerSelect label="Assignee" value={assigneeId} onChange={setAssigneeId} error={fieldError(create.error, 'assigneeId')} />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" size="xs" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" size="xs" loading={create.isPending} disabled={!title.trim()}>
              Create task
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
