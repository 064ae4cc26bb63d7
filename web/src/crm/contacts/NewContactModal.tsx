import { Modal } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useCurrentMe } from '../../api/queries';
import { contactName } from '../shared/queries';
import { RecordForm, useNotifyRecordCreated, useRecordFormSupport } from '../shared/RecordForm';
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
  const notifyCreated = useNotifyRecordCreated('contacts', 'contact');
  const initial = () => ({ ...emptyContactValues(me.user.id), companyId: companyId ?? null });
  const [values, setValues] = useState<ContactFormValues>(initial);
  const support = useRecordFormSupport('contact', CONTACT_FORM_FIELDS);
  const create = useCreateRecord('contacts');

  const close = () => {
    setValues(initial());
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(contactInput(values), {
      onSuccess: (contact) => {
        notifyCreated(contact, contactName(contact));
        close();
      },
    });
  };
  const empty = !values.email.trim() && !values.firstName.trim() && !values.lastName.trim() && !values.phone.trim();

  return (
    <Modal opened={opened} onClose={close} title="New contact" size="lg">
      <RecordForm
        onSubmit={submit}
        message={support.message(create.error)}
        onCancel={close}
        submitLabel="Create contact"
        submitting={create.isPending}
        submitDisabled={empty}
        actionsMt="sm"
      >
        <ContactFields values={values} onChange={setValues} error={create.error} customFields={support.fields} requiredFields={support.requiredFields} />
      </RecordForm>
    </Modal>
  );
}
