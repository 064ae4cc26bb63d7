import { Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useConversion } from './api';
import { formatRate } from './format';
import type { Rate } from './types';
import { DaysSelect } from '../components/DaysSelect';
import { NUMBER } from '../components/table';


/** Views → submissions, overall, by page and by source. */
export function ResultsPanel({ formId }: { formId: string }) {
  const [days, setDays] = useState(30);
  const conversion = useConversion(formId, days);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          A view is the form shown on a page; the rate is submissions per view.
        </Text>
        <DaysSelect days={days} onChange={setDays} />
      </Group>
      {conversion.isPending ? (
        <LoadingBlock />
      ) : conversion.isError ? (
        <ErrorBlock error={conversion.error} />
      ) : (
        <>
          <Paper withBorder radius="md" p="lg" role="region" aria-label="Conversion">
            <Group gap="xl" wrap="nowrap" align="center">
              <Stat label="Views" value={conversion.data.views.toLocaleString()} />
              <IconArrowRight size={20} color="var(--mantine-color-gray-5)" />
              <Stat label="Submissions" value={conversion.data.submissions.toLocaleString()} />
              <IconArrowRight size={20} color="var(--mantine-color-gray-5)" />
              <Stat label="Conversion rate" value={formatRate(conversion.data.rate)} accent />
            </Group>
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Breakdown title="By page" label="Conversion by page" rows={conversion.data.byPage} empty="/ (no path)" mono />
            <Breakdown title="By source" label="Conversion by source" rows={conversion.data.bySource} empty="Direct" />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function Stat({ label, value, accent = false }: { label: string; value: string; accent?: boolean }) {
  return (
    <Stack gap={2} style={{ flex: 1 }}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={accent ? 'indigo.7' : undefined} lh={1.2}>
        {value}
      </Text>
    </Stack>
  );
}

function Breakdown({ title, label, rows, empty, mono = false }: { title: string; label: string; rows: Rate[]; empty: string; mono?: boolean }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} fz="sm" mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text fz="sm" c="dimmed">
          Nothing in this period.
        </Text>
      ) : (
        <Table aria-label={label} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{title.replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</Table.Th>
              <Table.Th style={NUMBER}>Views</Table.Th>
              <Table.Th style={NUMBER}>Submissions</Table.Th>
              <Table.Th w={150}>Rate</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td fz="sm" maw={220} style={{ overflowWrap: 'anywhere', fontFamily: mono && row.key ? 'var(--mantine-font-family-monospace)' : undefined }}>
                  {row.key || <Text span c="dimmed" fz="sm">{empty}</Text>}
                </Table.Td>
                <Table.Td style={NUMBER} fz="sm">
                  {row.views.toLocaleString()}
                </Table.Td>
                <Table.Td style={NUMBER} fz="sm">
                  {row.submissions.toLocaleString()}
                </Table.Td>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <Progress value={Math.min(row.rate ?? 0, 100)} size="sm" w={60} aria-hidden />
                    <Text fz="sm" fw={500}>
                      {formatRate(row.rate)}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
