import { Alert, Anchor, Badge, Box, Breadcrumbs, Grid, Group, Paper, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBuilding, IconCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, fieldError, isApiError } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { ActivityComposer, OwnerName, TaskList, Timeline } from '../shared';
import { DeleteMenu } from '../shared/RecordPage';
import type { DealDetail, Pipeline, Stage } from '../types';
import { useCompanies, useDeal, useDeleteDeal, usePipelines, useUpdateDeal } from './api';
import { DealDetails } from './DealDetails';
import { DealPeople } from './DealPeople';
import { daysSince, formatDay, formatMoney, STATUS_COLORS, STATUS_LABELS } from './format';
import { LostReasonModal } from './LostReasonModal';
import { StageHistory } from './StageHistory';

export function DealPage() {
  const { id = '' } = useParams();
  const deal = useDeal(id);
  const pipelines = usePipelines();
  const companies = useCompanies([deal.data?.companyId]);

  if (deal.isPending) return <LoadingBlock />;
  if (deal.isError) {
    return (
      <Box p="xl">
        <BackLink />
        {isApiError(deal.error, 404) ? (
          <Alert color="gray" icon={<IconAlertCircle size={18} />} title="Deal not found" mt="md">
            This deal does not exist any more, or it belongs to another workspace.
          </Alert>
        ) : (
          <ErrorBlock error={deal.error} />
        )}
      </Box>
    );
  }
  const data = deal.data;
  const pipeline = pipelines.data?.find((p) => p.id === data.pipelineId);
  const companyName = data.companyId ? companies.get(data.companyId)?.name : undefined;

  return (
    <Box p="xl" maw={1400}>
      <BackLink name={data.name} />
      <DealHeader deal={data} pipeline={pipeline} companyName={companyName} />
      <Grid gap="xl" mt="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xl">
            <DealDetails deal={data} pipeline={pipeline} companyName={companyName} />
            <DealPeople deal={data} />
            <StageHistory history={data.stageHistory} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xl">
            <section aria-labelledby="deal-tasks-heading">
              <Title order={2} fz="md" mb="xs" id="deal-tasks-heading">
                Tasks
              </Title>
              <TaskList dealId={data.id} />
            </section>
            <section aria-labelledby="deal-activity-heading">
              <Title order={2} fz="md" mb="xs" id="deal-activity-heading">
                Activity
              </Title>
              <Stack gap="md">
                <ActivityComposer dealId={data.id} companyId={data.companyId} />
                <Timeline url={`/api/v1/deals/${data.id}/timeline`} showContact />
              </Stack>
            </section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Box>
  );
}

function BackLink({ name }: { name?: string }) {
  return (
    <Breadcrumbs fz="sm" mb="xs">
      <Anchor component={Link} to="/deals" fz="sm">
        Deals
      </Anchor>
      {name && (
        <Text fz="sm" c="dimmed" truncate maw={480}>
          {name}
        </Text>
      )}
    </Breadcrumbs>
  );
}

