import { Anchor, Button, Drawer, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { formError } from '../../api/client';
import { FormErrorAlert } from './FormErrorAlert';
import { useCustomFields, useDataQuality } from './queries';
import { useUpdateRecord, type RecordResource } from './records';

/** What a contact or company form needs besides its values: custom fields, required fields, and the overall error message. */
export function useRecordFormSupport(objectType: 'contact' | 'company', formFields: readonly string[]) {
  const customFields = useCustomFields(objectType);
  const rules = useDataQuality(objectType);
  const fields = customFields.data ?? [];
  return {
    fields,
    requiredFields: rules.data?.requiredFields ?? [],
    /** The error no single input shows (an error naming a field shows under that field). */
    message: (error: unknown) => formError(error, [...formFields, ...fields.map((field) => `custom.${field.key}`)]),
  };
}

/** "{name} was added." with a link to the new record. */
export function useNotifyRecordCreated(resource: RecordResource, noun: string) {
  // Notifications render outside the router: their link navigates through this closure.
  const navigate = useNavigate();
  return (record: { id: string }, name: string) =>
    notifications.show({
      color: 'green',
      message: (
        <>
          {name} was added.{' '}
          <Anchor component="button" type="button" fz="sm" onClick={() => navigate(`/${resource}/${record.id}`)}>
            Open {noun}
          </Anchor>
        </>
      ),
    });
}

/** Saves only what changed; with no change it just closes. */
export function useSaveRecordChanges<R extends RecordResource>(resource: R, savedMessage: string) {
  const update = useUpdateRecord(resource);
  const save = (id: string, input: Record<string, unknown>, onDone: () => void) => {
    if (Object.keys(input).length === 0) return onDone();
    update.mutate(
      { id, input },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: savedMessage });
          onDone();
        },
      },
    );
  };
  return { update, save };
}

/** The right-hand drawer a record is edited in. */
export function EditRecordDrawer({ opened, onClose, title, children }: { opened: boolean; onClose: () => void; title: string; children: ReactNode }) {
  return (
    <Drawer opened={opened} onClose={onClose} title={title} position="right" size="lg" styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}>
      {children}
    </Drawer>
  );
}

interface RecordFormProps {
  onSubmit: (event: FormEvent) => void;
  /** The overall error, shown above the fields. */
  message: ReactNode;
  onCancel: () => void;
  submitLabel: string;
  submitting: boolean;
  submitDisabled: boolean;
  /** Space above the buttons. */
  actionsMt: 'sm' | 'md';
  children: ReactNode;
}

/** A record's form: error, fields, and Cancel / submit buttons. */
export function RecordForm({ onSubmit, message, onCancel, submitLabel, submitting, submitDisabled, actionsMt, children }: RecordFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormErrorAlert message={message} />
        {children}
        <Group justify="flex-end" mt={actionsMt}>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
