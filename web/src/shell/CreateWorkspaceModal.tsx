import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { fieldError, formError } from '../api/client';
import { useCreateWorkspace } from '../api/queries';

interface CreateWorkspaceModalProps {
  opened: boolean;
  onClose: () => void;
}

export function CreateWorkspaceModal({ opened, onClose }: CreateWorkspaceModalProps) {
  const [name, setName] = useState('');
  const create = useCreateWorkspace();
  const navigate = useNavigate();

  const close = () => {
    setName('');
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (me) => {
        close();
        navigate('/');
        notifications.show({ color: 'green', title: 'Workspace created', message: `You are now in ${me.workspace?.name ?? name.trim()}.` });
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Create workspace">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text fz="sm" c="dimmed">
            A workspace has its own contacts, users, API keys and settings. You will be its admin.
          </Text>
          <TextInput
            label="Workspace name"
            placeholder="Acme Inc."
            required
            data-autofocus
            value={name}
            error={fieldError(create.error, 'name') ?? formError(create.error, ['name'])}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create workspace
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