function DealHeader({ deal, pipeline, companyName }: { deal: DealDetail; pipeline: Pipeline | undefined; companyName: string | undefined }) {
  const navigate = useNavigate();
  const update = useUpdateDeal();
  const remove = useDeleteDeal();
  const [losing, setLosing] = useState<Stage | null>(null);
  const [lostError, setLostError] = useState<string | undefined>();
  const [deleting, setDeleting] = useState(false);
  const stage = pipeline?.stages.find((s) => s.id === deal.stageId);

  const moveTo = (target: Stage) => {
    if (target.id === deal.stageId) return;
    if (target.kind === 'lost') {
      setLostError(undefined);
      setLosing(target);
      return;
    }
    update.mutate(
      { id: deal.id, patch: { stageId: target.id } },
      {
        onSuccess: () => notifications.show({ color: target.kind === 'won' ? 'teal' : 'green', message: target.kind === 'won' ? 'Deal won.' : `Moved to ${target.name}.` }),
        onError: (error) => notifications.show({ color: 'red', title: `Could not move the deal to ${target.name}`, message: errorMessage(error) }),
      },
    );
  };
  const confirmLost = (reason: string) => {
    if (!losing) return;
    update.mutate(
      { id: deal.id, patch: { stageId: losing.id, lostReason: reason } },
      {
        onSuccess: () => setLosing(null),
        onError: (error) => {
          const message = fieldError(error, 'lostReason');
          if (message) setLostError(message);
          else {
            setLosing(null);
            notifications.show({ color: 'red', title: 'Could not close the deal as lost', message: errorMessage(error) });
          }
        },
      },
    );
  };
  const confirmDelete = () =>
    remove.mutate(deal.id, {
      onSuccess: () => {
        notifications.show({ color: 'gray', message: `Deal “${deal.name}” deleted.` });
        void navigate('/deals', { replace: true });
      },
      onError: (error) => {
        setDeleting(false);
        notifications.show({ color: 'red', title: 'Could not delete the deal', message: errorMessage(error) });
      },
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6} miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
              {deal.name}
            </Title>
            <Badge size="lg" variant="light" color={STATUS_COLORS[deal.status]} data-testid="deal-status">
              {STATUS_LABELS[deal.status]}
            </Badge>
          </Group>
          <Group gap="lg" wrap="wrap">
            <Text fz={20} fw={650} c="dark.7" data-testid="deal-amount">
              {formatMoney(deal.amount, deal.currency)}
            </Text>
            <HeaderFact label="Stage">{stage?.name ?? '—'}</HeaderFact>
            <HeaderFact label="Owner">
              <OwnerName userId={deal.ownerId} />
            </HeaderFact>
            {deal.companyId && (
              <Group gap={4} wrap="nowrap">
                <IconBuilding size={15} stroke={1.6} color="var(--mantine-color-dimmed)" />
                <Anchor component={Link} to={`/companies/${deal.companyId}`} fz="sm">
                  {companyName ?? 'Company'}
                </Anchor>
              </Group>
            )}
            <HeaderFact label="Expected close">{formatDay(deal.expectedCloseDate)}</HeaderFact>
          </Group>
        </Stack>
        <DeleteMenu label="Deal actions" deleteLabel="Delete deal" onDelete={() => setDeleting(true)} iconSize={18} />
      </Group>

      {deal.status === 'lost' && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Lost" data-testid="lost-reason">
          {deal.lostReason ?? 'No reason was given.'}
        </Alert>
      )}

      {pipeline && <StagePath pipeline={pipeline} deal={deal} pending={update.isPending} onMove={moveTo} />}

      <LostReasonModal
        dealName={losing ? deal.name : null}
        stageName={losing?.name ?? ''}
        loading={update.isPending}
        error={lostError}
        onCancel={() => setLosing(null)}
        onConfirm={confirmLost}
      />
      <ConfirmDialog
        opened={deleting}
        title="Delete deal"
        confirmLabel="Delete deal"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(false)}
      >
        Delete “{deal.name}”? Its stage history goes with it; its notes, calls and tasks stay on the contacts and company.
      </ConfirmDialog>
    </Stack>
  );
}

function HeaderFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text fz="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" fz="sm" fw={500}>
        {children}
      </Text>
    </Group>
  );
}

const KIND_COLOR: Record<Stage['kind'], string> = { open: 'indigo', won: 'teal', lost: 'red' };

/** The pipeline's stages in a row, the deal's own highlighted; click one to move the deal there. */
function StagePath({ pipeline, deal, pending, onMove }: { pipeline: Pipeline; deal: DealDetail; pending: boolean; onMove: (stage: Stage) => void }) {
  const current = pipeline.stages.find((stage) => stage.id === deal.stageId);
  const reached = (stage: Stage) =>
    current !== undefined && stage.kind === 'open' && (current.kind === 'won' || stage.position <= current.position);
  return (
    <Paper withBorder radius="md" p={4} role="group" aria-label="Move to stage">
      <Group gap={4} wrap="nowrap" grow>
        {pipeline.stages.map((stage) => {
          const isCurrent = stage.id === deal.stageId;
          const color = KIND_COLOR[stage.kind];
          const filled = isCurrent || (deal.status !== 'lost' && reached(stage));
          return (
            <Tooltip
              key={stage.id}
              label={isCurrent ? `In ${stage.name} for ${daysSince(deal.stageEnteredAt)} d` : `Move to ${stage.name} (${stage.probability}%)`}
              withArrow
            >
              <UnstyledButton
                aria-label={`Move to ${stage.name}`}
                aria-current={isCurrent ? 'step' : undefined}
                disabled={pending || isCurrent}
                onClick={() => onMove(stage)}
                py={6}
                px="xs"
                style={{
                  borderRadius: 'var(--mantine-radius-sm)',
                  textAlign: 'center',
                  background: isCurrent
                    ? `var(--mantine-color-${color}-6)`
                    : filled
                      ? `var(--mantine-color-${color}-1)`
                      : 'var(--mantine-color-gray-0)',
                  color: isCurrent ? 'white' : filled ? `var(--mantine-color-${color}-9)` : 'var(--mantine-color-gray-7)',
                  cursor: isCurrent ? 'default' : 'pointer',
                  minWidth: 0,
                }}
              >
                <Group gap={4} justify="center" wrap="nowrap">
                  {filled && !isCurrent && <IconCheck size={13} />}
                  <Text fz="xs" fw={600} truncate>
                    {stage.name}
                  </Text>
                </Group>
              </UnstyledButton>
            </Tooltip>
          );
        })}
      </Group>
    </Paper>
  );
}
