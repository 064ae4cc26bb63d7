import { Alert, Box, Button, EmptyState, Paper, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconInfoCircle, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useCurrentMe } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useSalesTeams } from '../api';
import { LeadsTabs } from '../LeadsTabs';
import { NewTeamModal } from './NewTeamModal';
import { TeamCard } from './TeamCard';

/** /leads/teams — who leads are routed to: teams, their lead, and each member's capacity and availability. */
export function TeamsPage() {
  const me = useCurrentMe();
  const isAdmin = me.workspace.role === 'admin';
  const teams = useSalesTeams();
  const [creating, createModal] = useDisclosure(false);

  return (
    <Box p="xl">
      <PageHeader
        title="Sales teams"
        description="Leads are routed to a team by the lead definition, then round-robin to its members who are not away and below their capacity of open leads."
        actions={
          isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              New team
            </Button>
          )
        }
      />
      <LeadsTabs current="teams" />
      {!isAdmin && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="lg">
          You need the admin role to create teams or change their members.
        </Alert>
      )}
      {teams.isPending ? (
        <LoadingBlock />
      ) : teams.isError ? (
        <ErrorBlock error={teams.error} />
      ) : teams.data.length === 0 ? (
        <Paper withBorder radius="lg" py={56} px="xl">
          <EmptyState
            icon={<IconUsersGroup size={28} stroke={1.6} />}
            variant="light"
            title="No sales teams yet"
            description="Make a team for each territory or segment sales covers, then name it in the lead definition's routing."
            maw={520}
            mx="auto"
          >
            {isAdmin && (
              <Box ta="center" mt="md">
                <Button size="xs" leftSection={<IconPlus size={14} />} onClick={createModal.open}>
                  New team
                </Button>
              </Box>
            )}
          </EmptyState>
        </Paper>
      ) : (
        <Stack gap="lg">
          {teams.data.map((team) => (
            <TeamCard key={team.id} team={team} editable={isAdmin} />
          ))}
        </Stack>
      )}
      {isAdmin && <NewTeamModal opened={creating} onClose={createModal.close} />}
    </Box>
  );
}
