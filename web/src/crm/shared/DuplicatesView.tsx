import { Alert, Anchor, Badge, Button, EmptyState, Group, Modal, Paper, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin, IconCopyCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { errorMessage } from '../../api/client';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import type { Company, Contact } from '../types';
import { fieldLabel, lifecycleLabel } from './fields';
import { OwnerName } from './OwnerSelect';
import { contactName } from './queries';
import { CompanyLink } from './RecordBits';
import { useDuplicates, useMergeRecords, type RecordOf, type RecordResource } from './records';

const MERGE_FIELDS: Record<RecordResource, string[]> = {
  contacts: ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city', 'timezone', 'ownerId', 'source', 'lifecycleStage', 'companyId'],
  companies: ['name', 'domain', 'industry', 'employeeCount', 'revenueBand', 'country', 'ownerId'],
};

function recordName(resource: RecordResource, record: Contact | Company): string {
  return resource === 'contacts' ? contactName(record as Contact) : (record as Company).name;
}

function recordPath(resource: RecordResource, id: string): string {
  return `/${resource}/${id}`;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

function FieldValue({ field, value }: { field: string; value: unknown }): ReactNode {
  if (isEmpty(value)) return <Text span fz="sm" c="dimmed" fs="italic">empty</Text>;
  if (field === 'ownerId') return <OwnerName userId={String(value)} />;
  if (field === 'companyId') return <CompanyLink id={String(value)} />;
  if (field === 'lifecycleStage') return <Text span fz="sm">{lifecycleLabel(String(value))}</Text>;
  return <Text span fz="sm" style={{ overflowWrap: 'anywhere' }}>{String(value)}</Text>;
}

/** Groups of likely duplicates, each with a merge dialog. */
export function DuplicatesView<R extends RecordResource>({ resource }: { resource: R }) {
  const groups = useDuplicates(resource);
  const [merging, setMerging] = useState<RecordOf<R>[] | null>(null);
  const noun = resource === 'contacts' ? 'contacts' : 'companies';

  if (groups.isPending) return <LoadingBlock />;
  if (groups.isError) return <ErrorBlock error={groups.error} />;
  if (groups.data.length === 0) {
    return (
      <Paper withBorder radius="md" py={48} px="xl">
        <EmptyState
          icon={<IconCopyCheck size={28} stroke={1.6} />}
          variant="light"
          color="teal"
          title="No likely duplicates"
          description={`No two ${noun} share a mailbox${resource === 'contacts' ? ' or a name at the same company' : ' domain or name'}.`}
          maw={460}
          mx="auto"
        />
      </Paper>
    );
  }

  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {groups.data.length} {groups.data.length === 1 ? 'group' : 'groups'} of likely duplicates. Merging keeps one record;
        the other's activities, deals and history move onto it, and its old links keep working.
      </Text>
      {groups.data.map((group) => (
        <Paper key={group.records.map((r) => r.id).join()} withBorder radius="md" p="sm" aria-label={`Duplicate group: ${recordName(resource, group.records[0]!)}`} role="group">
          <Group justify="space-between" mb={6}>
            <Badge variant="light" color="orange" radius="sm" tt="none">
              {group.reason.charAt(0).toUpperCase() + group.reason.slice(1)}
            </Badge>
            <Button size="xs" variant="light" leftSection={<IconArrowsJoin size={14} />} onClick={() => setMerging(group.records)}>
              Merge…
            </Button>
          </Group>
          <Table fz="sm" verticalSpacing={4} withRowBorders={false}>
            <Table.Tbody>
              {group.records.map((record) => (
                <Table.Tr key={record.id}>
                  <Table.Td w="30%">
                    <Anchor component={Link} to={recordPath(resource, record.id)} fz="sm" fw={500}>
                      {recordName(resource, record)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td w="30%">
                    <Text fz="sm" c="dimmed" truncate>
                      {resource === 'contacts' ? (record as Contact).email ?? '—' : (record as Company).domain ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {resource === 'contacts' ? <CompanyLink id={(record as Contact).companyId} /> : <Text fz="sm">{(record as Company).industry ?? '—'}</Text>}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text fz="xs" c="dimmed">
                      Created {formatDate(record.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
      {merging && <MergeDialog resource={resource} records={merging} onClose={() => setMerging(null)} />}
    </Stack>
  );
}

interface MergeDialogProps<R extends RecordResource> {
  resource: R;
  records: RecordOf<R>[];
  onClose: () => void;
}

/** Choose the surviving record and, field by field, whose value it keeps. */
export function MergeDialog<R extends RecordResource>({ resource, records, onClose }: MergeDialogProps<R>) {
  // The oldest record usually carries the longest history: it survives unless the person says otherwise.
  const sorted = [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const [primaryId, setPrimaryId] = useState(sorted[0]!.id);
  const [duplicateId, setDuplicateId] = useState(sorted[1]!.id);
  const [keep, setKeep] = useState<Record<string, 'primary' | 'duplicate'>>({});
  const merge = useMergeRecords(resource);

  const primary = records.find((r) => r.id === primaryId)!;
  const duplicate = records.find((r) => r.id === duplicateId)!;
  const values = (record: RecordOf<R>) => record as unknown as Record<string, unknown>;
  const differing = MERGE_FIELDS[resource].filter(
    (field) => JSON.stringify(values(primary)[field] ?? null) !== JSON.stringify(values(duplicate)[field] ?? null),
  );
  const side = (field: string): 'primary' | 'duplicate' =>
    keep[field] ?? (isEmpty(values(primary)[field]) ? 'duplicate' : 'primary');
  // Two duplicates usually share a name: the email or domain tells them apart.
  const options = records.map((record) => {
    const detail = resource === 'contacts' ? (record as Contact).email : (record as Company).domain;
    return { value: record.id, label: [recordName(resource, record), detail, `created ${formatDate(record.createdAt)}`].filter(Boolean).join(' · ') };
  });

  const choosePrimary = (id: string) => {
    setPrimaryId(id);
    if (id === duplicateId) setDuplicateId(records.find((r) => r.id !== id)!.id);
    setKeep({});
  };

  const submit = () => {
    const chosen: Record<string, 'primary' | 'duplicate'> = {};
    for (const field of differing) chosen[field] = side(field);
    merge.mutate(
      { primaryId, duplicateId, keep: chosen },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Merged into ${recordName(resource, primary)}.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Merge ${resource === 'contacts' ? 'contacts' : 'companies'}`} size="xl">
      <Stack gap="sm">
        {merge.error && (
          <Alert color="red" role="alert">
            {errorMessage(merge.error)}
          </Alert>
        )}
        <Stack gap="xs">
          <Select
            label="Record to keep"
            description="It keeps its id; the other's history moves onto it."
            data={options}
            value={primaryId}
            allowDeselect={false}
            onChange={(id) => id && choosePrimary(id)}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Record to merge into it"
            description="It disappears; its links open the kept record."
            data={options.filter((option) => option.value !== primaryId)}
            value={duplicateId}
            allowDeselect={false}
            onChange={(id) => id && (setDuplicateId(id), setKeep({}))}
            comboboxProps={{ withinPortal: true }}
          />
        </Stack>
        {differing.length === 0 ? (
          <Text fz="sm" c="dimmed">
            The two records hold the same values; merging only moves the history.
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table fz="sm" verticalSpacing={6} aria-label="Values to keep">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>Field</Table.Th>
                  <Table.Th>Kept record</Table.Th>
                  <Table.Th>Merged record</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {differing.map((field) => (
                  <Table.Tr key={field}>
                    <Table.Td>
                      <Text fz="sm" fw={500}>
                        {fieldLabel(field)}
                      </Text>
                    </Table.Td>
                    {(['primary', 'duplicate'] as const).map((which) => (
                      <Table.Td key={which}>
                        <Radio
                          size="xs"
                          name={`keep-${field}`}
                          checked={side(field) === which}
                          onChange={() => setKeep({ ...keep, [field]: which })}
                          aria-label={`Keep the ${which === 'primary' ? 'kept' : 'merged'} record's ${fieldLabel(field).toLowerCase()}`}
                          label={<FieldValue field={field} value={values(which === 'primary' ? primary : duplicate)[field]} />}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        <Text fz="xs" c="dimmed">
          Tags are combined. Custom field values of the kept record win where both have one.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="orange" leftSection={<IconArrowsJoin size={16} />} loading={merge.isPending} onClick={submit}>
            Merge records
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
