import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  EmptyState,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconForms, IconInfoCircle, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, fieldError, formError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { formatDate } from '../app/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useCustomFields, type CustomFieldObject } from '../crm/shared/queries';
import type { CustomField, CustomFieldType } from '../crm/types';

const OBJECTS: { value: CustomFieldObject; label: string; one: string }[] = [
  { value: 'contact', label: 'Contacts', one: 'Contact' },
  { value: 'company', label: 'Companies', one: 'Company' },
  { value: 'deal', label: 'Deals', one: 'Deal' },
];

const TYPES: { value: CustomFieldType; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'select', label: 'Dropdown (one choice)' },
  { value: 'multi_select', label: 'Multiple choice' },
];
const TYPE_LABELS = Object.fromEntries(TYPES.map((type) => [type.value, type.label])) as Record<CustomFieldType, string>;
const isChoice = (type: CustomFieldType) => type === 'select' || type === 'multi_select';

/** "Annual revenue (EUR)" → "annual_revenue_eur": a key the API accepts (lower_snake_case, starting with a letter). */
function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 63);
  return key;
}

/** Option labels to options; an existing option keeps its value so records that use it stay valid. */
function toOptions(labels: string[], existing: CustomField['options'] = []) {
  return labels.map((label) => {
    const kept = existing.find((option) => option.label === label);
    return kept ?? { value: keyFromLabel(label) || label, label };
  });
}

function useSaveField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Record<string, unknown> }) =>
      id
        ? api<CustomField>(`/custom-fields/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<CustomField>('/custom-fields', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['custom-fields'] }),
  });
}

export function CustomFieldsPage() {
  const me = useCurrentMe();
  const isAdmin = me.workspace.role === 'admin';
  const [objectType, setObjectType] = useState<CustomFieldObject>('contact');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [archiving, setArchiving] = useState<CustomField | null>(null);
  const fields = useCustomFields(objectType, true);
  const save = useSaveField();

  const setArchived = (field: CustomField, archived: boolean) =>
    save.mutate(
      { id: field.id, body: { archived } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `${field.label} was ${archived ? 'archived' : 'restored'}.` });
          setArchiving(null);
        },
        onError: (error) => {
          notifications.show({ color: 'red', title: `Could not ${archived ? 'archive' : 'restore'} the field`, message: errorMessage(error) });
          setArchiving(null);
        },
      },
    );

  const all = fields.data ?? [];
  const archivedCount = all.filter((field) => field.archivedAt).length;
  const shown = all.filter((field) => showArchived || !field.archivedAt);
  const objectLabel = OBJECTS.find((o) => o.value === objectType)!.label.toLowerCase();

  return (
    <>
      <PageHeader
        title="Custom fields"
        description="The fields your team tracks beyond the standard ones. They appear on forms, profiles, list columns, filters, imports and exports."
        actions={
          isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New field
            </Button>
          )
        }
      />
      {!isAdmin && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="lg">
          You need the admin role to add, change or archive custom fields.
        </Alert>
      )}
      <Group justify="space-between" mb="md">
        <SegmentedControl
          aria-label="Object"
          data={OBJECTS.map((o) => ({ value: o.value, label: o.label }))}
          value={objectType}
          onChange={(value) => setObjectType(value as CustomFieldObject)}
        />
        <Switch
          label={`Show archived (${archivedCount})`}
          checked={showArchived}
          onChange={(event) => setShowArchived(event.currentTarget.checked)}
          disabled={archivedCount === 0}
        />
      </Group>
      {fields.isPending ? (
        <LoadingBlock />
      ) : fields.isError ? (
        <ErrorBlock error={fields.error} />
      ) : shown.length === 0 ? (
        <Paper withBorder radius="lg" py={48} px="xl">
          <EmptyState
            icon={<IconForms size={28} stroke={1.6} />}
            variant="light"
            title={`No custom fields for ${objectLabel} yet`}
            description="Add a field for what your team needs to know, such as a customer tier, a renewal date or the products they use."
            maw={480}
            mx="auto"
          >
            {isAdmin && (
              <Group justify="center" mt="md">
                <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
                  New field
                </Button>
              </Group>
            )}
          </EmptyState>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Custom fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Label</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Options</Table.Th>
                <Table.Th>Required</Table.Th>
                <Table.Th>Created</Table.Th>
                {isAdmin && <Table.Th w={90} aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((field) => (
                <Table.Tr key={field.id} c={field.archivedAt ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text fz="sm" fw={500}>
                        {field.label}
                      </Text>
                      {field.archivedAt && (
                        <Badge size="xs" variant="light" color="gray">
                          Archived
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Code>custom.{field.key}</Code>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text fz="sm">{TYPE_LABELS[field.type]}</Text>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text fz="sm" truncate title={field.options.map((o) => o.label).join(', ')}>
                      {field.options.length ? field.options.map((o) => o.label).join(', ') : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {field.required ? (
                      <Badge size="sm" variant="light" color="orange">
                        Required
                      </Badge>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        Optional
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text fz="sm" c="dimmed">
                      {formatDate(field.createdAt)}
                    </Text>
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label="Edit" withArrow>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${field.label}`} onClick={() => setEditing(field)}>
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        {field.archivedAt ? (
                          <Tooltip label="Restore" withArrow>
                            <ActionIcon variant="subtle" color="gray" aria-label={`Restore ${field.label}`} onClick={() => setArchived(field, false)}>
                              <IconArchiveOff size={16} />
                            </ActionIcon>
                          </Tooltip>
                        ) : (
                          <Tooltip label="Archive" withArrow>
                            <ActionIcon variant="subtle" color="red" aria-label={`Archive ${field.label}`} onClick={() => setArchiving(field)}>
                              <IconArchive size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <FieldModal field={editing === 'new' ? null : editing} objectType={objectType} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={archiving !== null}
        title="Archive field"
        confirmLabel="Archive field"
        loading={save.isPending}
        onConfirm={() => archiving && setArchived(archiving, true)}
        onCancel={() => setArchiving(null)}
      >
        Archive {archiving?.label}? It disappears from forms, profiles and lists; the values already stored are kept,
        and restoring the field brings them back.
      </ConfirmDialog>
    </>
  );
}

