import { ActionIcon, Badge, Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { errorMessage, fieldError } from '../../api/client';
import type { Member } from '../../api/types';
import type { Deal, Pipeline, Stage } from '../types';
import { useMoveDeal } from './api';
import { DEAL_DRAG_TYPE, DealCard } from './DealCard';
import { formatSums, sumByCurrency } from './format';
import { LostReasonModal } from './LostReasonModal';

interface DealBoardProps {
  pipeline: Pipeline;
  deals: readonly Deal[];
  /** The query key of the board's deals, for the optimistic move. */
  boardKey: readonly unknown[];
  companyNames: Map<string, string>;
  members: Map<string, Member>;
  onAddDeal: (stageId: string) => void;
}

const STAGE_COLORS: Record<Stage['kind'], string> = {
  open: 'var(--mantine-color-indigo-4)',
  won: 'var(--mantine-color-teal-5)',
  lost: 'var(--mantine-color-red-5)',
};

/** One column per stage; drag a card to another column to move the deal there. */
export function DealBoard({ pipeline, deals, boardKey, companyNames, members, onAddDeal }: DealBoardProps) {
  const move = useMoveDeal(boardKey);
  const mutateMove = move.mutate;
  const [dragging, setDragging] = useState<Deal | null>(null);
  const [overStageId, setOverStageId] = useState<string | null>(null);
  const [losing, setLosing] = useState<{ deal: Deal; stage: Stage } | null>(null);
  const [lostError, setLostError] = useState<string | undefined>();

  const byStage = useMemo(() => {
    const columns = new Map<string, Deal[]>(pipeline.stages.map((stage) => [stage.id, []]));
    for (const deal of deals) columns.get(deal.stageId)?.push(deal);
    // The deal moved last comes first, so a card that was just dropped is easy to find.
    for (const column of columns.values()) column.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return columns;
  }, [pipeline, deals]);

  const moveTo = useCallback(
    (deal: Deal, stage: Stage) => {
      if (stage.id === deal.stageId) return;
      if (stage.kind === 'lost') {
        setLostError(undefined);
        setLosing({ deal, stage });
        return;
      }
      mutateMove(
        { deal, stageId: stage.id, status: stage.kind },
        {
          onSuccess: () => {
            if (stage.kind === 'won') notifications.show({ color: 'teal', message: `“${deal.name}” is won.` });
          },
          onError: (error) =>
            notifications.show({ color: 'red', title: `Could not move “${deal.name}”`, message: `${errorMessage(error)} The deal is back where it was.` }),
        },
      );
    },
    [mutateMove],
  );

  const confirmLost = (reason: string) => {
    if (!losing) return;
    const { deal, stage } = losing;
    move.mutate(
      { deal, stageId: stage.id, status: 'lost', lostReason: reason },
      {
        onSuccess: () => {
          setLosing(null);
          notifications.show({ color: 'gray', message: `“${deal.name}” is closed as lost.` });
        },
        onError: (error) => {
          const reasonError = fieldError(error, 'lostReason');
          if (reasonError) {
            setLostError(reasonError);
            return;
          }
          setLosing(null);
          notifications.show({ color: 'red', title: `Could not move “${deal.name}”`, message: `${errorMessage(error)} The deal is back where it was.` });
        },
      },
    );
  };

  const endDrag = useCallback(() => {
    setDragging(null);
    setOverStageId(null);
  }, []);

  const dropOn = (stage: Stage) => (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    const id = event.dataTransfer.getData(DEAL_DRAG_TYPE);
    const deal = deals.find((d) => d.id === id);
    endDrag();
    if (deal) moveTo(deal, stage);
  };

  return (
    <>
      <Box flex={1} mih={0} style={{ overflowX: 'auto' }} pb="xs">
        <Group gap="sm" align="stretch" wrap="nowrap" h="100%">
          {pipeline.stages.map((stage) => {
            const columnDeals = byStage.get(stage.id) ?? [];
            const isOver = overStageId === stage.id && dragging !== null && dragging.stageId !== stage.id;
            const headingId = `stage-${stage.id}`;
            return (
              <Box
                key={stage.id}
                component="section"
                aria-labelledby={headingId}
                data-testid={`stage-${stage.name}`}
                data-stage-kind={stage.kind}
                flex="1 1 0"
                miw={184}
                maw={360}
                h="100%"
                style={{
                  display: 'flex',
                  flexDirection: 'column',
                  borderRadius: 'var(--mantine-radius-md)',
                  background: isOver ? 'var(--mantine-color-indigo-0)' : 'var(--mantine-color-gray-0)',
                  outline: isOver ? '2px dashed var(--mantine-color-indigo-4)' : '1px solid var(--mantine-color-gray-2)',
                  outlineOffset: isOver ? -2 : -1,
                  borderTop: `3px solid ${STAGE_COLORS[stage.kind]}`,
                  transition: 'background 120ms',
                }}
                onDragOver={(event: DragEvent<HTMLElement>) => {
                  if (!event.dataTransfer.types.includes(DEAL_DRAG_TYPE)) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                  if (overStageId !== stage.id) setOverStageId(stage.id);
                }}
                onDragLeave={(event: DragEvent<HTMLElement>) => {
                  if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOverStageId((id) => (id === stage.id ? null : id));
                }}
                onDrop={dropOn(stage)}
              >
                <ColumnHeader stage={stage} deals={columnDeals} headingId={headingId} onAdd={stage.kind === 'open' ? () => onAddDeal(stage.id) : undefined} />
                <Box flex={1} mih={0} px={8} pb={8} style={{ overflowY: 'auto', overflowX: 'hidden', scrollbarWidth: 'thin' }}>
                  <Stack gap={8} pt={2}>
                    {columnDeals.map((deal) => (
                      <DealCard
                        key={deal.id}
                        deal={deal}
                        companyName={deal.companyId ? companyNames.get(deal.companyId) : undefined}
                        owner={deal.ownerId ? members.get(deal.ownerId) : undefined}
                        stages={pipeline.stages}
                        dragging={dragging?.id === deal.id}
                        onDragStart={setDragging}
                        onDragEnd={endDrag}
                        onMove={moveTo}
                      />
                    ))}
                    {columnDeals.length === 0 && (
                      <Text fz="xs" c="dimmed" ta="center" py="lg" style={{ border: '1px dashed var(--mantine-color-gray-3)', borderRadius: 8 }}>
                        {dragging ? 'Drop here' : 'No deals'}
                      </Text>
                    )}
                  </Stack>
                </Box>
              </Box>
            );
          })}
        </Group>
      </Box>
      <LostReasonModal
        dealName={losing?.deal.name ?? null}
        stageName={losing?.stage.name ?? ''}
        loading={move.isPending}
        error={lostError}
        onCancel={() => setLosing(null)}
        onConfirm={confirmLost}
      />
    </>
  );
}

function ColumnHeader({ stage, deals, headingId, onAdd }: { stage: Stage; deals: readonly Deal[]; headingId: string; onAdd?: () => void }) {
  const total = sumByCurrency(deals);
  const weighted = sumByCurrency(deals, stage.probability / 100);
  return (
    <Box px={10} pt={8} pb={8}>
      <Group justify="space-between" wrap="nowrap" gap={4} h={22}>
        <Group gap={6} wrap="nowrap" miw={0}>
          <Text id={headingId} component="h2" fz="sm" fw={650} truncate m={0} title={stage.name}>
            {stage.name}
          </Text>
          <Badge size="sm" variant="light" color="gray" radius="sm" data-testid="stage-count" style={{ flexShrink: 0 }}>
            {deals.length}
          </Badge>
        </Group>
        {onAdd && (
          <Tooltip label={`New deal in ${stage.name}`} withArrow>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`New deal in ${stage.name}`} onClick={onAdd}>
              <IconPlus size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Group justify="space-between" wrap="nowrap" gap={4} mt={2}>
        <Text fz="xs" fw={600} c="dark.5" data-testid="stage-total" truncate>
          {formatSums(total)}
        </Text>
        <Tooltip label="Win probability of this stage" withArrow>
          <Text fz="xs" c="dimmed" fw={500}>
            {stage.probability}%
          </Text>
        </Tooltip>
      </Group>
      <Text fz="xs" c="dimmed" truncate data-testid="stage-weighted" h={18}>
        {stage.kind === 'open' ? `${formatSums(weighted)} weighted` : null}
      </Text>
    </Box>
  );
}
