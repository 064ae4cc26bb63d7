import { Badge, Center, Text, type MantineSize } from '@mantine/core';
import { formatPoints, pointsColor, TIER_COLORS, TIER_LABELS } from './format';
import type { Tier } from './types';

/** "+20" in green, "−50" in red. */
export function PointsText({ points, fz = 'sm', fw = 600 }: { points: number; fz?: MantineSize; fw?: number }) {
  return (
    <Text span fz={fz} fw={fw} c={pointsColor(points)} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {formatPoints(points)}
    </Text>
  );
}

export function TierBadge({ tier, size = 'md' }: { tier: Tier; size?: MantineSize }) {
  return (
    <Badge size={size} color={TIER_COLORS[tier]} variant={tier === 'cold' ? 'light' : 'filled'} radius="sm" aria-label={`Tier: ${TIER_LABELS[tier]}`}>
      {TIER_LABELS[tier]}
    </Badge>
  );
}

/** The grade as a big square, in the tier's colour: "B1". */
export function GradeBadge({ grade, tier, size = 64 }: { grade: string; tier: Tier; size?: number }) {
  const color = TIER_COLORS[tier];
  return (
    <Center
      w={size}
      h={size}
      bg={`${color}.${tier === 'cold' ? 0 : 1}`}
      style={{ borderRadius: 'var(--mantine-radius-md)', border: `1px solid var(--mantine-color-${color}-${tier === 'cold' ? 2 : 3})`, flexShrink: 0 }}
    >
      <Text fz={size * 0.42} fw={800} lh={1} c={`${color}.${tier === 'warm' ? 9 : 8}`} aria-label="Grade">
        {grade}
      </Text>
    </Center>
  );
}
