import { Anchor, Badge, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useSlotResults } from './api';
import { DaysSelect } from '../components/DaysSelect';
import { NUMBER } from '../components/table';


const share = (part: number, total: number) => (total ? (part / total) * 100 : 0);
const formatShare = (value: number) => `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;

/** How often each content (each segment rule, and the default) was shown. */
export function ResultsPanel({ slotId }: { slotId: string }) {
  const [days, setDays] = useState(30);
  const results = useSlotResults(slotId, days);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fz="sm" c="dimmed" maw={640}>
          An impression is the slot filled on a page view. Rules are listed in their order; the default counts visitors in none of their segments and
          visitors Tandem does not know yet.
        </Text>
        <DaysSelect days={days} onChange={setDays} />
      </Group>
      {results.isPending ? (
        <LoadingBlock />
      ) : results.isError ? (
        <ErrorBlock error={results.error} />
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Stack gap={2} mb="md">
            <Text fz="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
              Impressions
            </Text>
            <Text fz={28} fw={700} lh={1.2} aria-label="Total impressions">
              {results.data.impressions.toLocaleString()}
            </Text>
          </Stack>
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
              {results.data.variants.map((variant, index) => {
                const part = share(variant.impressions, results.data.impressions);
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
                          {results.data.impressions ? formatShare(part) : '—'}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {results.data.impressions === 0 && (
            <Text fz="sm" c="dimmed" mt="sm">
              No impressions in this period. Once the snippet is on a page with the tracker, each page view counts here.
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
