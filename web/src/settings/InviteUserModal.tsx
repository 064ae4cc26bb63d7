import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../api/client';
import { useCreateInvitation } from '../api/queries';
import type { Role } from '../api/types';
import { formatDateTime, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../app/format';
import { CopyField } from '../components/CopyField';
import { ROLE_OPTIONS } from './roleOptions';

interface InviteUserModalProps {
  opened: boolean;
  onClose: () => void;
}

export function InviteUserModal({ opened, onClose }: InviteUserModalProps) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const invite = useCreateInvitation();
  const created = invite.data;

  const reset = () => {
    setEmail('');
    setRole('viewer');
    invite.reset();
  };
  const close = () => {
    reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role });
  };
  const message = formError(invite.error, ['email', 'role']);

  return (
    <Modal opened={opened} onClose={close} title={created ? 'Invitation created' : 'Invite user'} size="lg">
      {created ? (
        <Stack>
          <Text fz="sm">
            {created.email} is invited as <b>{ROLE_LABELS[created.role] ?? created.role}</b>. Send them this link; it
            is valid until {formatDateTime(created.expiresAt)}.
          </Text>
          <CopyField label="Invite link" value={created.inviteUrl} copyLabel="Copy link" />
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
            Tandem does not send invitation emails yet: share the link with the person yourself.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={reset}>
              Invite another
            </Button>
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
              label="Email"
              type="email"
              placeholder="colleague@company.com"
              required
              data-autofocus
              value={email}
              error={fieldError(invite.error, 'email')}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <Select
              label="Role"
              data={ROLE_OPTIONS}
              value={role}
              allowDeselect={false}
              description={ROLE_DESCRIPTIONS[role]}
              error={fieldError(invite.error, 'role')}
              onChange={(value) => value && setRole(value as Role)}
              comboboxProps={{ withinPortal: true }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending} disabled={!email.trim()}>
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
