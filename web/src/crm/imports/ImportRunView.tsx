import { Alert, Anchor, Button, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useCustomFields } from '../shared';
import type { CustomField, ImportRejection, ImportRun } from '../types';
import { isFinished, rejectionsCsvUrl, useImportRun, useRejections } from './api';
import { fieldLabel, OBJECT_LABELS } from './fields';

interface ImportRunViewProps {
  id: string;
  /** Rows counted in the file by the browser, when it still has the file. */
  expectedRows?: number | null;
  onImportAnother?: () => void;
}

/** An import's progress while it runs (asked every second), then its result and rejected rows. */
export function ImportRunView({ id, expectedRows = null, onImportAnother }: ImportRunViewProps) {
  const run = useImportRun(id);
  if (run.isPending) return <LoadingBlock />;
  if (run.isError) return <ErrorBlock error={run.error} />;
  const data = run.data;
  const finished = isFinished(data);
  const labels = OBJECT_LABELS[data.objectType] ?? OBJECT_LABELS.contact;

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Title order={2} fz="lg">
                {data.status === 'done'
                  ? 'Import finished'
                  : data.status === 'failed'
                    ? 'Import failed'
                    : data.status === 'uploaded'
                      ? 'Not started'
                      : `Importing ${labels.many}…`}
              </Title>
              <Text fz="sm" c="dimmed" mt={2}>
                {data.fileName} · {labels.many}
                {data.startedAt && ` · started ${formatDateTime(data.startedAt)}`}
                {data.finishedAt && ` · finished ${formatDateTime(data.finishedAt)}`}
              </Text>
            </div>
            {!finished && data.status !== 'uploaded' && <Loader size="sm" aria-label="Importing" />}
            {data.status === 'done' && <IconCircleCheck size={28} color="var(--mantine-color-teal-6)" aria-hidden />}
          </Group>
          <ProgressBar run={data} expectedRows={expectedRows} />
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Counter label="Created" value={data.rowsCreated} color="teal" />
            <Counter label="Updated" value={data.rowsUpdated} color="indigo" />
            <Counter label="Skipped" value={data.rowsSkipped} color="gray" />
            <Counter label="Rejected" value={data.rowsRejected} color={data.rowsRejected ? 'red' : 'gray'} />
          </SimpleGrid>
          {data.status === 'done' && (
            <Text fz="sm" fw={500} data-testid="import-summary" role="status">
              {summary(data)}
            </Text>
          )}
          {data.status === 'failed' && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The import stopped" role="alert">
              {data.error ?? 'An unknown error stopped the import.'} Rows written before it stopped are kept.
            </Alert>
          )}
          {data.status === 'uploaded' && (
            <Alert color="gray" variant="light">
              This file was uploaded but its columns were never mapped. Upload it again to import it.
            </Alert>
          )}
        </Stack>
      </Paper>

      {finished && data.rowsRejected > 0 && <Rejections run={data} />}

      {finished && (
        <Group>
          <Button component={Link} to={data.objectType === 'company' ? '/companies' : '/contacts'} variant="default">
            View {labels.many}
          </Button>
          {onImportAnother ? (
            <Button variant="default" onClick={onImportAnother}>
              Import another file
            </Button>
          ) : (
            <Button component={Link} to="/imports/new" variant="default">
              New import
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

function summary(run: ImportRun): string {
  const parts = [`${run.rowsCreated.toLocaleString()} created`];
  if (run.rowsUpdated) parts.push(`${run.rowsUpdated.toLocaleString()} updated`);
  if (run.rowsSkipped) parts.push(`${run.rowsSkipped.toLocaleString()} skipped`);
  parts.push(`${run.rowsRejected.toLocaleString()} rejected`);
  return `${parts.join(', ')} (${run.rowsProcessed.toLocaleString()} rows).`;
}

function ProgressBar({ run, expectedRows }: { run: ImportRun; expectedRows: number | null }) {
  const finished = isFinished(run);
  const total = expectedRows && expectedRows > 0 ? expectedRows : null;
  // The server reports how far into the file its committed batches reach; the row count
  // counted in the browser is only an estimate. Stop short of full until the server says done.
  const byBytes = run.bytes > 0 && run.bytesProcessed > 0 ? (run.bytesProcessed / run.bytes) * 100 : null;
  const known = byBytes ?? (total ? (run.rowsProcessed / total) * 100 : null);
  // Nothing known yet: a full, moving stripe says "working" without pretending a share.
  const share = finished ? 100 : known === null ? 100 : Math.min(99, known);
  const label = finished
    ? `${run.rowsProcessed.toLocaleString()} rows processed`
    : total
      ? `${run.rowsProcessed.toLocaleString()} of about ${total.toLocaleString()} rows processed`
      : run.status === 'queued'
        ? 'Waiting for a worker…'
        : `${run.rowsProcessed.toLocaleString()} rows processed`;
  return (
    <Stack gap={4}>
      <Progress
        value={share}
        size="lg"
        radius="xl"
        color={run.status === 'failed' ? 'red' : finished ? 'teal' : 'indigo'}
        striped={!finished && !total && byBytes === null}
        animated={!finished}
        aria-label="Import progress"
      />
      <Text fz="xs" c="dimmed" data-testid="import-progress">
        {label}
      </Text>
    </Stack>
  );
}

function Counter({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" bg={value ? `${color}.0` : undefined} data-testid={`count-${label.toLowerCase()}`}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={22} fw={650} c={value ? `${color}.8` : 'dimmed'} lh={1.2}>
        {value.toLocaleString()}
      </Text>
    </Paper>
  );
}

function Rejections({ run }: { run: ImportRun }) {
  const rejections = useRejections(run.id, true);
  const customFields = useCustomFields(run.objectType);
  const items = rejections.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="rejections-heading">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} fz="lg" id="rejections-heading">
            Rejected rows
          </Title>
          <Text fz="sm" c="dimmed">
            These rows were not imported. Fix them in your file and import it again; the rest is already in.
          </Text>
        </div>
        <Button
          component="a"
          href={rejectionsCsvUrl(run.id)}
          download={`rejected-rows-${run.fileName.replace(/\.csv$/i, '')}.csv`}
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          Download rejected rows (CSV)
        </Button>
      </Group>
      {rejections.isPending ? (
        <LoadingBlock />
      ) : rejections.isError ? (
        <ErrorBlock error={rejections.error} />
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing={6} horizontalSpacing="md" aria-label="Rejected rows" miw={760} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Line</Table.Th>
                <Table.Th w={160}>Field</Table.Th>
                <Table.Th w="34%">Reason</Table.Th>
                <Table.Th>Row</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <RejectionRow key={item.line} item={item} headers={run.headers} customFields={customFields.data ?? []} />
              ))}
            </Table.Tbody>
          </Table>
          {rejections.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="subtle" onClick={() => rejections.fetchNextPage()} loading={rejections.isFetchingNextPage}>
                Show more rejected rows
              </Button>
            </Group>
          )}
        </Paper>
      )}
      <Text fz="xs" c="dimmed" mt="xs">
        Line numbers count the header as line 1, as a spreadsheet does.{' '}
        <Anchor component={Link} to="/imports" fz="xs">
          All imports
        </Anchor>
      </Text>
    </section>
  );
}

function RejectionRow({ item, headers, customFields }: { item: ImportRejection; headers: string[]; customFields: CustomField[] }) {
  const values = item.raw ?? {};
  // In the file's own column order, whatever order the server kept them in.
  const keys = [...headers.filter((header) => header in values), ...Object.keys(values).filter((key) => !headers.includes(key))];
  const raw = keys
    .filter((key) => values[key] !== '' && values[key] !== null && values[key] !== undefined)
    .map((key) => `${key}: ${String(values[key])}`)
    .join(' · ');
  return (
    <Table.Tr>
      <Table.Td fw={600}>{item.line}</Table.Td>
      <Table.Td>
        {item.field ? (
          <Text fz="sm" fw={500} title={item.field}>
            {item.field === 'file' ? 'Whole row' : fieldLabel(item.field, customFields)}
          </Text>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td fz="sm">{item.reason}</Table.Td>
      <Table.Td>
        <Text fz="xs" c="dimmed" truncate title={raw}>
          {raw || '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
