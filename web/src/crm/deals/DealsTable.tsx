import { Anchor, Badge, Group, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Member } from '../../api/types';
import type { Deal, Pipeline } from '../types';
import { daysSince, formatDay, formatMoney, isOverdueClose, STATUS_COLORS, STATUS_LABELS } from './format';
import { OwnerAvatar } from './OwnerAvatar';

interface DealsTableProps {
  pipeline: Pipeline;
  deals: readonly Deal[];
  companyNames: Map<string, string>;
  members: Map<string, Member>;
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;
/** Rendering thousands of rows helps nobody; filters narrow the list. */
const MAX_ROWS = 1000;

/** The board's deals as a list, in stage order, for scanning and comparing. */
export function DealsTable({ pipeline, deals, companyNames, members }: DealsTableProps) {
  const stages = new Map(pipeline.stages.map((stage) => [stage.id, stage]));
  const rows = [...deals]
    .sort((a, b) => (stages.get(a.stageId)?.position ?? 0) - (stages.get(b.stageId)?.position ?? 0) || b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, MAX_ROWS);

  return (
    <Paper withBorder radius="md" style={{ overflow: 'auto' }} flex={1} mih={0}>
      <Table stickyHeader verticalSpacing={6} horizontalSpacing="sm" highlightOnHover aria-label="Deals" miw={960} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Deal</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th ta="right">Weighted</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th style={NOWRAP}>Expected close</Table.Th>
            <Table.Th ta="right" style={NOWRAP}>
              In stage
            </Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((deal) => {
            const stage = stages.get(deal.stageId);
            const owner = deal.ownerId ? members.get(deal.ownerId) : undefined;
            const overdue = isOverdueClose(deal);
            return (
              <Table.Tr key={deal.id}>
                <Table.Td maw={320}>
                  <Anchor component={Link} to={`/deals/${deal.id}`} fz="sm" fw={500} lineClamp={1}>
                    {deal.name}
                  </Anchor>
                </Table.Td>
                <Table.Td maw={220}>
                  {deal.companyId ? (
                    <Anchor component={Link} to={`/companies/${deal.companyId}`} fz="sm" c="dark.6" lineClamp={1}>
                      {companyNames.get(deal.companyId) ?? '…'}
                    </Anchor>
                  ) : (
                    <Text fz="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={NOWRAP}>{stage?.name ?? '—'}</Table.Td>
                <Table.Td ta="right" style={NOWRAP}>
                  {formatMoney(deal.amount, deal.currency)}
                </Table.Td>
                <Table.Td ta="right" style={NOWRAP} c="dimmed">
                  {deal.amount === null ? '—' : formatMoney((deal.amount * (stage?.probability ?? 0)) / 100, deal.currency)}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <OwnerAvatar member={owner} size={22} />
                    <Text fz="sm" truncate>
                      {owner?.name ?? ''}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td style={NOWRAP} c={overdue ? 'red.7' : undefined}>
                  {formatDay(deal.expectedCloseDate)}
                </Table.Td>
                <Table.Td ta="right" style={NOWRAP}>
                  {daysSince(deal.stageEnteredAt)} d
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS_COLORS[deal.status]}>
                    {STATUS_LABELS[deal.status]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {deals.length > MAX_ROWS && (
        <Text fz="xs" c="dimmed" p="sm">
          Showing the first {MAX_ROWS} of {deals.length} deals. Filter by owner or search to narrow the list.
        </Text>
      )}
      {deals.length === 0 && (
        <Text fz="sm" c="dimmed" p="lg" ta="center">
          No deals match.
        </Text>
      )}
    </Paper>
  );
}
