import { Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { OwnerSelect } from '../shared';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import type { Task } from '../types';
import { RecordPicker, type RecordKind } from '../deals/RecordPicker';
import { useCreateTask } from './api';

export const PRIORITIES: { value: Task['priority']; label: string }[] = [
  { value: 'high', label: 'High' },
  { value: 'normal', label: 'Normal' },
  { value: 'low', label: 'Low' },
];

interface NewTaskModalProps {
  opened: boolean;
  onClose: () => void;
  /** A task made from a record's page belongs to that record. */
  fixedLink?: { kind: RecordKind; id: string; name: string };
}

export function NewTaskModal({ opened, onClose, fixedLink }: NewTaskModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="New task" size="lg">
      {opened && <NewTaskForm onClose={onClose} fixedLink={fixedLink} />}
    </Modal>
  );
}

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input wants it. */
function localInputValue(date: Date): string {
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

function NewTaskForm({ onClose, fixedLink }: Omit<NewTaskModalProps, 'opened'>) {
  const me = useCurrentMe();
  const create = useCreateTask();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(() => {
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(9, 0, 0, 0);
    return localInputValue(tomorrow);
  });
  const [priority, setPriority] = useState<Task['priority']>('normal');
  const [assigneeId, setAssigneeId] = useState<string | null>(me.user.id);
  const [linkKind, setLinkKind] = useState<'none' | RecordKind>(fixedLink?.kind ?? 'none');
  const [linkId, setLinkId] = useState<string | null>(fixedLink?.id ?? null);
  const [notes, setNotes] = useState('');
  const [titleMissing, setTitleMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setTitleMissing(true);
      return;
    }
    const link = linkKind === 'none' || !linkId ? {} : { [`${linkKind}Id`]: linkId };
    create.mutate(
      {
        title: title.trim(),
        dueAt: due ? new Date(due).toISOString() : null,
        priority,
        assigneeId,
        notes: notes.trim() || null,
        ...link,
      },
      {
        onSuccess: (task) => {
          notifications.show({ color: 'green', message: `Task “${task.title}” created.` });
          onClose();
        },
      },
    );
  };
  const message = formError(create.error, ['title', 'dueAt', 'priority', 'assigneeId', 'contactId', 'companyId', 'dealId']);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert message={message} />
        <TextInput
          label="Title"
          placeholder="e.g. Call back about the proposal"
          required
          data-autofocus
          maxLength={300}
          value={title}
          error={titleMissing ? 'Say what needs doing.' : fieldError(create.error, 'title')}
          onChange={(event) => {
            setTitle(event.currentTarget.value);
            setTitleMissing(false);
          }}
        />
        <SimpleGrid cols={3} spacing="sm">
          <TextInput
            label="Due"
            type="datetime-local"
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
          />
          <OwnerSelect label="Assigned to" value={assigneeId} onChange={setAssigneeId} error={fieldError(create.error, 'assigneeId')} />
        </SimpleGrid>
        {fixedLink ? (
          <Text fz="sm" c="dimmed">
            Linked to the {fixedLink.kind} <b>{fixedLink.name}</b>.
          </Text>
        ) : (
          <Stack gap={6}>
            <Text fz="sm" fw={500} id="task-link-label">
              Link to
            </Text>
            <SegmentedControl
              aria-labelledby="task-link-label"
              size="xs"
              value={linkKind}
              onChange={(value) => {
                setLinkKind(value as 'none' | RecordKind);
                setLinkId(null);
              }}
              data={[
                { value: 'none', label: 'Nothing' },
                { value: 'contact', label: 'Contact' },
                { value: 'company', label: 'Company' },
                { value: 'deal', label: 'Deal' },
              ]}
            />
            {linkKind !== 'none' && (
              <RecordPicker
                key={linkKind}
                kind={linkKind}
                label={linkKind === 'contact' ? 'Contact' : linkKind === 'company' ? 'Company' : 'Deal'}
                value={linkId}
                error={fieldError(create.error, `${linkKind}Id`)}
                onChange={(id) => setLinkId(id)}
              />
            )}
          </Stack>
        )}
        <Textarea label="Notes" autosize minRows={2} maxRows={6} maxLength={10000} value={notes} onChange={(event) => setNotes(event.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create task
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
