import { Anchor, Box, Button, EmptyState, Group, Paper, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconFileCertificate, IconInbox, IconUsersGroup } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useLeads, useSalesTeams, type LeadFilter } from './api';
import { LeadsTable } from './LeadsTable';
import { LeadsTabs } from './LeadsTabs';
import type { LeadStatus, SalesTeam } from './types';

type View = 'mine' | 'team' | 'all';

const STATUS_FILTERS: { value: string; label: string; statuses: LeadStatus[] }[] = [
  { value: 'open', label: 'Open (new and working)', statuses: ['new', 'working'] },
  { value: 'new', label: 'New, waiting for an answer', statuses: ['new'] },
  { value: 'working', label: 'Working', statuses: ['working'] },
  { value: 'recycled', label: 'Recycled', statuses: ['recycled'] },
  { value: 'disqualified', label: 'Disqualified', statuses: ['disqualified'] },
  { value: 'converted', label: 'Converted', statuses: ['converted'] },
  { value: 'all', label: 'Any status', statuses: [] },
];

/** The sales queue: my leads, my team's or everyone's, the most urgent first. */
export function LeadsPage() {
  const me = useCurrentMe();
  const [params, setParams] = useSearchParams();
  const view = (['mine', 'team', 'all'].includes(params.get('view') ?? '') ? params.get('view') : 'mine') as View;
  const statusFilter = STATUS_FILTERS.find((filter) => filter.value === params.get('status')) ?? STATUS_FILTERS[0]!;
  const teams = useSalesTeams();
  const myTeams = (teams.data ?? []).filter((team) => team.leadUserId === me.user.id || team.members.some((member) => member.userId === me.user.id));
  const teamId = params.get('team') ?? myTeams[0]?.id ?? teams.data?.[0]?.id ?? null;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const filter: LeadFilter = {
    owner: view === 'mine' ? 'me' : undefined,
    teamId: view === 'team' ? (teamId ?? undefined) : undefined,
    status: statusFilter.statuses,
  };
  const leads = useLeads(filter, view !== 'team' || teamId !== null);

  return (
    <Box p="xl">
      <PageHeader
        title="Leads"
        description="Contacts who met the lead definition, routed to sales. Accept or reject each one before its SLA runs out."
      />
      <LeadsTabs current="queue" />
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Tabs variant="pills" value={view} onChange={(value) => value && update({ view: value === 'mine' ? null : value })}>
          <Tabs.List aria-label="Whose leads">
            <Tabs.Tab value="mine">My leads</Tabs.Tab>
            <Tabs.Tab value="team">Team</Tabs.Tab>
            <Tabs.Tab value="all">All</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <Group gap="sm" wrap="nowrap">
          {view === 'team' && (teams.data?.length ?? 0) > 0 && (
            <Select
              aria-label="Team"
              size="sm"
              w={200}
              data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              value={teamId}
              onChange={(value) => value && update({ team: value })}
              allowDeselect={false}
            />
          )}
          <Select
            aria-label="Status"
            size="sm"
            w={230}
            data={STATUS_FILTERS.map(({ value, label }) => ({ value, label }))}
            value={statusFilter.value}
            onChange={(value) => value && update({ status: value === 'open' ? null : value })}
            allowDeselect={false}
          />
        </Group>
      </Group>
      {view === 'team' && teams.isSuccess && teams.data.length === 0 ? (
        <NoTeamsYet />
      ) : leads.isPending ? (
        <LoadingBlock />
      ) : leads.isError ? (
        <ErrorBlock error={leads.error} />
      ) : leads.data.length === 0 ? (
        <NoLeads view={view} team={teams.data?.find((team) => team.id === teamId)} open={statusFilter.value === 'open'} />
      ) : (
        <Stack gap={6}>
          <LeadsTable leads={leads.data} fetchedAt={leads.dataUpdatedAt} showOwner={view !== 'mine'} />
          <Text fz="xs" c="dimmed">
            {leads.data.length.toLocaleString()} {leads.data.length === 1 ? 'lead' : 'leads'} · unanswered leads first, the closest to their SLA on top
          </Text>
        </Stack>
      )}
    </Box>
  );
}

function NoLeads({ view, team, open }: { view: View; team: SalesTeam | undefined; open: boolean }) {
  const title = !open
    ? 'No leads with this status'
    : view === 'mine'
      ? 'No open leads for you'
      : view === 'team'
        ? `No open leads for ${team?.name ?? 'this team'}`
        : 'No open leads';
  const description = !open
    ? 'Choose another status to see more leads.'
    : 'When a contact meets the live lead definition, it is routed to a rep and shows here with its SLA countdown.';
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState icon={<IconInbox size={28} stroke={1.6} />} variant="light" title={title} description={description} maw={520} mx="auto">
        <Group justify="center" mt="md">
          <Button component={Link} to="/leads/definition" variant="default" size="xs" leftSection={<IconFileCertificate size={14} />}>
            See the lead definition
          </Button>
        </Group>
      </EmptyState>
    </Paper>
  );
}

function NoTeamsYet() {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconUsersGroup size={28} stroke={1.6} />}
        variant="light"
        title="No sales teams yet"
        description={
          <>
            Leads are routed to teams, and within a team round-robin to its members.{' '}
            <Anchor component={Link} to="/leads/teams" fz="sm">
              Set up a team
            </Anchor>
            .
          </>
        }
        maw={520}
        mx="auto"
      />
    </Paper>
  );
}
