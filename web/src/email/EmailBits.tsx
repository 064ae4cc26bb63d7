import { Badge, Tooltip } from '@mantine/core';
import { KIND_COLORS, KIND_LABELS, stateInfo } from './format';
import type { TemplateKind } from './types';

export function KindBadge({ kind, size = 'sm' }: { kind: TemplateKind; size?: 'xs' | 'sm' }) {
  return (
    <Badge size={size} variant="light" radius="sm" tt="none" color={KIND_COLORS[kind] ?? 'gray'}>
      {KIND_LABELS[kind] ?? kind}
    </Badge>
  );
}

/** A message's state, its meaning on hover. */
export function StateBadge({ state, size = 'sm' }: { state: string; size?: 'xs' | 'sm' }) {
  const info = stateInfo(state);
  return (
    <Tooltip label={info.description} withArrow disabled={!info.description} openDelay={300}>
      <Badge size={size} variant="light" radius="sm" tt="none" color={info.color} data-state={state}>
        {info.label}
      </Badge>
    </Tooltip>
  );
}
