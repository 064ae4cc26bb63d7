import { ActionIcon, Anchor, Group, Menu, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconBuilding, IconCalendarEvent, IconClock, IconDots } from '@tabler/icons-react';
import { memo, type DragEvent } from 'react';
import { Link } from 'react-router';
import type { Member } from '../../api/types';
import { formatDate } from '../../app/format';
import type { Deal, Stage } from '../types';
import { daysSince, formatDay, formatMoney, formatShortDay, isOverdueClose } from './format';
import { OwnerAvatar } from './OwnerAvatar';

/** The drag payload type, so a drop from elsewhere (a file, a link) is not taken for a deal. */
export const DEAL_DRAG_TYPE = 'application/x-tandem-deal';

interface DealCardProps {
  deal: Deal;
  companyName: string | undefined;
  owner: Member | undefined;
  stages: readonly Stage[];
  dragging: boolean;
  onDragStart: (deal: Deal) => void;
  onDragEnd: () => void;
  onMove: (deal: Deal, stage: Stage) => void;
}

export const DealCard = memo(function DealCard({ deal, companyName, owner, stages, dragging, onDragStart, onDragEnd, onMove }: DealCardProps) {
  const days = daysSince(deal.stageEnteredAt);
  const overdue = isOverdueClose(deal);

  const startDrag = (event: DragEvent<HTMLElement>) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DEAL_DRAG_TYPE, deal.id);
    event.dataTransfer.setData('text/plain', deal.name);
    onDragStart(deal);
  };

  return (
    <Paper
      component="article"
      aria-label={deal.name}
      data-testid="deal-card"
      data-deal-id={deal.id}
      withBorder
      radius="md"
      p="sm"
      shadow="xs"
      draggable
      onDragStart={startDrag}
      onDragEnd={onDragEnd}
      style={{ cursor: 'grab', opacity: dragging ? 0.45 : 1, userSelect: 'none' }}
    >
      <Stack gap={6}>
        <Group gap={4} wrap="nowrap" align="flex-start" justify="space-between">
          <Anchor
            component={Link}
            to={`/deals/${deal.id}`}
            draggable={false}
            fz="sm"
            fw={600}
            c="dark.7"
            lineClamp={2}
            style={{ wordBreak: 'break-word' }}
          >
            {deal.name}
          </Anchor>
          <Menu position="bottom-end" withinPortal shadow="md">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Move ${deal.name}`} mt={-2} mr={-4}>
                <IconDots size={15} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Move to stage</Menu.Label>
              {stages.map((stage) => (
                <Menu.Item key={stage.id} disabled={stage.id === deal.stageId} onClick={() => onMove(deal, stage)}>
                  {stage.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        {deal.companyId && (
          <Group gap={4} wrap="nowrap" c="dimmed">
            <IconBuilding size={13} stroke={1.6} style={{ flexShrink: 0 }} />
            <Text fz="xs" c="dimmed" truncate>
              {companyName ?? '…'}
            </Text>
          </Group>
        )}
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fz="sm" fw={600} c={deal.amount === null ? 'dimmed' : 'dark.6'}>
            {formatMoney(deal.amount, deal.currency)}
          </Text>
          <OwnerAvatar member={owner} size={22} />
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={6}>
          <Tooltip label={`${days === 1 ? '1 day' : `${days} days`} in this stage (since ${formatDate(deal.stageEnteredAt)})`} withArrow>
            <Group gap={3} wrap="nowrap" data-testid="days-in-stage">
              <IconClock size={13} stroke={1.6} color="var(--mantine-color-dimmed)" />
              <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {days} d
              </Text>
            </Group>
          </Tooltip>
          {deal.expectedCloseDate && (
            <Tooltip label={`Expected to close ${formatDay(deal.expectedCloseDate)}${overdue ? ', which has passed' : ''}`} withArrow>
              <Group gap={3} wrap="nowrap" miw={0}>
                <IconCalendarEvent size={13} stroke={1.6} color={overdue ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-dimmed)'} style={{ flexShrink: 0 }} />
                <Text fz="xs" c={overdue ? 'red.7' : 'dimmed'} fw={overdue ? 600 : undefined} truncate>
                  {formatShortDay(deal.expectedCloseDate)}
                </Text>
              </Group>
            </Tooltip>
          )}
        </Group>
      </Stack>
    </Paper>
  );
});
