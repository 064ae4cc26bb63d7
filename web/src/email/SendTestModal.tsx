import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useCurrentMe } from '../api/queries';
import { fieldError, formError } from '../api/client';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useSendMessage } from './api';
import { withPreheader } from './format';

interface SendTestModalProps {
  opened: boolean;
  onClose: () => void;
  subject: string;
  preheader: string | null;
  mjml: string;
}

/**
 * Sends the template as it is in the editor, saved or not, to one address. A test is
 * transactional — it needs no consent — and goes to an address, not a contact, so contact
 * merge fields fall back to their defaults.
 */
export function SendTestModal({ opened, onClose, subject, preheader, mjml }: SendTestModalProps) {
  const me = useCurrentMe();
  const send = useSendMessage();
  const [to, setTo] = useState('');

  useEffect(() => {
    if (!opened) return;
    setTo(me.user.email);
    send.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(
      { to: to.trim(), content: { kind: 'transactional', subject, mjml: withPreheader(mjml, preheader) } },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            title: 'Test queued',
            // Notifications render outside the router: words, not a link.
            message: `To ${to.trim()}. Its outcome shows in the Sent tab of Email.`,
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Send test" size="md">
      <form onSubmit={submit} noValidate aria-label="Send test">
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            Sends what is in the editor now, saved or not, as a transactional email: no consent is needed. It goes to an address, not a
            contact, so contact merge fields use their defaults.
          </Text>
          <FormErrorAlert message={formError(send.error, ['to'])} />
          <TextInput
            label="Send to"
            type="email"
            placeholder="name@example.com"
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={fieldError(send.error, 'to')}
            maxLength={320}
            data-autofocus
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={send.isPending} disabled={!to.trim() || !subject.trim()}>
              Send test
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
