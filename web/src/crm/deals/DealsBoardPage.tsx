import { Box, Button, CloseButton, EmptyState, Group, Paper, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { IconLayoutKanban, IconList, IconPlus, IconSearch, IconTargetArrow } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentMe, useMembers } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { dealKeys, useBoardDeals, usePipelines } from './api';
import { DealBoard } from './DealBoard';
import { DealsTable } from './DealsTable';
import { formatSums, sumByCurrency } from './format';
import { useMemberMap } from './OwnerAvatar';
import { NewDealModal } from './NewDealModal';

const ALL_OWNERS = 'all';

export function DealsBoardPage() {
  const me = useCurrentMe();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const members = useMembers();
  const memberMap = useMemberMap();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState<{ stageId: string | null } | null>(null);

  const pipeline = pipelines.data?.find((p) => p.id === params.get('pipeline')) ?? pipelines.data?.[0];
  const ownerParam = params.get('owner');
  const ownerId = ownerParam === 'me' ? me.user.id : ownerParam;
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const deals = useBoardDeals(pipeline?.id ?? null, ownerId);
  const boardKey = dealKeys.board(pipeline?.id ?? '', ownerId);

  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  const visible = useMemo(() => {
    const all = deals.data?.deals ?? [];
    const needle = search.trim().toLowerCase();
    return needle ? all.filter((deal) => deal.name.toLowerCase().includes(needle)) : all;
  }, [deals.data, search]);
  const companyNames = useMemo(
    () => new Map(visible.flatMap((deal) => (deal.companyId && deal.companyName ? [[deal.companyId, deal.companyName] as const] : []))),
    [visible],
  );

  const open = visible.filter((deal) => deal.status === 'open');
  const stageProbability = new Map(pipeline?.stages.map((stage) => [stage.id, stage.probability / 100]) ?? []);
  const weighted = new Map<string, number>();
  for (const deal of open) {
    if (deal.amount === null) continue;
    weighted.set(deal.currency, (weighted.get(deal.currency) ?? 0) + deal.amount * (stageProbability.get(deal.stageId) ?? 0));
  }

  const ownerOptions = [
    { value: ALL_OWNERS, label: 'All owners' },
    { value: 'me', label: 'My deals' },
    ...(members.data ?? []).filter((m) => m.userId !== me.user.id).map((m) => ({ value: m.userId, label: m.name })),
  ];

  return (
    <Box p="lg" pb="sm" h="calc(100vh - 60px)" style={{ display: 'flex', flexDirection: 'column' }}>
      <PageHeader
        title="Deals"
        description="Your pipeline from first conversation to closed: drag a deal to the stage it has reached."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating({ stageId: null })} disabled={!pipeline}>
            New deal
          </Button>
        }
      />
      <Group justify="space-between" mb="sm" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          {(pipelines.data?.length ?? 0) > 1 && (
            <Select
              aria-label="Pipeline"
              size="sm"
              w={210}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={pipeline?.id ?? null}
              allowDeselect={false}
              onChange={(value) => setParam('pipeline', value)}
            />
          )}
          <Select
            aria-label="Owner"
            size="sm"
            w={190}
            data={ownerOptions}
            value={ownerParam ?? ALL_OWNERS}
            allowDeselect={false}
            searchable={ownerOptions.length > 8}
            onChange={(value) => setParam('owner', value === ALL_OWNERS ? null : value)}
          />
          <TextInput
            aria-label="Search deals"
            placeholder="Search deals"
            size="sm"
            w={220}
            leftSection={<IconSearch size={15} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            rightSection={search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : undefined}
          />
        </Group>
        <Group gap="md" wrap="nowrap">
          {deals.data && (
            <Text fz="sm" c="dimmed" data-testid="pipeline-summary">
              <Text span fw={600} c="dark.6">
                {open.length}
              </Text>{' '}
              open · {formatSums(sumByCurrency(open))} ·{' '}
              <Text span fw={600} c="dark.6">
                {formatSums(weighted)}
              </Text>{' '}
              weighted
            </Text>
          )}
          <SegmentedControl
            aria-label="View"
            size="xs"
            value={view}
            onChange={(value) => setParam('view', value === 'list' ? 'list' : null)}
            data={[
              { value: 'board', label: <ViewLabel icon={<IconLayoutKanban size={15} />} text="Board" /> },
              { value: 'list', label: <ViewLabel icon={<IconList size={15} />} text="List" /> },
            ]}
          />
        </Group>
      </Group>

      {pipelines.isPending || (pipeline && deals.isPending) ? (
        <LoadingBlock />
      ) : pipelines.isError ? (
        <ErrorBlock error={pipelines.error} />
      ) : deals.isError ? (
        <ErrorBlock error={deals.error} />
      ) : !pipeline ? (
        <Paper withBorder radius="lg" py={56} px="xl">
          <EmptyState
            icon={<IconTargetArrow size={28} stroke={1.6} />}
            variant="light"
            title="No pipeline yet"
            description="An admin can create a pipeline with its stages through the API (POST /api/v1/pipelines)."
            maw={460}
            mx="auto"
          />
        </Paper>
      ) : (
        <>
          {deals.data?.truncated && (
            <Text fz="xs" c="orange.8" mb="xs">
              This pipeline holds more deals than a board can show; filter by owner to see the rest.
            </Text>
          )}
          {view === 'board' ? (
            <DealBoard
              pipeline={pipeline}
              deals={visible}
              boardKey={boardKey}
              companyNames={companyNames}
              members={memberMap}
              onAddDeal={(stageId) => setCreating({ stageId })}
            />
          ) : (
            <DealsTable pipeline={pipeline} deals={visible} companyNames={companyNames} members={memberMap} />
          )}
        </>
      )}
      {pipeline && (
        <NewDealModal opened={creating !== null} onClose={() => setCreating(null)} pipeline={pipeline} initialStageId={creating?.stageId} />
      )}
    </Box>
  );
}

function ViewLabel({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {icon}
      <span>{text}</span>
    </Group>
  );
}
