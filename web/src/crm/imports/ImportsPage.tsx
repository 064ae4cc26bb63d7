import { Anchor, Badge, Box, Button, EmptyState, Paper, Table, Text } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatTimestamp } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { NUMBER } from '../../components/table';
import type { ImportRun } from '../types';
import { useImportHistory } from './api';
import { OBJECT_LABELS } from './fields';

const STATUS: Record<ImportRun['status'], { label: string; color: string }> = {
  uploaded: { label: 'Not started', color: 'gray' },
  queued: { label: 'Queued', color: 'blue' },
  running: { label: 'Running', color: 'indigo' },
  done: { label: 'Done', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

export function ImportsPage() {
  const history = useImportHistory();
  return (
    <Box p="xl">
      <PageHeader
        title="Imports"
        description="CSV imports of this workspace: what each one created, updated, skipped and rejected."
        actions={
          <Button component={Link} to="/imports/new" leftSection={<IconUpload size={16} />}>
            New import
          </Button>
        }
      />
      {history.isPending ? (
        <LoadingBlock />
      ) : history.isError ? (
        <ErrorBlock error={history.error} />
      ) : history.data.length === 0 ? (
        <Paper withBorder radius="lg" py={56} px="xl">
          <EmptyState
            icon={<IconFileImport size={28} stroke={1.6} />}
            variant="light"
            title="No imports yet"
            description="Import contacts or companies from a CSV file; each import is listed here with its result."
            maw={460}
            mx="auto"
          />
        </Paper>
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Imports" miw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Object</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th style={NUMBER}>Rows</Table.Th>
                <Table.Th style={NUMBER}>Created</Table.Th>
                <Table.Th style={NUMBER}>Updated</Table.Th>
                <Table.Th style={NUMBER}>Skipped</Table.Th>
                <Table.Th style={NUMBER}>Rejected</Table.Th>
                <Table.Th>Uploaded</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td maw={280}>
                    <Anchor component={Link} to={`/imports/${run.id}`} fz="sm" fw={500} lineClamp={1}>
                      {run.fileName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td fz="sm" tt="capitalize">
                    {(OBJECT_LABELS[run.objectType] ?? OBJECT_LABELS.contact).many}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={STATUS[run.status]?.color ?? 'gray'}>
                      {STATUS[run.status]?.label ?? run.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={NUMBER} fz="sm">{run.rowsProcessed.toLocaleString()}</Table.Td>
                  <Table.Td style={NUMBER} fz="sm">{run.rowsCreated.toLocaleString()}</Table.Td>
                  <Table.Td style={NUMBER} fz="sm">{run.rowsUpdated.toLocaleString()}</Table.Td>
                  <Table.Td style={NUMBER} fz="sm">{run.rowsSkipped.toLocaleString()}</Table.Td>
                  <Table.Td style={NUMBER} fz="sm">
                    <Text span fz="sm" c={run.rowsRejected ? 'red.7' : undefined} fw={run.rowsRejected ? 600 : undefined}>
                      {run.rowsRejected.toLocaleString()}
                    </Text>
                  </Table.Td>
                  <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatTimestamp(run.createdAt)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Box>
  );
}
