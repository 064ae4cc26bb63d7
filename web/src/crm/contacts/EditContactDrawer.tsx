import { useState, type FormEvent } from 'react';
import { EditRecordDrawer, RecordForm, useRecordFormSupport, useSaveRecordChanges } from '../shared/RecordForm';
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
    <EditRecordDrawer opened={opened} onClose={onClose} title="Edit contact">
      {/* The drawer unmounts its content when closed, so each opening starts from the contact as it is now. */}
      <EditContactForm contact={contact} onClose={onClose} />
    </EditRecordDrawer>
  );
}

function EditContactForm({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const [values, setValues] = useState<ContactFormValues>(() => contactValues(contact));
  const support = useRecordFormSupport('contact', CONTACT_FORM_FIELDS);
  const { update, save } = useSaveRecordChanges('contacts', 'Contact saved.');

  const input = contactInput(values, contact);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(contact.id, input, onClose);
  };

  return (
    <RecordForm
      onSubmit={submit}
      message={support.message(update.error)}
      onCancel={onClose}
      submitLabel="Save changes"
      submitting={update.isPending}
      submitDisabled={Object.keys(input).length === 0}
      actionsMt="md"
    >
      <ContactFields
        values={values}
        onChange={setValues}
        error={update.error}
        customFields={support.fields}
        requiredFields={support.requiredFields}
        full
      />
    </RecordForm>
  );
}
