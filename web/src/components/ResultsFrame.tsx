import { Group, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DaysSelect } from './DaysSelect';
import { ErrorBlock, LoadingBlock } from './QueryState';

/**
 * A results panel (a form's conversion, a landing page's test, a slot's impressions): what
 * its figures mean, the period they count over, and the figures once loaded.
 */
export function ResultsFrame<T>({ intro, days, onDaysChange, query, children }: {
  intro: ReactNode;
  days: number;
  onDaysChange: (days: number) => void;
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Text fz="sm" c="dimmed" maw={720}>
          {intro}
        </Text>
        <DaysSelect days={days} onChange={onDaysChange} />
      </Group>
      {query.isPending ? <LoadingBlock /> : query.isError ? <ErrorBlock error={query.error} /> : children(query.data)}
    </Stack>
  );
}

/** One headline figure of a results panel. */
export function ResultStat({ label, value, accent = false, grow = false, valueLabel }: {
  label: string;
  value: string;
  accent?: boolean;
  /** Share a row's width with the other figures. */
  grow?: boolean;
  valueLabel?: string;
}) {
  return (
    <Stack gap={2} style={grow ? { flex: 1 } : undefined}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={accent ? 'indigo.7' : undefined} lh={1.2} aria-label={valueLabel}>
        {value}
      </Text>
    </Stack>
  );
}
