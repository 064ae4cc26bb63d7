import { Alert, Group, Loader, NumberInput, Paper, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFlask } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useBacktest } from '../api';
import type { BacktestFigures, LeadDefinition } from '../types';

interface Row {
  label: string;
  value: (figures: BacktestFigures) => number;
  format: (value: number) => string;
}

const count = (value: number) => value.toLocaleString();
const ROWS: Row[] = [
  { label: 'Would have become MQLs', value: (figures) => figures.mql, format: count },
  { label: 'Reached opportunity', value: (figures) => figures.reachedOpportunity, format: count },
  { label: 'Reached customer', value: (figures) => figures.reachedCustomer, format: count },
  { label: 'Opportunity rate', value: (figures) => figures.opportunityRate, format: (value) => `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })} %` },
];

/**
 * How many contacts this version would have made MQLs over the last days, and how many of
 * them went on to opportunity and customer, beside the live version over the same days.
 */
export function BacktestPanel({ definition }: { definition: LeadDefinition }) {
  const [days, setDays] = useState<number | string>(90);
  const [debounced] = useDebouncedValue(typeof days === 'number' ? days : NaN, 400);
  const backtest = useBacktest(definition.id, debounced);
  const data = backtest.data;
  const live = data?.live ?? null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="backtest-title">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap={8} wrap="nowrap">
          <IconFlask size={18} color="var(--mantine-color-indigo-6)" />
          <Title order={3} fz="sm" id="backtest-title">
            Backtest
          </Title>
          {backtest.isFetching && <Loader size={14} aria-label="Replaying" />}
        </Group>
        <NumberInput
          aria-label="Days to replay"
          size="xs"
          w={110}
          min={1}
          max={730}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          rightSection={<Text fz="xs" c="dimmed" pr={6}>days</Text>}
          rightSectionWidth={42}
        />
      </Group>
      {backtest.isError ? (
        <Alert color="red" role="alert" p="xs">
          {errorMessage(backtest.error)}
        </Alert>
      ) : !data ? (
        <Text fz="sm" c="dimmed">
          {typeof days === 'number' && days >= 1 && days <= 730 ? 'Replaying…' : 'Choose between 1 and 730 days.'}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={8} horizontalSpacing="xs" aria-label="Backtest" style={{ opacity: backtest.isFetching ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Last {data.days} days</Table.Th>
              <Table.Th ta="right">
                v{data.definition.version}
                {definition.status === 'live' ? ' (live)' : ''}
              </Table.Th>
              {live && <Table.Th ta="right">v{live.version} (live)</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ROWS.map((row) => {
              const mine = row.value(data.definition);
              const theirs = live ? row.value(live) : null;
              const diff = theirs === null ? 0 : Math.round((mine - theirs) * 10) / 10;
              return (
                <Table.Tr key={row.label}>
                  <Table.Td c="dimmed">{row.label}</Table.Td>
                  <Table.Td ta="right" fw={650} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {row.format(mine)}
                    {theirs !== null && diff !== 0 && (
                      <Text span fz="xs" fw={500} c={diff > 0 ? 'teal.7' : 'red.7'} ml={6}>
                        {diff > 0 ? '+' : '−'}
                        {row.format(Math.abs(diff)).replace(' %', '')}
                      </Text>
                    )}
                  </Table.Td>
                  {theirs !== null && (
                    <Table.Td ta="right" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {row.format(theirs)}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Text fz="xs" c="dimmed" mt="sm">
        Replays the engagement ledger with decay; fit and required conditions are read as they are today.
        {data && !live && definition.status !== 'live' ? ' No version is live to compare with.' : ''}
      </Text>
    </Paper>
  );
}
