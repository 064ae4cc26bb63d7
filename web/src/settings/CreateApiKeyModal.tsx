import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../api/client';
import { useCreateApiKey } from '../api/queries';
import type { ApiKeyKind, Role } from '../api/types';
import { ROLE_DESCRIPTIONS } from '../app/format';
import { CopyField } from '../components/CopyField';
import { ROLE_OPTIONS } from './roleOptions';

interface CreateApiKeyModalProps {
  opened: boolean;
  onClose: () => void;
}

export function CreateApiKeyModal({ opened, onClose }: CreateApiKeyModalProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ApiKeyKind>('secret');
  const [role, setRole] = useState<Role>('viewer');
  const create = useCreateApiKey();
  const created = create.data;

  const close = () => {
    setName('');
    setKind('secret');
    setRole('viewer');
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(kind === 'secret' ? { name: name.trim(), kind, role } : { name: name.trim(), kind });
  };
  const message = formError(create.error, ['name', 'kind', 'role']);

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'API key created' : 'Create API key'}
      size="lg"
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack>
          {created.kind === 'secret' ? (
            <>
              <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Copy your key now">
                This is the only time the full key is shown. Store it somewhere safe: it will not be shown again.
              </Alert>
              <CopyField
                label="Secret key"
                value={created.key}
                description={`Send it as “Authorization: Bearer <key>”. It acts with the ${created.role ?? ''} role.`}
                copyLabel="Copy key"
              />
            </>
          ) : (
            <CopyField
              label="Write key"
              value={created.key}
              description="A write key can only send events and form submissions, so it is safe to put in your website's tracking snippet."
              copyLabel="Copy key"
            />
          )}
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <TextInput
              label="Name"
              placeholder="e.g. Data warehouse sync"
              description="So you can tell your keys apart later."
              required
              data-autofocus
              value={name}
              error={fieldError(create.error, 'name')}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Radio.Group label="Kind" value={kind} onChange={(value) => setKind(value as ApiKeyKind)}>
              <Stack gap="sm" mt="xs">
                <Radio
                  value="secret"
                  label="Secret key"
                  description="Full API access with a role, for your servers and integrations. Keep it private."
                />
                <Radio
                  value="write"
                  label="Write key"
                  description="Only sends events and form submissions; safe to embed in your website."
                />
              </Stack>
            </Radio.Group>
            {kind === 'secret' && (
              <Select
                label="Role"
                data={ROLE_OPTIONS}
                value={role}
                allowDeselect={false}
                description={ROLE_DESCRIPTIONS[role]}
                error={fieldError(create.error, 'role')}
                onChange={(value) => value && setRole(value as Role)}
              />
            )}
            <Text fz="xs" c="dimmed">
              Keys belong to the workspace, not to you: they keep working if you leave it.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
