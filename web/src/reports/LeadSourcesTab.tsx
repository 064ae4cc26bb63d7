import { Anchor, Box, Group, Paper, Progress, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconWorldWww } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useLeadSources, useLifecycleSettings } from './api';
import { useDrill } from './DrillDrawer';
import { sourceLabel, stageLabel } from './labels';
import { describeRange, type PeriodQuery } from './period';
import { Figure, formatCount, formatEuros, formatPercent, percentOf, ReportEmpty } from './ReportBits';
import classes from './reports.module.css';
import type { SourceRow } from './types';

type CountKey = 'contacts' | 'leads' | 'mqls' | 'sqls' | 'customers';

/** The columns, the funnel stage each drills into, and the column its percentage is of. */
const COLUMNS: { key: CountKey; label: string; stage: string; of?: CountKey }[] = [
  { key: 'contacts', label: 'Contacts', stage: 'subscriber' },
  { key: 'leads', label: 'Leads', stage: 'lead', of: 'contacts' },
  { key: 'mqls', label: 'MQLs', stage: 'mql', of: 'leads' },
  { key: 'sqls', label: 'SQLs', stage: 'sql', of: 'mqls' },
  { key: 'customers', label: 'Customers', stage: 'customer', of: 'sqls' },
];

const LABELS: Record<CountKey, string> = { contacts: 'contacts', leads: 'leads', mqls: 'MQLs', sqls: 'SQLs', customers: 'customers' };

/** Which first-touch channels bring the contacts that become leads, MQLs, SQLs and customers, and what they win. */
export function LeadSourcesTab({ period }: { period: PeriodQuery | null }) {
  const sources = useLeadSources(period);
  const settings = useLifecycleSettings();
  const drill = useDrill();
  if (sources.isPending || settings.isPending) return period ? <LoadingBlock /> : null;
  if (sources.isError) return <ErrorBlock error={sources.error} />;

  const report = sources.data;
  const range = describeRange(report.from, report.to);
  if (report.items.length === 0) {
    return (
      <ReportEmpty
        icon={<IconWorldWww size={28} stroke={1.6} />}
        title="No contacts entered the funnel in this period"
        action={
          <Group justify="center" mt="md">
            <Anchor component={Link} to="/settings/tracking" fz="sm">
              Set up website tracking
            </Anchor>
          </Group>
        }
      >
        Lead sources group the contacts that entered the funnel {range} by the channel of their first tracked web visit (organic search,
        paid search, social, email, referral…), and follow them to leads, MQLs, SQLs, customers and won deals. Contacts without a
        tracked visit are listed as “No tracked visit”.
      </ReportEmpty>
    );
  }

  const totals = report.items.reduce<SourceRow>(
    (sum, row) => ({
      source: 'all', contacts: sum.contacts + row.contacts, leads: sum.leads + row.leads, mqls: sum.mqls + row.mqls, sqls: sum.sqls + row.sqls,
      customers: sum.customers + row.customers, wonAmount: sum.wonAmount + row.wonAmount,
    }),
    { source: 'all', contacts: 0, leads: 0, mqls: 0, sqls: 0, customers: 0, wonAmount: 0 },
  );
  const open = (row: SourceRow, column: (typeof COLUMNS)[number]) => {
    const all = row === totals;
    drill({
      kind: 'contacts',
      title: `${all ? 'All sources' : sourceLabel(row.source)}: ${LABELS[column.key]}`,
      subtitle: `${column.key === 'contacts' ? 'Entered the funnel' : `Reached ${stageLabel(settings.data, column.stage)} or later, having entered the funnel`} ${range}`,
      drill: all ? { stage: column.stage, groupBy: 'none' } : { stage: column.stage, groupBy: 'source', group: row.source },
    });
  };

  return (
    <Paper withBorder radius="lg" p="lg" style={{ opacity: sources.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms ease' }}>
      <Title order={2} fz="lg">
        Lead sources
      </Title>
      <Text fz="sm" c="dimmed" mb="md" maw={760}>
        Contacts that entered the funnel {range}, by the channel of their first tracked visit. Each percentage is of the column before it:
        leads of contacts, MQLs of leads, and so on. Won amount is the deals won with these contacts.
      </Text>
      <Box style={{ overflowX: 'auto' }}>
        <Table aria-label="Lead sources" verticalSpacing={10} horizontalSpacing="md" miw={940}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>First-touch source</Table.Th>
              {COLUMNS.map((column) => (
                <Table.Th key={column.key} ta="right">
                  {column.of ? (
                    <Tooltip label={`Percentage: of ${LABELS[column.of]}`} withArrow>
                      <span>{column.label}</span>
                    </Tooltip>
                  ) : (
                    column.label
                  )}
                </Table.Th>
              ))}
              <Table.Th ta="right">Contact → customer</Table.Th>
              <Table.Th ta="right">Won amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.items.map((row) => (
              <SourceTableRow key={row.source} row={row} share={percentOf(row.contacts, totals.contacts) ?? 0} open={(column) => open(row, column)} />
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <SourceTableRow row={totals} total open={(column) => open(totals, column)} />
          </Table.Tfoot>
        </Table>
      </Box>
    </Paper>
  );
}

function SourceTableRow({ row, share, total = false, open }: { row: SourceRow; share?: number; total?: boolean; open: (column: (typeof COLUMNS)[number]) => void }) {
  const name = total ? 'All sources' : sourceLabel(row.source);
  return (
    <Table.Tr bg={total ? 'gray.0' : undefined}>
      <Table.Th scope="row" fw={total ? 700 : 600} fz="sm">
        <Stack gap={4}>
          <Text fz="sm" fw="inherit" c={row.source === 'unknown' ? 'dimmed' : undefined}>
            {name}
          </Text>
          {share !== undefined && <Progress value={share} size={4} radius="xl" color="indigo.4" w={140} aria-label={`${name}: ${formatPercent(share)} of contacts`} />}
        </Stack>
      </Table.Th>
      {COLUMNS.map((column) => (
        <Table.Td key={column.key} ta="right" style={{ verticalAlign: 'top' }}>
          <Stack gap={0} align="flex-end">
            <Figure value={row[column.key]} fw={total ? 700 : 600} label={`${name}: ${formatCount(row[column.key])} ${LABELS[column.key]}`} onOpen={() => open(column)} />
            {column.of && (
              <Text fz="xs" c="dimmed" className={classes.numeric}>
                {formatPercent(percentOf(row[column.key], row[column.of]))}
              </Text>
            )}
          </Stack>
        </Table.Td>
      ))}
      <Table.Td ta="right" fz="sm" fw={600} className={classes.numeric} style={{ verticalAlign: 'top' }}>
        {formatPercent(percentOf(row.customers, row.contacts))}
      </Table.Td>
      <Table.Td ta="right" fz="sm" fw={total ? 700 : 600} className={classes.numeric} style={{ verticalAlign: 'top' }} c={row.wonAmount ? undefined : 'dimmed'}>
        {formatEuros(row.wonAmount)}
      </Table.Td>
    </Table.Tr>
  );
}
