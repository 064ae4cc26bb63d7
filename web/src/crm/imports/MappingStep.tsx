import { Alert, Button, Group, Paper, Radio, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { formError, isApiError } from '../../api/client';
import { useCustomFields } from '../shared';
import type { ImportRun, ImportUpload } from '../types';
import { useStartImport, type DuplicatePolicy } from './api';
import { fieldLabel, fieldOptions, MATCHED_BY, OBJECT_LABELS } from './fields';

const SKIP = '__skip__';
const NOWRAP = { whiteSpace: 'nowrap' } as const;

interface MappingStepProps {
  upload: ImportUpload;
  expectedRows: number | null;
  onBack: () => void;
  onStarted: (run: ImportRun) => void;
}

/** Each column of the file, a few of its values, and the field it fills (or none). */
export function MappingStep({ upload, expectedRows, onBack, onStarted }: MappingStepProps) {
  const customFields = useCustomFields(upload.objectType);
  const start = useStartImport();
  const [mapping, setMapping] = useState<Record<string, string>>(() => ({ ...upload.suggestedMapping }));
  const [onDuplicate, setOnDuplicate] = useState<DuplicatePolicy>('update');
  const labels = OBJECT_LABELS[upload.objectType];
  const options = [{ value: SKIP, label: 'Don’t import' }, ...fieldOptions(upload.objectType, upload.fields, customFields.data ?? [])];

  // The first column that maps to a field owns it; a later one gets the error.
  const firstColumnOf = new Map<string, string>();
  const duplicateOf = new Map<string, string>();
  for (const header of upload.headers) {
    const field = mapping[header];
    if (!field) continue;
    const first = firstColumnOf.get(field);
    if (first) duplicateOf.set(header, first);
    else firstColumnOf.set(field, header);
  }
  const mapped = upload.headers.filter((header) => mapping[header]).length;
  const needsName = upload.objectType === 'company' && !firstColumnOf.has('name');
  const noEmail = upload.objectType === 'contact' && !firstColumnOf.has('email');

  const serverColumn = isApiError(start.error) && start.error.field?.startsWith('mapping.') ? start.error.field.slice('mapping.'.length) : null;
  const message = serverColumn !== null && upload.headers.includes(serverColumn) ? undefined : formError(start.error, []);

  const submit = () => {
    const chosen = Object.fromEntries(upload.headers.filter((header) => mapping[header]).map((header) => [header, mapping[header]!]));
    start.mutate({ id: upload.id, mapping: chosen, onDuplicate }, { onSuccess: onStarted });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} fz="lg">
            Map the columns of {upload.fileName}
          </Title>
          <Text fz="sm" c="dimmed" mt={2}>
            {upload.headers.length} columns
            {expectedRows !== null && ` · about ${expectedRows.toLocaleString()} ${expectedRows === 1 ? 'row' : 'rows'}`} · importing{' '}
            {labels.many}. The suggested fields come from the column names; change any you like.
          </Text>
        </div>
        <Text fz="sm" fw={600} c={mapped ? 'indigo.7' : 'dimmed'} data-testid="mapped-count" style={{ whiteSpace: 'nowrap' }}>
          {mapped} of {upload.headers.length} columns mapped
        </Text>
      </Group>

      {message && (
        <Alert color="red" role="alert" title="The import cannot start yet">
          {message}
        </Alert>
      )}

      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing={8} horizontalSpacing="md" aria-label="Column mapping" miw={760} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="26%">Column in the file</Table.Th>
              <Table.Th>Sample values</Table.Th>
              <Table.Th w={300}>Import as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upload.headers.map((header, index) => {
              const samples = upload.sample.map((row) => row[index] ?? '').filter((value) => value.trim() !== '').slice(0, 3);
              const field = mapping[header];
              const duplicate = duplicateOf.get(header);
              const error = duplicate
                ? `${fieldLabel(field!, customFields.data)} is already filled from “${duplicate}”`
                : serverColumn === header && isApiError(start.error)
                  ? start.error.message
                  : undefined;
              return (
                <Table.Tr key={`${index}-${header}`} bg={field ? undefined : 'gray.0'}>
                  <Table.Td>
                    <Text fz="sm" fw={600} truncate title={header}>
                      {header || <i>(no name)</i>}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {samples.length ? (
                      <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
                        {samples.map((sample, i) => (
                          <Text key={i} fz="xs" ff="monospace" bg="gray.1" px={6} py={2} style={{ borderRadius: 4, ...NOWRAP, overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 220 }} title={sample}>
                            {sample}
                          </Text>
                        ))}
                      </Group>
                    ) : (
                      <Text fz="xs" c="dimmed">
                        empty in the first rows
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Import column ${header} as`}
                      size="sm"
                      data={options}
                      value={field ?? SKIP}
                      allowDeselect={false}
                      searchable
                      error={error}
                      onChange={(value) => {
                        start.reset();
                        setMapping((current) => {
                          const next = { ...current };
                          if (!value || value === SKIP) delete next[header];
                          else next[header] = value;
                          return next;
                        });
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>

      {(needsName || noEmail) && (
        <Alert color={needsName ? 'red' : 'yellow'} variant="light">
          {needsName
            ? 'Map a column to Name: every company needs one.'
            : 'No column is mapped to Email: every row becomes a new contact, because existing contacts are found by their email address.'}
        </Alert>
      )}

      <Radio.Group
        label={`When a ${labels.one} already exists`}
        description={`An existing ${labels.one} is one with ${MATCHED_BY[upload.objectType]}.`}
        value={onDuplicate}
        onChange={(value) => setOnDuplicate(value as DuplicatePolicy)}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="update" label="Update it" description="Fill in the values from the file; empty cells keep what is there." />
          <Radio value="skip" label="Skip the row" description="Leave the existing record as it is." />
        </Stack>
      </Radio.Group>

      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          Choose another file
        </Button>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          onClick={submit}
          loading={start.isPending}
          disabled={mapped === 0 || duplicateOf.size > 0 || needsName}
        >
          Start import
        </Button>
      </Group>
    </Stack>
  );
}
