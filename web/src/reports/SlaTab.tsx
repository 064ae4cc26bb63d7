import { Anchor, Box, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { type LeadsDrill, useSla } from './api';
import { useDrill } from './DrillDrawer';
import { describeRange, type PeriodQuery } from './period';
import { Figure, formatCount, formatHours, formatPercent, percentOf, ReportEmpty } from './ReportBits';
import classes from './reports.module.css';
import type { SlaCounts, SlaOutcome } from './types';

const OUTCOMES: { key: keyof SlaCounts & ('inTime' | 'late' | 'breachedOpen' | 'open'); outcome: SlaOutcome; label: string; color?: string; help: string }[] = [
  { key: 'inTime', outcome: 'in_time', label: 'In time', color: 'teal.8', help: 'Accepted, rejected or converted before the SLA ran out' },
  { key: 'late', outcome: 'late', label: 'Late', color: 'orange.8', help: 'Answered, but after the SLA ran out' },
  { key: 'breachedOpen', outcome: 'breached_open', label: 'Breached', color: 'red.8', help: 'The SLA ran out and nobody has answered yet' },
  { key: 'open', outcome: 'open', label: 'Open', help: 'Not answered yet, still within the SLA' },
];

const NOT_SELECTABLE = 'The report cannot list these leads on their own: they have no owner or team to select them by.';

function complianceColor(value: number): string {
  if (value >= 90) return 'teal';
  if (value >= 70) return 'yellow';
  return 'red';
}

/** How fast sales answers the leads it gets: compliance with the SLA, by team and by rep. */
export function SlaTab({ period }: { period: PeriodQuery | null }) {
  const sla = useSla(period);
  const drill = useDrill();
  if (sla.isPending) return period ? <LoadingBlock /> : null;
  if (sla.isError) return <ErrorBlock error={sla.error} />;

  const report = sla.data;
  const range = describeRange(report.from, report.to);
  const totals = report.byTeam.reduce(
    (sum, team) => ({ assigned: sum.assigned + team.assigned, inTime: sum.inTime + team.inTime, late: sum.late + team.late, breachedOpen: sum.breachedOpen + team.breachedOpen, open: sum.open + team.open }),
    { assigned: 0, inTime: 0, late: 0, breachedOpen: 0, open: 0 },
  );

  if (totals.assigned === 0) {
    return (
      <ReportEmpty
        icon={<IconClockHour4 size={28} stroke={1.6} />}
        title="No leads were assigned to sales in this period"
        action={
          <Group justify="center" mt="md">
            <Anchor component={Link} to="/leads/definition" fz="sm">
              See the lead definition
            </Anchor>
          </Group>
        }
      >
        Once a live lead definition routes marketing qualified leads to a sales team, each lead has an SLA: the hours the rep has to
        accept, reject or convert it. This report shows, for the leads assigned {range}, how many were answered in time, late, or not yet.
      </ReportEmpty>
    );
  }

  const due = totals.inTime + totals.late + totals.breachedOpen;
  const compliance = percentOf(totals.inTime, due);
  const open = (who: string, scope: LeadsDrill, outcome?: (typeof OUTCOMES)[number]) =>
    drill({
      kind: 'leads',
      title: outcome ? `${who}: ${outcome.label.toLowerCase()}` : `${who}: leads assigned`,
      subtitle: `${outcome ? `${outcome.help}. ` : ''}Leads assigned ${range}`,
      drill: { ...scope, outcome: outcome?.outcome },
    });

  return (
    <Stack gap="lg" style={{ opacity: sla.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms ease' }}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Stat label="SLA compliance" value={formatPercent(compliance)} hint={`${formatCount(totals.inTime)} of ${formatCount(due)} due answered in time`}>
          {compliance !== null && <Progress value={compliance} color={complianceColor(compliance)} size="sm" radius="xl" mt={8} aria-label="Overall compliance" />}
        </Stat>
        <Stat label="Leads assigned" value={formatCount(totals.assigned)} hint={`${formatCount(totals.open)} open, within the SLA`} />
        <Stat label="Answered late" value={formatCount(totals.late)} hint="After the SLA ran out" tone={totals.late > 0 ? 'orange.8' : undefined} />
        <Stat label="Breached, unanswered" value={formatCount(totals.breachedOpen)} hint="Waiting past the SLA" tone={totals.breachedOpen > 0 ? 'red.8' : undefined} />
      </SimpleGrid>

      <Paper withBorder radius="lg" p="lg">
        <Title order={2} fz="lg">
          By team
        </Title>
        <Text fz="sm" c="dimmed" mb="md">
          Leads assigned {range}. Compliance is the share answered in time of those whose SLA has run out or that were answered.
        </Text>
        <Box style={{ overflowX: 'auto' }}>
          <Table aria-label="SLA by team" verticalSpacing={10} horizontalSpacing="md" miw={820}>
            <CountsHead first="Team" />
            <Table.Tbody>
              {report.byTeam.map((team) => (
                <Table.Tr key={team.teamId ?? 'none'}>
                  <Table.Th scope="row" fw={600} fz="sm">
                    {team.teamName}
                  </Table.Th>
                  <CountsCells row={team} who={team.teamName} disabled={team.teamId === null} open={(outcome) => open(team.teamName, { teamId: team.teamId ?? undefined }, outcome)} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      </Paper>

      <Paper withBorder radius="lg" p="lg">
        <Title order={2} fz="lg">
          By rep
        </Title>
        <Text fz="sm" c="dimmed" mb="md">
          Each rep’s leads in each team, with the median time from assignment to their answer.
        </Text>
        <Box style={{ overflowX: 'auto' }}>
          <Table aria-label="SLA by rep" verticalSpacing={10} horizontalSpacing="md" miw={960}>
            <CountsHead first="Rep" extra="Median answer time" team />
            <Table.Tbody>
              {report.byOwner.map((row) => (
                <Table.Tr key={`${row.ownerId ?? 'none'}-${row.teamId ?? 'none'}`}>
                  <Table.Th scope="row" fw={600} fz="sm">
                    {row.ownerName}
                  </Table.Th>
                  <Table.Td fz="sm" c={row.teamName ? undefined : 'dimmed'}>
                    {row.teamName ?? 'No team'}
                  </Table.Td>
                  <CountsCells
                    row={row}
                    who={row.ownerName}
                    disabled={row.ownerId === null}
                    open={(outcome) => open(row.ownerName, { ownerId: row.ownerId ?? undefined, teamId: row.teamId ?? undefined }, outcome)}
                  />
                  <Table.Td ta="right" fz="sm" className={classes.numeric}>
                    {formatHours(row.medianHoursToAnswer)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      </Paper>
    </Stack>
  );
}

function Stat({ label, value, hint, tone, children }: { label: string; value: string; hint: string; tone?: string; children?: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="md" role="group" aria-label={label}>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3} c={tone} className={classes.numeric}>
        {value}
      </Text>
      <Text fz="xs" c="dimmed">
        {hint}
      </Text>
      {children}
    </Paper>
  );
}

function CountsHead({ first, extra, team = false }: { first: string; extra?: string; team?: boolean }) {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{first}</Table.Th>
        {team && <Table.Th>Team</Table.Th>}
        <Table.Th ta="right">Assigned</Table.Th>
        <Table.Th w={200}>Compliance</Table.Th>
        {OUTCOMES.map((outcome) => (
          <Table.Th key={outcome.key} ta="right" style={{ whiteSpace: 'nowrap' }}>
            <Tooltip label={outcome.help} withArrow>
              <span style={{ cursor: 'help', borderBottom: '1px dotted var(--mantine-color-gray-5)' }}>{outcome.label}</span>
            </Tooltip>
          </Table.Th>
        ))}
        {extra && (
          <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
            {extra}
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

function CountsCells({ row, who, disabled, open }: { row: SlaCounts; who: string; disabled: boolean; open: (outcome?: (typeof OUTCOMES)[number]) => void }) {
  return (
    <>
      <Table.Td ta="right">
        <Figure value={row.assigned} fw={600} label={`${who}: ${formatCount(row.assigned)} assigned`} disabled={disabled} disabledReason={NOT_SELECTABLE} onOpen={() => open()} />
      </Table.Td>
      <Table.Td>
        {row.compliance === null ? (
          <Text fz="sm" c="dimmed" title="No lead was due yet">
            —
          </Text>
        ) : (
          <Group gap="sm" wrap="nowrap">
            <Progress value={row.compliance} color={complianceColor(row.compliance)} size="md" radius="xl" style={{ flex: 1 }} aria-label={`Compliance of ${who}`} />
            <Text fz="sm" fw={600} w={52} ta="right" className={classes.numeric}>
              {formatPercent(row.compliance)}
            </Text>
          </Group>
        )}
      </Table.Td>
      {OUTCOMES.map((outcome) => (
        <Table.Td key={outcome.key} ta="right">
          <Figure
            value={row[outcome.key]}
            c={outcome.color}
            label={`${who}: ${formatCount(row[outcome.key])} ${outcome.label.toLowerCase()}`}
            disabled={disabled}
            disabledReason={NOT_SELECTABLE}
            onOpen={() => open(outcome)}
          />
        </Table.Td>
      ))}
    </>
  );
}
