import { Anchor, Box, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconThumbDown } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useLifecycleSettings, useRejections } from './api';
import { useDrill } from './DrillDrawer';
import { reasonLabel } from './labels';
import { describeRange, type PeriodQuery } from './period';
import { RejectionsChart, type ReasonSeries } from './RejectionsChart';
import { Figure, formatCount, formatMonth, monthsBetween, ReportEmpty } from './ReportBits';

const PALETTE = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'pink.6', 'lime.7', 'yellow.6', 'blue.4', 'red.6', 'violet.4', 'green.7'];
const cssColor = (color: string) => `var(--mantine-color-${color.replace('.', '-')})`;

/** Why sales turns leads down: rejections per month and reason, each figure opening the leads behind it. */
export function RejectionsTab({ period }: { period: PeriodQuery | null }) {
  const rejections = useRejections(period);
  const settings = useLifecycleSettings();
  const drill = useDrill();
  if (rejections.isPending || settings.isPending) return period ? <LoadingBlock /> : null;
  if (rejections.isError) return <ErrorBlock error={rejections.error} />;

  const report = rejections.data;
  const range = describeRange(report.from, report.to);
  if (report.items.length === 0) {
    return (
      <ReportEmpty
        icon={<IconThumbDown size={28} stroke={1.6} />}
        title="No leads were rejected in this period"
        action={
          <Group justify="center" mt="md">
            <Anchor component={Link} to="/settings/lifecycle" fz="sm">
              Edit the rejection reasons
            </Anchor>
          </Group>
        }
      >
        When a sales rep turns a lead down, they pick a reason, such as No budget or Bad timing, and the lead goes back to marketing.
        This report counts the rejections {range} per month and reason, so marketing can see which leads sales does not want.
      </ReportEmpty>
    );
  }

  const counts = new Map(report.items.map((item) => [`${item.month}|${item.reason}`, item.count]));
  const count = (month: string, reason: string) => counts.get(`${month}|${reason}`) ?? 0;
  const totalOf = (reason: string) => report.items.filter((item) => item.reason === reason).reduce((sum, item) => sum + item.count, 0);

  // Colours follow the order of the reasons in the settings, so a reason keeps its colour from one period to the next.
  const known = settings.data?.rejectReasons.map((reason) => reason.key) ?? [];
  const order = [...known, ...new Set(report.items.map((item) => item.reason).filter((reason) => !known.includes(reason)))];
  const reasons: ReasonSeries[] = order
    .map((key, index) => ({ key, label: reasonLabel(settings.data, key), color: cssColor(key === 'other' ? 'gray.5' : PALETTE[index % PALETTE.length]!) }))
    .filter((reason) => totalOf(reason.key) > 0);
  const byTotal = [...reasons].sort((a, b) => totalOf(b.key) - totalOf(a.key));
  const months = monthsBetween(report.from, report.to);
  const activeMonths = months.filter((month) => reasons.some((reason) => count(month, reason.key) > 0));
  const total = report.items.reduce((sum, item) => sum + item.count, 0);

  const open = (reason: ReasonSeries | null, month: string | null) =>
    drill({
      kind: 'leads',
      title: `Rejected: ${reason ? reason.label : 'all reasons'}${month ? ` · ${formatMonth(month)}` : ''}`,
      subtitle: month ? `Leads sales rejected in ${formatMonth(month)}` : `Leads sales rejected ${range}`,
      drill: { reason: reason?.key, month: month ?? undefined },
    });

  return (
    <Stack gap="lg" style={{ opacity: rejections.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms ease' }}>
      <Paper withBorder radius="lg" p="lg">
        <Title order={2} fz="lg">
          Rejections per month
        </Title>
        <Text fz="sm" c="dimmed" mb="md">
          {formatCount(total)} {total === 1 ? 'lead' : 'leads'} rejected by sales {range}, by the reason the rep gave. Click a bar to see the leads.
        </Text>
        <RejectionsChart months={months} reasons={reasons} count={count} onDrill={(reason, month) => open(reason, month)} />
      </Paper>

      <Paper withBorder radius="lg" p="lg">
        <Title order={2} fz="lg" mb="md">
          Reasons by month
        </Title>
        <Box style={{ overflowX: 'auto' }}>
          <Table aria-label="Rejections by reason and month" verticalSpacing={8} horizontalSpacing="md" miw={320 + activeMonths.length * 90}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reason</Table.Th>
                {activeMonths.map((month) => (
                  <Table.Th key={month} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMonth(month, true)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {byTotal.map((reason) => (
                <Table.Tr key={reason.key}>
                  <Table.Th scope="row" fw={500} fz="sm">
                    <Group gap={8} wrap="nowrap">
                      <Box w={10} h={10} bg={reason.color} style={{ borderRadius: 2, flexShrink: 0 }} />
                      {reason.label}
                    </Group>
                  </Table.Th>
                  {activeMonths.map((month) => (
                    <Table.Td key={month} ta="right">
                      <Figure value={count(month, reason.key)} label={`${reason.label}, ${formatMonth(month)}: ${formatCount(count(month, reason.key))} rejected`} onOpen={() => open(reason, month)} />
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">
                    <Figure value={totalOf(reason.key)} fw={700} label={`${reason.label}: ${formatCount(totalOf(reason.key))} rejected in the period`} onOpen={() => open(reason, null)} />
                  </Table.Td>
                  <Table.Td ta="right" fz="sm" c="dimmed">
                    {Math.round((totalOf(reason.key) / total) * 100)}%
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr bg="gray.0">
                <Table.Th scope="row" fz="sm">
                  Total
                </Table.Th>
                {activeMonths.map((month) => {
                  const value = reasons.reduce((sum, reason) => sum + count(month, reason.key), 0);
                  return (
                    <Table.Td key={month} ta="right">
                      <Figure value={value} fw={700} label={`${formatMonth(month)}: ${formatCount(value)} rejected`} onOpen={() => open(null, month)} />
                    </Table.Td>
                  );
                })}
                <Table.Td ta="right" fz="sm" fw={700}>
                  {formatCount(total)}
                </Table.Td>
                <Table.Td ta="right" fz="sm" c="dimmed">
                  100%
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Box>
      </Paper>
    </Stack>
  );
}
