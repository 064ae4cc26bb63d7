import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { formError } from '../../api/client';
import { useCustomFields, useDataQuality } from '../shared/queries';
import { useUpdateRecord } from '../shared/records';
import type { Contact } from '../types';
import { CONTACT_FORM_FIELDS, ContactFields, contactInput, contactValues, type ContactFormValues } from './ContactFields';

interface EditContactDrawerProps {
  opened: boolean;
  onClose: () => void;
  contact: Contact;
}

/** Every field of a contact, custom fields included; only what changed is sent. */
export function EditContactDrawer({ opened, onClose, contact }: EditContactDrawerProps) {
  return (
    <Drawer opened={opened} onClose={onClose} title="Edit contact" position="right" size="lg" styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}>
      {/* The drawer unmounts its content when closed, so each opening starts from the contact as it is now. */}
      <EditContactForm contact={contact} onClose={onClose} />
    </Drawer>
  );
}

function EditContactForm({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const [values, setValues] = useState<ContactFormValues>(() => contactValues(contact));
  const customFields = useCustomFields('contact');
  const rules = useDataQuality('contact');
  const update = useUpdateRecord('contacts');
  const fields = customFields.data ?? [];

  const input = contactInput(values, contact);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(input).length === 0) return onClose();
    update.mutate(
      { id: contact.id, input },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Contact saved.' });
          onClose();
        },
      },
    );
  };
  const message = formError(update.error, [...CONTACT_FORM_FIELDS, ...fields.map((field) => `custom.${field.key}`)]);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <ContactFields
          values={values}
          onChange={setValues}
          error={update.error}
          customFields={fields}
          requiredFields={rules.data?.requiredFields ?? []}
          full
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending} disabled={Object.keys(input).length === 0}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
