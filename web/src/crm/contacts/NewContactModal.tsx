import { Alert, Anchor, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { formError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { contactName, useCustomFields, useDataQuality } from '../shared/queries';
import { useCreateRecord } from '../shared/records';
import { CONTACT_FORM_FIELDS, ContactFields, contactInput, emptyContactValues, type ContactFormValues } from './ContactFields';

interface NewContactModalProps {
  opened: boolean;
  onClose: () => void;
  /** Pre-filled company (when adding a contact from a company page). */
  companyId?: string;
}

export function NewContactModal({ opened, onClose, companyId }: NewContactModalProps) {
  const me = useCurrentMe();
  // Notifications render outside the router: their link navigates through this closure.
  const navigate = useNavigate();
  const initial = () => ({ ...emptyContactValues(me.user.id), companyId: companyId ?? null });
  const [values, setValues] = useState<ContactFormValues>(initial);
  const customFields = useCustomFields('contact');
  const rules = useDataQuality('contact');
  const create = useCreateRecord('contacts');
  const fields = customFields.data ?? [];

  const close = () => {
    setValues(initial());
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(contactInput(values), {
      onSuccess: (contact) => {
        notifications.show({
          color: 'green',
          message: (
            <>
              {contactName(contact)} was added.{' '}
              <Anchor component="button" type="button" fz="sm" onClick={() => navigate(`/contacts/${contact.id}`)}>
                Open contact
              </Anchor>
            </>
          ),
        });
        close();
      },
    });
  };
  const message = formError(create.error, [...CONTACT_FORM_FIELDS, ...fields.map((field) => `custom.${field.key}`)]);
  const empty = !values.email.trim() && !values.firstName.trim() && !values.lastName.trim() && !values.phone.trim();

  return (
    <Modal opened={opened} onClose={close} title="New contact" size="lg">
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
            error={create.error}
            customFields={fields}
            requiredFields={rules.data?.requiredFields ?? []}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={empty}>
              Create contact
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
