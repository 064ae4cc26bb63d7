import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconArrowDown } from '@tabler/icons-react';
import type { StageInfo } from './labels';
import { Figure, formatCount, formatDays, formatPercent, percentOf } from './ReportBits';
import classes from './reports.module.css';
import type { FunnelStage } from './types';

// A hand-drawn funnel rather than a chart library: one bar per stage, centred, narrowing with
// the contacts that reach it; between two bars, how many went on, how fast, and who did not.

const BAR_H = 40;
const GAP_H = 52;

export interface FunnelChartProps {
  stages: StageInfo[];
  rows: FunnelStage[];
  /** Opens the contacts of a stage: all who reached it, or those who did (not) go on to the next. */
  onDrill: (stage: StageInfo, converted?: boolean) => void;
}

function shade(index: number, count: number): string {
  const step = count > 1 ? Math.round((index * 4) / (count - 1)) : 0;
  return `var(--mantine-color-indigo-${7 - step})`;
}

/** Reached per stage as a horizontal funnel, with the conversion and median days between stages. */
export function FunnelChart({ stages, rows, onDrill }: FunnelChartProps) {
  const { ref, width } = useElementSize();
  const bars = stages.map((stage) => ({ stage, row: rows.find((row) => row.stage === stage.key) }));
  const height = stages.length * BAR_H + Math.max(0, stages.length - 1) * GAP_H;
  const top = bars[0]?.row?.reached ?? 0;
  const max = Math.max(1, ...bars.map((bar) => bar.row?.reached ?? 0));

  const narrow = width < 760;
  const labelW = narrow ? 130 : 200;
  const rightW = narrow ? 150 : 230;
  const area = Math.max(80, width - labelW - rightW - 24);
  const cx = labelW + 12 + area / 2;
  const barWidth = (reached: number) => (reached > 0 ? Math.max(6, (reached / max) * area) : 0);
  const yOf = (index: number) => index * (BAR_H + GAP_H);
  const summary = bars.map(({ stage, row }) => `${stage.label} ${row?.reached ?? 0}`).join(', ');

  return (
    <Box ref={ref} pos="relative" h={height} aria-label="Funnel" role="group">
      {width > 0 && (
        <>
          <svg width={width} height={height} role="img" aria-label={`Contacts reaching each stage: ${summary}`} style={{ display: 'block', position: 'absolute', inset: 0 }}>
            {bars.map(({ stage }, index) => (
              <rect key={`track-${stage.key}`} x={cx - area / 2} y={yOf(index)} width={area} height={BAR_H} rx={5} fill="var(--mantine-color-gray-0)" />
            ))}
            {bars.map(({ row }, index) => {
              const next = bars[index + 1];
              if (!next || !row?.reached) return null;
              const w = barWidth(row?.reached ?? 0);
              const nw = barWidth(next.row?.reached ?? 0);
              const y = yOf(index) + BAR_H;
              const ny = yOf(index + 1);
              return (
                <polygon
                  key={`link-${index}`}
                  points={`${cx - w / 2},${y} ${cx + w / 2},${y} ${cx + nw / 2},${ny} ${cx - nw / 2},${ny}`}
                  fill="var(--mantine-color-indigo-0)"
                />
              );
            })}
            {bars.map(({ stage, row }, index) => {
              const reached = row?.reached ?? 0;
              const w = barWidth(reached);
              if (reached === 0) return null;
              return (
                <rect
                  key={stage.key}
                  className={classes.mark}
                  x={cx - w / 2}
                  y={yOf(index)}
                  width={w}
                  height={BAR_H}
                  rx={5}
                  fill={shade(index, bars.length)}
                  onClick={() => onDrill(stage)}
                >
                  <title>{`${stage.label}: ${formatCount(reached)} reached`}</title>
                </rect>
              );
            })}
          </svg>

          {bars.map(({ stage, row }, index) => {
            const reached = row?.reached ?? 0;
            return (
              <Box key={stage.key} pos="absolute" top={yOf(index)} left={0} h={BAR_H} w={labelW} style={{ display: 'flex', alignItems: 'center' }}>
                <div style={{ minWidth: 0 }}>
                  <Text fz="sm" fw={600} lh={1.25} truncate title={stage.label}>
                    {stage.label}
                  </Text>
                  <Text fz={11} c="dimmed" lh={1.3}>
                    {index === 0 ? 'Entered the funnel' : `${formatPercent(percentOf(reached, top))} of all contacts`}
                  </Text>
                </div>
              </Box>
            );
          })}

          {bars.map(({ stage, row }, index) => (
            <Box key={stage.key} pos="absolute" top={yOf(index)} right={0} h={BAR_H} w={rightW} style={{ display: 'flex', alignItems: 'center' }}>
              <Group gap={6} wrap="nowrap" align="baseline">
                <Figure value={row?.reached ?? 0} fz="lg" fw={700} label={`${stage.label}: ${formatCount(row?.reached ?? 0)} reached`} onOpen={() => onDrill(stage)} />
                <Text fz="xs" c="dimmed">
                  reached
                </Text>
              </Group>
            </Box>
          ))}

          {bars.map(({ stage, row }, index) => {
            const next = bars[index + 1];
            // Nobody reached the stage: nothing to convert.
            if (!next || !row?.reached) return null;
            const reached = row.reached;
            const converted = row.converted ?? 0;
            const dropped = reached - converted;
            const y = yOf(index) + BAR_H;
            return (
              <Box key={`gap-${stage.key}`}>
                <Box pos="absolute" top={y} left={cx - 60} w={120} h={GAP_H} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                  <ConversionPill
                    rate={row.conversionRate}
                    label={`${formatPercent(row.conversionRate)} of ${stage.label} went on to ${next.stage.label}: ${formatCount(converted)} contacts`}
                    onOpen={converted > 0 ? () => onDrill(stage, true) : undefined}
                  />
                </Box>
                <Box pos="absolute" top={y} right={0} w={rightW} h={GAP_H} style={{ display: 'flex', alignItems: 'center' }}>
                  <div>
                    <Text fz="xs" c="dimmed" lh={1.5}>
                      <Figure
                        value={dropped}
                        fz="xs"
                        fw={600}
                        c="red.7"
                        label={`${stage.label}: ${formatCount(dropped)} did not reach ${next.stage.label}`}
                        onOpen={() => onDrill(stage, false)}
                      />{' '}
                      did not go on
                    </Text>
                    <Text fz="xs" c="dimmed" lh={1.5}>
                      {row.medianDaysToNext === null ? 'No one went on yet' : `Median ${formatDays(row.medianDaysToNext)} to next`}
                    </Text>
                  </div>
                </Box>
              </Box>
            );
          })}
        </>
      )}
    </Box>
  );
}

function ConversionPill({ rate, label, onOpen }: { rate: number | null; label: string; onOpen?: () => void }) {
  const content = (
    <Group gap={4} wrap="nowrap" px={10} py={3}>
      <IconArrowDown size={13} stroke={2.2} />
      <Text component="span" fz="xs" fw={700} className={classes.numeric}>
        {formatPercent(rate)}
      </Text>
    </Group>
  );
  const style = {
    borderRadius: 999,
    border: '1px solid var(--mantine-color-indigo-2)',
    background: 'var(--mantine-color-white)',
    color: 'var(--mantine-color-indigo-8)',
    boxShadow: 'var(--mantine-shadow-xs)',
  };
  if (!onOpen) {
    return (
      <Box style={{ ...style, color: 'var(--mantine-color-gray-6)', borderColor: 'var(--mantine-color-gray-3)' }} title={label}>
        {content}
      </Box>
    );
  }
  return (
    <UnstyledButton onClick={onOpen} aria-label={label} title={label} style={style} className={classes.pill}>
      {content}
    </UnstyledButton>
  );
}