const FIELDS = ['objectType', 'key', 'label', 'type', 'options', 'required'] as const;

function FieldModal({ field, objectType, onClose }: { field: CustomField | null; objectType: CustomFieldObject; onClose: () => void }) {
  const [object, setObject] = useState<CustomFieldObject>(field?.objectType ?? objectType);
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(false);
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<string[]>(field?.options.map((option) => option.label) ?? []);
  const [required, setRequired] = useState(field?.required ?? false);
  const save = useSaveField();

  const effectiveKey = field ? field.key : keyEdited ? key : keyFromLabel(label);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const choice = isChoice(type);
    const body: Record<string, unknown> = field
      ? { label: label.trim(), required, ...(choice ? { options: toOptions(options, field.options) } : {}) }
      : { objectType: object, key: effectiveKey, label: label.trim(), type, required, ...(choice ? { options: toOptions(options) } : {}) };
    save.mutate(
      { id: field?.id, body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: field ? `${saved.label} was saved.` : `${saved.label} was added.` });
          onClose();
        },
      },
    );
  };
  const message = formError(save.error, FIELDS);
  const canSave = label.trim() !== '' && effectiveKey !== '' && (!isChoice(type) || options.length > 0);

  return (
    <Modal opened onClose={onClose} title={field ? `Edit ${field.label}` : 'New custom field'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          {!field && (
            <Select
              label="Object"
              data={OBJECTS.map((o) => ({ value: o.value, label: o.one }))}
              value={object}
              allowDeselect={false}
              onChange={(value) => value && setObject(value as CustomFieldObject)}
              error={fieldError(save.error, 'objectType')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <TextInput
            label="Label"
            description="What people see on forms and profiles"
            placeholder="e.g. Customer tier"
            value={label}
            required
            data-autofocus
            maxLength={200}
            error={fieldError(save.error, 'label')}
            onChange={(event) => setLabel(event.currentTarget.value)}
          />
          <TextInput
            label="Key"
            description={
              field
                ? 'The key cannot change: integrations, filters and imports use it.'
                : 'Used by the API, filters and imports as custom.<key>: lowercase letters, digits and _'
            }
            value={effectiveKey}
            disabled={!!field}
            leftSection={<Text fz="xs" c="dimmed">custom.</Text>}
            leftSectionWidth={58}
            error={fieldError(save.error, 'key')}
            onChange={(event) => {
              setKeyEdited(true);
              setKey(event.currentTarget.value);
            }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Select
            label="Type"
            data={TYPES}
            value={type}
            disabled={!!field}
            description={field ? 'The type cannot change once values are stored.' : undefined}
            allowDeselect={false}
            onChange={(value) => value && setType(value as CustomFieldType)}
            error={fieldError(save.error, 'type')}
            comboboxProps={{ withinPortal: true }}
          />
          {isChoice(type) && (
            <TagsInput
              label="Options"
              description="Type an option and press Enter; the order here is the order people see."
              value={options}
              onChange={setOptions}
              error={fieldError(save.error, 'options')}
              acceptValueOnBlur
              clearable
            />
          )}
          <Checkbox
            label="Required"
            description="Every new or edited record must have a value"
            checked={required}
            onChange={(event) => setRequired(event.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!canSave}>
              {field ? 'Save field' : 'Create field'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
