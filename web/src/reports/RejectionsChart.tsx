import { Box, Group, Paper, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState, type KeyboardEvent } from 'react';
import { formatCount, formatMonth } from './ReportBits';
import classes from './reports.module.css';

// Hand-drawn like the app's other charts: one stacked bar per month, a segment per reason.

const HEIGHT = 260;
const MARGIN = { top: 18, right: 12, bottom: 28, left: 36 };

const COLORS = { grid: 'var(--mantine-color-gray-2)', axis: 'var(--mantine-color-gray-6)' };

export interface ReasonSeries {
  key: string;
  label: string;
  color: string;
}

interface RejectionsChartProps {
  months: string[];
  reasons: ReasonSeries[];
  count: (month: string, reason: string) => number;
  onDrill: (reason: ReasonSeries, month: string) => void;
}

/** A round top for an axis: 4 → 4, 7 → 8, 37 → 40. */
function niceMax(value: number): number {
  if (value <= 5) return Math.max(1, value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * magnitude >= value)!;
  return step * magnitude;
}

/** Rejections per month, stacked by reason; a segment opens the leads behind it. */
export function RejectionsChart({ months, reasons, count, onDrill }: RejectionsChartProps) {
  const { ref, width } = useElementSize();
  const [hovered, setHovered] = useState<number | null>(null);
  const totals = months.map((month) => reasons.reduce((sum, reason) => sum + count(month, reason.key), 0));

  return (
    <Box>
      <Group gap="md" mb="sm" role="list" aria-label="Reasons">
        {reasons.map((reason) => (
          <Group key={reason.key} gap={6} wrap="nowrap" role="listitem">
            <Box w={10} h={10} bg={reason.color} style={{ borderRadius: 2 }} />
            <Text fz="xs" c="dimmed">
              {reason.label}
            </Text>
          </Group>
        ))}
      </Group>
      <Box ref={ref} pos="relative" h={HEIGHT} onMouseLeave={() => setHovered(null)}>
        {width > 0 && <Plot {...{ months, reasons, count, onDrill, width, totals }} onHover={setHovered} hovered={hovered} />}
        {hovered !== null && width > 0 && (
          <HoverCard month={months[hovered]!} reasons={reasons} count={count} total={totals[hovered]!} x={xOf(hovered, months.length, width)} width={width} />
        )}
      </Box>
    </Box>
  );
}

function xOf(index: number, count: number, width: number): number {
  const inner = width - MARGIN.left - MARGIN.right;
  return MARGIN.left + (index + 0.5) * (inner / count);
}

function Plot({ months, reasons, count, onDrill, width, totals, hovered, onHover }: RejectionsChartProps & {
  width: number;
  totals: number[];
  hovered: number | null;
  onHover: (index: number) => void;
}) {
  const inner = HEIGHT - MARGIN.top - MARGIN.bottom;
  const column = (width - MARGIN.left - MARGIN.right) / months.length;
  const barWidth = Math.max(6, Math.min(44, column * 0.56));
  const top = niceMax(Math.max(0, ...totals));
  const y = (value: number) => MARGIN.top + inner - (value / top) * inner;
  const ticks = top <= 5 ? Array.from({ length: top + 1 }, (_, index) => index) : [0, top / 2, top];
  const labelEvery = column < 46 ? Math.ceil(46 / column) : 1;

  const keyOpen = (event: KeyboardEvent, open: () => void) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  };

  return (
    <svg width={width} height={HEIGHT} role="group" aria-label="Rejections per month by reason" style={{ display: 'block', overflow: 'visible' }}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={COLORS.grid} />
          <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={11} fill={COLORS.axis}>
            {Number.isInteger(tick) ? tick.toLocaleString() : ''}
          </text>
        </g>
      ))}
      {months.map((month, index) => {
        const x = xOf(index, months.length, width);
        let base = 0;
        return (
          <g key={month} onMouseEnter={() => onHover(index)}>
            <rect x={MARGIN.left + index * column} y={MARGIN.top} width={column} height={inner} fill={hovered === index ? 'var(--mantine-color-gray-0)' : 'transparent'} />
            {reasons.map((reason) => {
              const value = count(month, reason.key);
              if (value === 0) return null;
              const y0 = y(base);
              base += value;
              const y1 = y(base);
              const open = () => onDrill(reason, month);
              return (
                <rect
                  key={reason.key}
                  className={classes.mark}
                  role="button"
                  tabIndex={0}
                  aria-label={`${reason.label}, ${formatMonth(month)}: ${formatCount(value)} rejected`}
                  x={x - barWidth / 2}
                  y={y1}
                  width={barWidth}
                  height={Math.max(1, y0 - y1)}
                  fill={reason.color}
                  stroke="var(--mantine-color-white)"
                  strokeWidth={1}
                  onClick={open}
                  onKeyDown={(event) => keyOpen(event, open)}
                />
              );
            })}
            {totals[index]! > 0 && (
              <text x={x} y={y(totals[index]!) - 6} textAnchor="middle" fontSize={11} fontWeight={600} fill="var(--mantine-color-dark-4)">
                {formatCount(totals[index]!)}
              </text>
            )}
            {index % labelEvery === 0 && (
              <text x={x} y={HEIGHT - 8} textAnchor="middle" fontSize={11} fill={COLORS.axis}>
                {formatMonth(month, true)}
              </text>
            )}
          </g>
        );
      })}
      <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-4)" />
    </svg>
  );
}

function HoverCard({ month, reasons, count, total, x, width }: { month: string; reasons: ReasonSeries[]; count: (month: string, reason: string) => number; total: number; x: number; width: number }) {
  const left = x > width / 2;
  const shown = reasons.filter((reason) => count(month, reason.key) > 0);
  return (
    <Paper
      withBorder
      shadow="sm"
      radius="sm"
      px="xs"
      py={6}
      pos="absolute"
      top={0}
      style={{ [left ? 'right' : 'left']: left ? width - x + 30 : x + 30, pointerEvents: 'none', whiteSpace: 'nowrap' }}
    >
      <Text fz="xs" fw={600}>
        {formatMonth(month)}: {formatCount(total)} rejected
      </Text>
      {shown.length === 0 && (
        <Text fz="xs" c="dimmed">
          No rejections
        </Text>
      )}
      {shown.map((reason) => (
        <Group key={reason.key} gap={6} wrap="nowrap">
          <Box w={8} h={8} bg={reason.color} style={{ borderRadius: 2 }} />
          <Text fz="xs">
            {reason.label}: {formatCount(count(month, reason.key))}
          </Text>
        </Group>
      ))}
    </Paper>
  );
}
