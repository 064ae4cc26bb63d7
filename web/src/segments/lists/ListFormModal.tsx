import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldError, formError } from '../../api/client';
import { FormErrorAlert } from '../../crm/shared/FormErrorAlert';
import { useCreateList, useUpdateList } from '../api';
import type { List } from '../types';

interface ListFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The list to rename; a new list without it. */
  list?: List;
  onSaved?: (list: List) => void;
}

/** A list's name and description, for a new list or an existing one. */
export function ListFormModal({ opened, onClose, list, onSaved }: ListFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={list ? 'Edit list' : 'New list'}>
      {/* The modal mounts its content when it opens: each opening starts from the list as it is. */}
      <ListForm list={list} onClose={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function ListForm({ list, onClose, onSaved }: Omit<ListFormModalProps, 'opened'>) {
  const [name, setName] = useState(list?.name ?? '');
  const [description, setDescription] = useState(list?.description ?? '');
  const create = useCreateList();
  const update = useUpdateList(list?.id ?? '');
  const save = list ? update : create;

  const submit = () =>
    save.mutate(
      { name: name.trim(), description: description.trim() || null },
      {
        onSuccess: (saved) => {
          onClose();
          onSaved?.(saved);
        },
      },
    );

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <FormErrorAlert message={formError(save.error, ['name', 'description'])} />
        <TextInput
          label="Name"
          placeholder="Webinar guests, March"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fieldError(save.error, 'name')}
          data-autofocus
        />
        <Textarea
          label="Description"
          placeholder="What the list is for"
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={fieldError(save.error, 'description')}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
            {list ? 'Save list' : 'Create list'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
