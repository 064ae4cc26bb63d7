import { Badge, Group, Text, Tooltip, type MantineSize } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconCircleCheck, IconClockHour4 } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { SLA_COLORS, slaState, STATUS_COLORS, STATUS_LABELS, TIER_COLORS, TIER_LABELS } from './format';
import type { Lead, LeadStatus, Tier } from './types';

/** The time now, ticking every `everyMs`, so countdowns move while a page stays open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function StatusBadge({ status, size = 'sm' }: { status: LeadStatus; size?: MantineSize }) {
  return (
    <Badge size={size} variant="light" color={STATUS_COLORS[status]} radius="sm" tt="none" fw={600} data-testid="lead-status">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** "B1" in a square, coloured by its tier. */
export function GradeBadge({ grade, tier, size = 'md' }: { grade: string; tier: Tier; size?: MantineSize }) {
  return (
    <Badge
      size={size}
      radius="sm"
      variant={tier === 'cold' ? 'light' : 'filled'}
      color={TIER_COLORS[tier]}
      aria-label={`Grade ${grade}`}
      styles={{ label: { fontVariantNumeric: 'tabular-nums', letterSpacing: 0.5 } }}
    >
      {grade}
    </Badge>
  );
}

export function TierText({ tier }: { tier: Tier }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span
        aria-hidden
        style={{ width: 8, height: 8, borderRadius: 4, background: `var(--mantine-color-${TIER_COLORS[tier]}-6)`, flexShrink: 0 }}
      />
      <Text fz="sm">{TIER_LABELS[tier]}</Text>
    </Group>
  );
}

const SLA_ICONS = { ok: IconClockHour4, soon: IconAlarm, breached: IconAlertTriangle, answered: IconCircleCheck, late: IconAlertTriangle, none: IconClockHour4 };

/** The SLA countdown of a lead: "31 h left", amber under a quarter left, red once breached. */
export function SlaIndicator({ lead, fetchedAt, now }: { lead: Lead; fetchedAt: number; now: number }) {
  const state = slaState(lead, now, fetchedAt);
  const Icon = SLA_ICONS[state.tone];
  const strong = state.tone === 'soon' || state.tone === 'breached';
  return (
    <Tooltip label={state.detail} withArrow>
      <Group gap={6} wrap="nowrap" data-testid="sla" data-tone={state.tone} style={{ display: 'inline-flex' }}>
        <Icon size={15} stroke={1.8} color={`var(--mantine-color-${SLA_COLORS[state.tone]}-${state.tone === 'ok' || state.tone === 'none' ? 6 : 7})`} />
        <Text
          fz="sm"
          fw={strong ? 600 : 400}
          c={state.tone === 'ok' ? undefined : state.tone === 'none' ? 'dimmed' : `${SLA_COLORS[state.tone]}.8`}
          style={{ whiteSpace: 'nowrap' }}
        >
          {state.label}
        </Text>
      </Group>
    </Tooltip>
  );
}
