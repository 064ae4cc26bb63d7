import { Alert, Anchor, Button, Drawer, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { formError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { useCustomFields, useDataQuality } from '../shared/queries';
import { useCreateRecord, useUpdateRecord } from '../shared/records';
import type { Company } from '../types';
import { COMPANY_FORM_FIELDS, CompanyFields, companyInput, companyValues, emptyCompanyValues, type CompanyFormValues } from './CompanyFields';

function useCompanyFormSupport() {
  const customFields = useCustomFields('company');
  const rules = useDataQuality('company');
  const fields = customFields.data ?? [];
  return {
    fields,
    requiredFields: rules.data?.requiredFields ?? [],
    message: (error: unknown) => formError(error, [...COMPANY_FORM_FIELDS, ...fields.map((field) => `custom.${field.key}`)]),
  };
}

export function NewCompanyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useCurrentMe();
  // Notifications render outside the router: their link navigates through this closure.
  const navigate = useNavigate();
  const [values, setValues] = useState<CompanyFormValues>(() => emptyCompanyValues(me.user.id));
  const create = useCreateRecord('companies');
  const support = useCompanyFormSupport();

  const close = () => {
    setValues(emptyCompanyValues(me.user.id));
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(companyInput(values), {
      onSuccess: (company) => {
        notifications.show({
          color: 'green',
          message: (
            <>
              {company.name} was added.{' '}
              <Anchor component="button" type="button" fz="sm" onClick={() => navigate(`/companies/${company.id}`)}>
                Open company
              </Anchor>
            </>
          ),
        });
        close();
      },
    });
  };
  const message = support.message(create.error);

  return (
    <Modal opened={opened} onClose={close} title="New company" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <CompanyFields values={values} onChange={setValues} error={create.error} customFields={support.fields} requiredFields={support.requiredFields} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!values.name.trim()}>
              Create company
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function EditCompanyDrawer({ opened, onClose, company }: { opened: boolean; onClose: () => void; company: Company }) {
  return (
    <Drawer opened={opened} onClose={onClose} title="Edit company" position="right" size="lg" styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}>
      {/* The drawer unmounts its content when closed, so each opening starts from the company as it is now. */}
      <EditCompanyForm company={company} onClose={onClose} />
    </Drawer>
  );
}

function EditCompanyForm({ company, onClose }: { company: Company; onClose: () => void }) {
  const [values, setValues] = useState<CompanyFormValues>(() => companyValues(company));
  const update = useUpdateRecord('companies');
  const support = useCompanyFormSupport();

  const input = companyInput(values, company);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(input).length === 0) return onClose();
    update.mutate(
      { id: company.id, input },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Company saved.' });
          onClose();
        },
      },
    );
  };
  const message = support.message(update.error);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <CompanyFields values={values} onChange={setValues} error={update.error} customFields={support.fields} requiredFields={support.requiredFields} />
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
