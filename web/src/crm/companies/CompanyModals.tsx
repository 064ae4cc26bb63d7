import { Modal } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useCurrentMe } from '../../api/queries';
import { EditRecordDrawer, RecordForm, useNotifyRecordCreated, useRecordFormSupport, useSaveRecordChanges } from '../shared/RecordForm';
import { useCreateRecord } from '../shared/records';
import type { Company } from '../types';
import { COMPANY_FORM_FIELDS, CompanyFields, companyInput, companyValues, emptyCompanyValues, type CompanyFormValues } from './CompanyFields';

export function NewCompanyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useCurrentMe();
  const notifyCreated = useNotifyRecordCreated('companies', 'company');
  const [values, setValues] = useState<CompanyFormValues>(() => emptyCompanyValues(me.user.id));
  const create = useCreateRecord('companies');
  const support = useRecordFormSupport('company', COMPANY_FORM_FIELDS);

  const close = () => {
    setValues(emptyCompanyValues(me.user.id));
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(companyInput(values), {
      onSuccess: (company) => {
        notifyCreated(company, company.name);
        close();
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="New company" size="lg">
      <RecordForm
        onSubmit={submit}
        message={support.message(create.error)}
        onCancel={close}
        submitLabel="Create company"
        submitting={create.isPending}
        submitDisabled={!values.name.trim()}
        actionsMt="sm"
      >
        <CompanyFields values={values} onChange={setValues} error={create.error} customFields={support.fields} requiredFields={support.requiredFields} />
      </RecordForm>
    </Modal>
  );
}

export function EditCompanyDrawer({ opened, onClose, company }: { opened: boolean; onClose: () => void; company: Company }) {
  return (
    <EditRecordDrawer opened={opened} onClose={onClose} title="Edit company">
      {/* The drawer unmounts its content when closed, so each opening starts from the company as it is now. */}
      <EditCompanyForm company={company} onClose={onClose} />
    </EditRecordDrawer>
  );
}

function EditCompanyForm({ company, onClose }: { company: Company; onClose: () => void }) {
  const [values, setValues] = useState<CompanyFormValues>(() => companyValues(company));
  const { update, save } = useSaveRecordChanges('companies', 'Company saved.');
  const support = useRecordFormSupport('company', COMPANY_FORM_FIELDS);

  const input = companyInput(values, company);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(company.id, input, onClose);
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
      <CompanyFields values={values} onChange={setValues} error={update.error} customFields={support.fields} requiredFields={support.requiredFields} />
    </RecordForm>
  );
}
