import { Group, Paper, Progress, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { ResultsFrame, ResultStat } from '../components/ResultsFrame';
import { NUMBER } from '../components/table';
import { useConversion } from './api';
import { formatRate } from './format';
import type { Rate } from './types';

/** Views → submissions, overall, by page and by source. */
export function ResultsPanel({ formId }: { formId: string }) {
  const [days, setDays] = useState(30);
  const conversion = useConversion(formId, days);
  return (
    <ResultsFrame
      intro="A view is the form shown on a page; the rate is submissions per view."
      days={days}
      onDaysChange={setDays}
      query={conversion}
    >
      {(data) => (
        <>
          <Paper withBorder radius="md" p="lg" role="region" aria-label="Conversion">
            <Group gap="xl" wrap="nowrap" align="center">
              <ResultStat grow label="Views" value={data.views.toLocaleString()} />
              <IconArrowRight size={20} color="var(--mantine-color-gray-5)" />
              <ResultStat grow label="Submissions" value={data.submissions.toLocaleString()} />
              <IconArrowRight size={20} color="var(--mantine-color-gray-5)" />
              <ResultStat grow label="Conversion rate" value={formatRate(data.rate)} accent />
            </Group>
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Breakdown title="By page" label="Conversion by page" rows={data.byPage} empty="/ (no path)" mono />
            <Breakdown title="By source" label="Conversion by source" rows={data.bySource} empty="Direct" />
          </SimpleGrid>
        </>
      )}
    </ResultsFrame>
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
