import { Alert, Anchor, Badge, Box, Button, EmptyState, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCopy, IconFileCertificate, IconInfoCircle, IconPencil, IconPlus } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentMe } from '../../api/queries';
import { formatDate, formatRelative } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useDefinitions, useSalesTeams } from '../api';
import { DEFINITION_STATUS_COLORS, DEFINITION_STATUS_LABELS, formatScore, SIDE_LABELS } from '../format';
import { LeadsTabs } from '../LeadsTabs';
import type { LeadDefinition, SalesTeam } from '../types';
import { ApprovalPanel } from './ApprovalPanel';
import { BacktestPanel } from './BacktestPanel';
import { DefinitionDetails } from './DefinitionDetails';
import { VersionHistory } from './VersionHistory';

/** /leads/definition — the live version, the draft being signed, their backtest and every version before. */
export function DefinitionPage() {
  const me = useCurrentMe();
  const definitions = useDefinitions();
  const teams = useSalesTeams();
  const [params, setParams] = useSearchParams();
  const mayDraft = me.workspace.role !== 'viewer';

  const versions = definitions.data ?? [];
  const live = versions.find((version) => version.status === 'live');
  const selected =
    versions.find((version) => version.id === params.get('version')) ?? versions.find((version) => version.status === 'draft') ?? live ?? null;
  const select = (id: string) => setParams(new URLSearchParams({ version: id }), { replace: true });
  // The version opened by default stays open while it changes (a draft that goes live).
  const pinned = params.get('version');
  useEffect(() => {
    if (!pinned && selected) setParams(new URLSearchParams({ version: selected.id }), { replace: true });
  }, [pinned, selected, setParams]);

  const header = (
    <PageHeader
      title="Lead definition"
      description="When a contact becomes a marketing qualified lead, how fast sales answers, and who gets it. Marketing and sales both approve each version before it goes live."
      actions={
        mayDraft && (
          <Button component={Link} to="/leads/definition/new" leftSection={<IconPlus size={16} />}>
            New draft
          </Button>
        )
      }
    />
  );

  if (definitions.isPending || teams.isPending) {
    return (
      <Box p="xl">
        {header}
        <LeadsTabs current="definition" />
        <LoadingBlock />
      </Box>
    );
  }
  const failed = definitions.error ?? teams.error;
  if (failed) {
    return (
      <Box p="xl">
        {header}
        <LeadsTabs current="definition" />
        <ErrorBlock error={failed} />
      </Box>
    );
  }

  return (
    <Box p="xl">
      {header}
      <LeadsTabs current="definition" />
      {versions.length === 0 ? (
        <NoDefinitionYet mayDraft={mayDraft} />
      ) : (
        <Stack gap="xl">
          {!live ? (
            <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} title="No version is live yet">
              Contacts do not become MQLs until marketing and sales have both approved a version.
            </Alert>
          ) : (
            selected?.id !== live.id && <LiveStrip live={live} onView={() => select(live.id)} />
          )}
          {selected && (
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <SelectedVersion definition={selected} teams={teams.data!} mayDraft={mayDraft} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <BacktestPanel key={selected.id} definition={selected} />
              </Grid.Col>
            </Grid>
          )}
          <VersionHistory versions={versions} selectedId={selected?.id ?? null} onSelect={select} />
        </Stack>
      )}
    </Box>
  );
}

/** The live version in a line, when another version is open. */
function LiveStrip({ live, onView }: { live: LeadDefinition; onView: () => void }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" style={{ borderLeft: '4px solid var(--mantine-color-green-6)' }} aria-label="Live version">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Badge color="green" variant="light" radius="sm" tt="none">
            Live
          </Badge>
          <Text fz="sm">
            <b>Version {live.version}</b> since {formatDate(live.liveAt)} · fit ≥ {formatScore(live.criteria.fitMin)}, engagement ≥{' '}
            {formatScore(live.criteria.engagementMin)} · SLA {live.slaHours} h ·{' '}
            {live.approvals.map((approval) => `${approval.name} (${SIDE_LABELS[approval.side].toLowerCase()})`).join(', ')}
          </Text>
        </Group>
        <Anchor component="button" type="button" fz="sm" onClick={onView} style={{ flexShrink: 0 }}>
          View
        </Anchor>
      </Group>
    </Paper>
  );
}

function SelectedVersion({ definition, teams, mayDraft }: { definition: LeadDefinition; teams: SalesTeam[]; mayDraft: boolean }) {
  const when =
    definition.status === 'live'
      ? `Live since ${formatDate(definition.liveAt)}`
      : definition.status === 'retired'
        ? `Live ${formatDate(definition.liveAt)} – ${formatDate(definition.retiredAt)}`
        : `Drafted ${formatRelative(definition.createdAt)}`;
  return (
    <Stack gap="md" component="section" aria-label={`Version ${definition.version}`}>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="md" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Group gap="sm">
              <Title order={2} fz="lg">
                Version {definition.version}
              </Title>
              <Badge color={DEFINITION_STATUS_COLORS[definition.status]} variant="light" radius="sm" tt="none" data-testid="definition-status">
                {DEFINITION_STATUS_LABELS[definition.status]}
              </Badge>
            </Group>
            <Text fz="xs" c="dimmed">
              {when}
            </Text>
          </Stack>
          {mayDraft &&
            (definition.status === 'draft' ? (
              <Button component={Link} to={`/leads/definition/${definition.id}/edit`} variant="default" size="xs" leftSection={<IconPencil size={14} />}>
                Edit draft
              </Button>
            ) : (
              <Button component={Link} to={`/leads/definition/new?from=${definition.id}`} variant="default" size="xs" leftSection={<IconCopy size={14} />}>
                New draft from this version
              </Button>
            ))}
        </Group>
        <DefinitionDetails definition={definition} teams={teams} />
      </Paper>
      <ApprovalPanel definition={definition} />
    </Stack>
  );
}

function NoDefinitionYet({ mayDraft }: { mayDraft: boolean }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconFileCertificate size={28} stroke={1.6} />}
        variant="light"
        title="No lead definition yet"
        description="Draft when a contact is ready for sales: the least fit and engagement scores, conditions such as the sales territory, the SLA and the routing. It goes live once a marketer and a sales user approve it."
        maw={560}
        mx="auto"
      >
        {mayDraft && (
          <Group justify="center" mt="md">
            <Button component={Link} to="/leads/definition/new" size="xs" leftSection={<IconPlus size={14} />}>
              New draft
            </Button>
          </Group>
        )}
      </EmptyState>
    </Paper>
  );
}
