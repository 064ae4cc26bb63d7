import { Box, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useFunnel, useLifecycleSettings } from './api';
import { useDrill } from './DrillDrawer';
import { FunnelChart } from './FunnelChart';
import { sourceLabel, type StageInfo, visibleStages } from './labels';
import { describeRange, type PeriodQuery } from './period';
import { Figure, formatCount, formatMonth, formatPercent, ReportEmpty } from './ReportBits';
import classes from './reports.module.css';
import type { FunnelGrouping, FunnelReport, FunnelStage } from './types';

const GROUPINGS: { value: FunnelGrouping; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'cohort', label: 'Cohort month' },
  { value: 'source', label: 'First-touch source' },
];

function groupLabel(groupBy: FunnelGrouping, key: string): string {
  if (groupBy === 'cohort') return formatMonth(key);
  if (groupBy === 'source') return sourceLabel(key);
  return 'All contacts';
}

interface Opener {
  (stage: StageInfo, converted?: boolean, group?: string): void;
}

/** The shared funnel: how many contacts reach each stage, convert to the next and how fast, in total and by group. */
export function FunnelTab({ period }: { period: PeriodQuery | null }) {
  const [params, setParams] = useSearchParams();
  const requested = params.get('groupBy') as FunnelGrouping | null;
  const groupBy: FunnelGrouping = requested && GROUPINGS.some((option) => option.value === requested) ? requested : 'none';
  const setGroupBy = (next: FunnelGrouping) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === 'none') updated.delete('groupBy');
        else updated.set('groupBy', next);
        return updated;
      },
      { replace: true },
    );
  const funnel = useFunnel(period, groupBy);
  const settings = useLifecycleSettings();
  const drill = useDrill();

  if (funnel.isPending || settings.isPending) return period ? <LoadingBlock /> : null;
  if (funnel.isError) return <ErrorBlock error={funnel.error} />;

  const report = funnel.data;
  const stages = visibleStages(settings.data);
  const range = describeRange(report.from, report.to);
  const entered = Math.max(0, ...report.total.map((row) => row.reached));

  const open: Opener = (stage, converted, group) => {
    const index = stages.findIndex((candidate) => candidate.key === stage.key);
    const next = stages[index + 1];
    const title =
      converted === undefined
        ? `Reached ${stage.label}`
        : converted
          ? `${stage.label} → ${next?.label ?? 'next stage'}`
          : `${stage.label}: did not go on to ${next?.label ?? 'the next stage'}`;
    const subtitle = `${group === undefined ? '' : `${groupLabel(report.groupBy, group)} · `}Contacts that entered the funnel ${range}`;
    drill({ kind: 'contacts', title, subtitle, drill: { stage: stage.key, groupBy: report.groupBy, group, converted } });
  };

  if (entered === 0) {
    return (
      <ReportEmpty icon={<IconFilter size={28} stroke={1.6} />} title="No contacts entered the funnel in this period">
        The funnel follows contacts through the lifecycle stages, from the day they are first added ({range}). Contacts come in from
        imports, forms and tracked sign-ups; the lead definition makes them marketing qualified, and sales accepting and converting
        leads moves them on. Pick a longer period, or add contacts.
      </ReportEmpty>
    );
  }

  return (
    <Stack gap="lg" style={{ opacity: funnel.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms ease' }}>
      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap">
          <div>
            <Title order={2} fz="lg">
              Lifecycle funnel
            </Title>
            <Text fz="sm" c="dimmed" maw={640}>
              {formatCount(entered)} {entered === 1 ? 'contact' : 'contacts'} entered the funnel {range}. A contact counts at every stage up to the furthest it reached,
              even one it skipped. Click a figure to see the contacts behind it.
            </Text>
          </div>
        </Group>
        <FunnelChart stages={stages} rows={report.total} onDrill={(stage, converted) => open(stage, converted)} />
      </Paper>

      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" align="center" mb="md" wrap="wrap" gap="sm">
          <div>
            <Title order={2} fz="lg">
              Conversion by group
            </Title>
            <Text fz="sm" c="dimmed">
              {groupBy === 'cohort'
                ? 'Contacts grouped by the month they entered the funnel.'
                : groupBy === 'source'
                  ? 'Contacts grouped by the channel of their first tracked web visit.'
                  : 'Compare the funnel of cohorts or first-touch sources.'}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            <Text fz="sm" fw={500} id="funnel-group-by">
              Group by
            </Text>
            <SegmentedControl aria-labelledby="funnel-group-by" size="xs" value={groupBy} onChange={(value) => setGroupBy(value as FunnelGrouping)} data={GROUPINGS} />
          </Group>
        </Group>
        {groupBy === 'none' ? (
          <Text fz="sm" c="dimmed" ta="center" py="lg">
            Choose <b>Cohort month</b> or <b>First-touch source</b> to see each group’s funnel side by side.
          </Text>
        ) : (
          <GroupsTable report={report} stages={stages} open={open} />
        )}
      </Paper>
    </Stack>
  );
}

function GroupsTable({ report, stages, open }: { report: FunnelReport; stages: StageInfo[]; open: Opener }) {
  const first = (group: { stages: FunnelStage[] }) => Math.max(0, ...group.stages.map((row) => row.reached));
  const groups = report.groupBy === 'source' ? [...report.groups].sort((a, b) => first(b) - first(a)) : report.groups;
  const heading = report.groupBy === 'cohort' ? 'Cohort' : 'First-touch source';
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table aria-label="Funnel by group" verticalSpacing={8} horizontalSpacing="sm" miw={180 + stages.length * 110} withRowBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180} style={{ verticalAlign: 'bottom' }}>
              {heading}
            </Table.Th>
            {stages.map((stage) => (
              <Table.Th key={stage.key} ta="right" fz="xs" style={{ verticalAlign: 'bottom' }}>
                {stage.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <GroupRow key={group.key} label={groupLabel(report.groupBy, group.key)} rows={group.stages} stages={stages} open={(stage, converted) => open(stage, converted, group.key)} />
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <GroupRow label="All contacts" total rows={report.total} stages={stages} open={(stage, converted) => open(stage, converted)} />
        </Table.Tfoot>
      </Table>
    </Box>
  );
}

function GroupRow({ label, rows, stages, open, total = false }: {
  label: string;
  rows: FunnelStage[];
  stages: StageInfo[];
  open: (stage: StageInfo, converted?: boolean) => void;
  total?: boolean;
}) {
  return (
    <Table.Tr bg={total ? 'gray.0' : undefined}>
      <Table.Th scope="row" fw={total ? 700 : 500} fz="sm" style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
        {label}
      </Table.Th>
      {stages.map((stage, index) => {
        const row = rows.find((candidate) => candidate.stage === stage.key);
        const next = stages[index + 1];
        const reached = row?.reached ?? 0;
        const converted = row?.converted ?? 0;
        return (
          <Table.Td key={stage.key} ta="right" style={{ verticalAlign: 'top' }}>
            <Stack gap={2} align="flex-end">
              <Figure value={reached} fw={total ? 700 : 600} label={`${label}, ${stage.label}: ${formatCount(reached)} reached`} onOpen={() => open(stage)} />
              {next && row && reached > 0 && (
                <Box
                  px={6}
                  style={{
                    borderRadius: 4,
                    background: `color-mix(in srgb, var(--mantine-color-indigo-5) ${Math.round((row.conversionRate ?? 0) * 0.3)}%, transparent)`,
                  }}
                >
                  <Figure
                    value={converted}
                    fz="xs"
                    fw={500}
                    c="dark.4"
                    label={`${label}: ${formatPercent(row.conversionRate)} of ${stage.label} went on to ${next.label} (${formatCount(converted)})`}
                    onOpen={() => open(stage, true)}
                  >
                    <span className={classes.numeric}>→ {formatPercent(row.conversionRate)}</span>
                  </Figure>
                </Box>
              )}
            </Stack>
          </Table.Td>
        );
      })}
    </Table.Tr>
  );
}
