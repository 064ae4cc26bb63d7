import { Badge, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import { formatDateTime, formatTimestamp } from '../../app/format';
import type { DealDetail } from '../types';
import { formatDuration } from './format';

/** Every stage the deal has been in, with how long it stayed: where deals get stuck. */
export function StageHistory({ history, now = Date.now() }: { history: DealDetail['stageHistory']; now?: number }) {
  const rows = [...history].sort((a, b) => a.enteredAt.localeCompare(b.enteredAt));
  return (
    <section aria-labelledby="stage-history-heading">
      <Title order={2} fz="md" mb="xs" id="stage-history-heading">
        Stage history
      </Title>
      <Paper withBorder radius="md">
        <Table verticalSpacing={6} horizontalSpacing="sm" aria-label="Stage history" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Entered</Table.Th>
              <Table.Th ta="right">Time in stage</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((entry) => {
              const current = entry.leftAt === null;
              const ms = (entry.leftAt ? new Date(entry.leftAt).getTime() : now) - new Date(entry.enteredAt).getTime();
              return (
                <Table.Tr key={`${entry.stageId}-${entry.enteredAt}`}>
                  <Table.Td>
                    <Text span fz="sm" fw={current ? 600 : 400}>
                      {entry.stageName}
                    </Text>
                    {current && (
                      <Badge ml={6} size="xs" variant="light">
                        Now
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={`${formatDateTime(entry.enteredAt)}${entry.movedBy ? ` by ${entry.movedBy}` : ''}`} withArrow>
                      <span>{formatTimestamp(entry.enteredAt)}</span>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="time-in-stage">
                    {formatDuration(ms)}
                    {current && (
                      <Text span fz="xs" c="dimmed">
                        {' '}
                        so far
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </section>
  );
}
