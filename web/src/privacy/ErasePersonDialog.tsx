import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorMessage, fieldError } from '../api/client';

interface ErasePersonDialogProps {
  contactId: string;
  name: string;
  /** What must be typed to confirm: the contact's email, or its id when it has none. */
  confirmWith: string;
  opened: boolean;
  onClose: () => void;
}

/** Erasure (GDPR Art. 17): what goes, what stays as anonymous counts, and a typed confirmation. */
export function ErasePersonDialog({ contactId, name, confirmWith, opened, onClose }: ErasePersonDialogProps) {
  const [typed, setTyped] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const erase = useMutation({
    mutationFn: () => api<{ erased: boolean; kept: Record<string, number> }>(`/contacts/${contactId}/erase`, { method: 'POST', body: { confirm: typed } }),
    onSuccess: (result) => {
      const kept = Object.values(result.kept).reduce((sum, count) => sum + count, 0);
      notifications.show({ color: 'green', message: `${name} was erased. ${kept} anonymous record${kept === 1 ? '' : 's'} kept for the counts.` });
      void queryClient.invalidateQueries();
      navigate('/contacts', { replace: true });
    },
  });
  const matches = typed.trim().toLowerCase() === confirmWith.toLowerCase();

  return (
    <Modal opened={opened} onClose={onClose} title={`Erase ${name}`} size="lg">
      <Stack gap="md">
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="This cannot be undone">
          Everything that identifies this person is removed for good.
        </Alert>
        <div>
          <Text fw={600} size="sm">Removed</Text>
          <List size="sm" spacing={2}>
            <List.Item>The contact, its identities, timeline, notes and calls</List.Item>
            <List.Item>Consent records, scores, hand-offs, segment and list places</List.Item>
            <List.Item>Website visitor profiles and visits</List.Item>
          </List>
        </div>
        <div>
          <Text fw={600} size="sm">Kept, without the person</Text>
          <List size="sm" spacing={2}>
            <List.Item>Events, as anonymous events (for traffic and funnel counts)</List.Item>
            <List.Item>Sent emails, with the address removed (for campaign figures)</List.Item>
            <List.Item>A suppressed address stays suppressed, so the person is not mailed again</List.Item>
          </List>
        </div>
        <TextInput
          label={`Type ${confirmWith.includes('@') ? 'the email address' : 'the contact id'} to confirm`}
          placeholder={confirmWith}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          error={erase.error ? fieldError(erase.error, 'confirm') : undefined}
          data-autofocus
        />
        {erase.error && !fieldError(erase.error, 'confirm') && <Alert color="red">{errorMessage(erase.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color="red" disabled={!matches} loading={erase.isPending} onClick={() => erase.mutate()}>Erase permanently</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
