import { Box, Group, Paper, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState } from 'react';
import type { HistoryPoint } from './types';

// A small hand-drawn chart rather than a chart library: one line and two sets of bars are
// all it shows, and it keeps the app's bundle as it is.

const HEIGHT = 220;
const MARGIN = { top: 10, right: 12, bottom: 24, left: 44 };
/** The members line above, the entered (up) and exited (down) bars in a band below. */
const LINE_SHARE = 0.68;
const BAND_GAP = 14;

const COLORS = {
  members: 'var(--mantine-color-indigo-6)',
  entered: 'var(--mantine-color-teal-5)',
  exited: 'var(--mantine-color-red-4)',
  grid: 'var(--mantine-color-gray-2)',
  axis: 'var(--mantine-color-gray-6)',
};

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const formatDay = (date: string) => dayLabel.format(new Date(`${date}T00:00:00Z`));

/** A round top for an axis: 4 → 5, 37 → 40, 1234 → 1500. */
function niceMax(value: number): number {
  if (value <= 4) return Math.max(1, value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * magnitude >= value)!;
  return step * magnitude;
}

/** Members per day as a line, and who entered and left each day as bars. */
export function MembershipChart({ points }: { points: HistoryPoint[] }) {
  const { ref, width } = useElementSize();
  const [hovered, setHovered] = useState<number | null>(null);
  if (points.length === 0) {
    return (
      <Text fz="sm" c="dimmed" py="xl" ta="center">
        No history yet: it starts the day the segment is created.
      </Text>
    );
  }

  const first = points[0]!;
  const last = points.at(-1)!;
  return (
    <Box>
      <Legend />
      <Box ref={ref} pos="relative" h={HEIGHT} onMouseLeave={() => setHovered(null)}>
        {width > 0 && (
          <Plot points={points} width={width} hovered={hovered} onHover={setHovered} label={`Members from ${formatDay(first.date)} to ${formatDay(last.date)}: ${first.members.toLocaleString()} to ${last.members.toLocaleString()}`} />
        )}
        {hovered !== null && width > 0 && <HoverCard point={points[hovered]!} x={xOf(hovered, points.length, width)} width={width} />}
      </Box>
    </Box>
  );
}

function xOf(index: number, count: number, width: number): number {
  const inner = width - MARGIN.left - MARGIN.right;
  return MARGIN.left + (count === 1 ? inner / 2 : (index + 0.5) * (inner / count));
}

function Plot({ points, width, hovered, onHover, label }: {
  points: HistoryPoint[];
  width: number;
  hovered: number | null;
  onHover: (index: number) => void;
  label: string;
}) {
  const inner = HEIGHT - MARGIN.top - MARGIN.bottom;
  const lineHeight = inner * LINE_SHARE;
  const bandTop = MARGIN.top + lineHeight + BAND_GAP;
  const bandHeight = inner - lineHeight - BAND_GAP;
  const bandMiddle = bandTop + bandHeight / 2;
  const column = (width - MARGIN.left - MARGIN.right) / points.length;
  const barWidth = Math.max(2, Math.min(14, column * 0.6));

  const top = niceMax(Math.max(...points.map((point) => point.members)));
  const yMembers = (members: number) => MARGIN.top + lineHeight - (members / top) * lineHeight;
  const moves = niceMax(Math.max(...points.flatMap((point) => [point.entered, point.exited])));
  const barHeight = (count: number) => (count / moves) * (bandHeight / 2);

  const line = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${xOf(index, points.length, width).toFixed(1)},${yMembers(point.members).toFixed(1)}`).join(' ');
  const ticks = [0, top / 2, top];
  const dateTicks = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])];

  return (
    <svg width={width} height={HEIGHT} role="img" aria-label={label} style={{ display: 'block', overflow: 'visible' }}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={yMembers(tick)} y2={yMembers(tick)} stroke={COLORS.grid} />
          <text x={MARGIN.left - 8} y={yMembers(tick)} dy="0.32em" textAnchor="end" fontSize={11} fill={COLORS.axis}>
            {Number.isInteger(tick) ? tick.toLocaleString() : ''}
          </text>
        </g>
      ))}
      <line x1={MARGIN.left} x2={width - MARGIN.right} y1={bandMiddle} y2={bandMiddle} stroke={COLORS.grid} />
      {points.map((point, index) => {
        const x = xOf(index, points.length, width);
        return (
          <g key={point.date}>
            {point.entered > 0 && <rect x={x - barWidth / 2} y={bandMiddle - barHeight(point.entered)} width={barWidth} height={barHeight(point.entered)} fill={COLORS.entered} rx={1} />}
            {point.exited > 0 && <rect x={x - barWidth / 2} y={bandMiddle} width={barWidth} height={barHeight(point.exited)} fill={COLORS.exited} rx={1} />}
          </g>
        );
      })}
      {hovered !== null && (
        <line x1={xOf(hovered, points.length, width)} x2={xOf(hovered, points.length, width)} y1={MARGIN.top} y2={bandTop + bandHeight} stroke={COLORS.axis} strokeDasharray="3 3" />
      )}
      <path d={line} fill="none" stroke={COLORS.members} strokeWidth={2} strokeLinejoin="round" />
      {points.length <= 45 &&
        points.map((point, index) => (
          <circle key={point.date} cx={xOf(index, points.length, width)} cy={yMembers(point.members)} r={hovered === index ? 4 : 2.5} fill={COLORS.members} />
        ))}
      {dateTicks.map((index) => (
        <text key={index} x={xOf(index, points.length, width)} y={HEIGHT - 6} textAnchor="middle" fontSize={11} fill={COLORS.axis}>
          {formatDay(points[index]!.date)}
        </text>
      ))}
      {/* One hover target per day, the full height of the chart. */}
      {points.map((point, index) => (
        <rect key={point.date} x={MARGIN.left + index * column} y={0} width={column} height={HEIGHT - MARGIN.bottom} fill="transparent" onMouseEnter={() => onHover(index)} />
      ))}
    </svg>
  );
}

function HoverCard({ point, x, width }: { point: HistoryPoint; x: number; width: number }) {
  // On the side of the guide line with room for the card.
  const left = x > width / 2;
  return (
    <Paper
      withBorder
      shadow="sm"
      radius="sm"
      px="xs"
      py={6}
      pos="absolute"
      top={0}
      style={{ [left ? 'right' : 'left']: left ? width - x + 10 : x + 10, pointerEvents: 'none', whiteSpace: 'nowrap' }}
    >
      <Text fz="xs" fw={600}>
        {formatDay(point.date)}
      </Text>
      <Text fz="xs">{point.members.toLocaleString()} members</Text>
      <Text fz="xs" c="teal.7">+{point.entered.toLocaleString()} entered</Text>
      <Text fz="xs" c="red.7">−{point.exited.toLocaleString()} exited</Text>
    </Paper>
  );
}

function Legend() {
  return (
    <Group gap="md" mb="xs">
      <Swatch color={COLORS.members} label="Members" line />
      <Swatch color={COLORS.entered} label="Entered" />
      <Swatch color={COLORS.exited} label="Exited" />
    </Group>
  );
}

function Swatch({ color, label, line = false }: { color: string; label: string; line?: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box w={12} h={line ? 3 : 10} bg={color} style={{ borderRadius: 2 }} />
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}
