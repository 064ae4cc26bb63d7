import { Anchor, Badge, Box, Group, Paper, Progress, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ResultsFrame, ResultStat } from '../components/ResultsFrame';
import { NUMBER } from '../components/table';
import { useSlotResults } from './api';

const share = (part: number, total: number) => (total ? (part / total) * 100 : 0);
const formatShare = (value: number) => `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;

/** How often each content (each segment rule, and the default) was shown. */
export function ResultsPanel({ slotId }: { slotId: string }) {
  const [days, setDays] = useState(30);
  const results = useSlotResults(slotId, days);
  return (
    <ResultsFrame
      intro="An impression is the slot filled on a page view. Rules are listed in their order; the default counts visitors in none of their segments and visitors Tandem does not know yet."
      days={days}
      onDaysChange={setDays}
      query={results}
    >
      {(data) => (
        <Paper withBorder radius="md" p="lg">
          <Box mb="md">
            <ResultStat label="Impressions" value={data.impressions.toLocaleString()} valueLabel="Total impressions" />
          </Box>
          <Table aria-label="Impressions by content" verticalSpacing={8} maw={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Content</Table.Th>
                <Table.Th style={NUMBER} w={130}>
                  Impressions
                </Table.Th>
                <Table.Th w={240}>Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.variants.map((variant, index) => {
                const part = share(variant.impressions, data.impressions);
                const isDefault = variant.variant === 'default';
                return (
                  <Table.Tr key={variant.variant}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Badge variant="light" color={isDefault ? 'gray' : 'indigo'} radius="sm" w={80} style={{ flexShrink: 0 }}>
                          {isDefault ? 'Default' : variant.current ? `Rule ${index + 1}` : 'Removed'}
                        </Badge>
                        {isDefault ? (
                          <Text fz="sm" c="dimmed">
                            Everyone else
                          </Text>
                        ) : variant.segmentDeleted ? (
                          <Text fz="sm" c="dimmed">
                            {variant.name}
                          </Text>
                        ) : (
                          <Anchor component={Link} to={`/segments/${variant.variant}`} fz="sm">
                            {variant.name}
                          </Anchor>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={NUMBER} fz="sm" fw={500}>
                      {variant.impressions.toLocaleString()}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Progress value={part} size="sm" w={130} color={isDefault ? 'gray' : 'indigo'} aria-hidden />
                        <Text fz="sm" fw={500}>
                          {data.impressions ? formatShare(part) : '—'}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {data.impressions === 0 && (
            <Text fz="sm" c="dimmed" mt="sm">
              No impressions in this period. Once the snippet is on a page with the tracker, each page view counts here.
            </Text>
          )}
        </Paper>
      )}
    </ResultsFrame>
  );
}
