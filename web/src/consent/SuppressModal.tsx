import { Button, Code, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { fieldError, formError } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useLiftSuppression, useSuppress } from './api';

interface SuppressModalProps {
  /** The address to suppress; without it the form asks for one. */
  email?: string;
  opened: boolean;
  onClose: () => void;
}

/** Puts an address on the suppression list: no marketing email goes to it, whatever the consent. */
export function SuppressModal({ email: fixedEmail, opened, onClose }: SuppressModalProps) {
  const suppress = useSuppress();
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');

  useEffect(() => {
    if (!opened) return;
    setEmail('');
    setNote('');
    suppress.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    suppress.mutate(
      { email: fixedEmail ?? email.trim(), note: note.trim() || null },
      {
        onSuccess: (suppressed) => {
          notifications.show({ color: 'green', message: `${suppressed.email} is suppressed: no marketing email goes to it.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Suppress address" size="md">
      <form onSubmit={submit} noValidate aria-label="Suppress address">
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            No marketing email goes to a suppressed address, whatever consent was given. Transactional email still goes.
          </Text>
          <FormErrorAlert message={formError(suppress.error, fixedEmail ? ['note'] : ['email', 'note'])} />
          {fixedEmail ? (
            <Text fz="sm">
              Address: <Code fz="sm">{fixedEmail}</Code>
            </Text>
          ) : (
            <TextInput
              label="Email address"
              placeholder="name@example.com"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fieldError(suppress.error, 'email')}
              maxLength={320}
              required
              data-autofocus
            />
          )}
          <Textarea
            label="Note (optional)"
            description="Why, for whoever looks at the list later."
            placeholder="e.g. Asked by phone not to get newsletters"
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={fieldError(suppress.error, 'note')}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={1000}
            data-autofocus={fixedEmail ? true : undefined}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={suppress.isPending} disabled={!fixedEmail && !email.trim()}>
              Suppress address
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Asks before taking an address off the suppression list. */
export function LiftSuppressionDialog({ email, onClose }: { email: string | null; onClose: () => void }) {
  const lift = useLiftSuppression();
  const confirm = () =>
    email &&
    lift.mutate(email, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${email} is off the suppression list.` });
        onClose();
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'Could not lift the suppression', message: formError(error, []) });
        onClose();
      },
    });
  return (
    <ConfirmDialog opened={email !== null} title="Lift suppression" confirmLabel="Lift suppression" loading={lift.isPending} onConfirm={confirm} onCancel={onClose}>
      Take {email} off the suppression list? Marketing email may go to it again where consent allows. If the address bounced or
      complained, it may do so again.
    </ConfirmDialog>
  );
}
