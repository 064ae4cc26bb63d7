import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconList, IconUsersGroup } from '@tabler/icons-react';
import { useLists, useSegments } from '../../segments/api';
import { useTemplates } from '../api';
import { statusInfo } from './format';
import type { AudienceKind, Broadcast } from './types';

/** A broadcast's status, its meaning on hover. */
export function BroadcastStatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' | 'md' }) {
  const info = statusInfo(status);
  return (
    <Tooltip label={info.description} withArrow disabled={!info.description} openDelay={300}>
      <Badge size={size} variant="light" radius="sm" tt="none" color={info.color} data-status={status}>
        {info.label}
      </Badge>
    </Tooltip>
  );
}

export const AUDIENCE_LABELS: Record<AudienceKind, string> = { segment: 'Segment', list: 'List' };

export function AudienceIcon({ kind, size = 15 }: { kind: AudienceKind; size?: number }) {
  return kind === 'segment' ? <IconUsersGroup size={size} stroke={1.6} /> : <IconList size={size} stroke={1.6} />;
}

/**
 * Names for what a broadcast points at: its template, segment or list. An archived template or
 * a deleted audience is no longer listed; it reads as such.
 */
export function useBroadcastNames() {
  const templates = useTemplates();
  const segments = useSegments();
  const lists = useLists();
  return {
    template: (id: string) => templates.data?.find((template) => template.id === id),
    templateName: (id: string) => (templates.data ? (templates.data.find((template) => template.id === id)?.name ?? 'Archived template') : '…'),
    audience: (audience: Broadcast['audience']) => {
      const found = audience.kind === 'segment' ? segments.data?.find((segment) => segment.id === audience.id) : lists.data?.find((list) => list.id === audience.id);
      const loaded = audience.kind === 'segment' ? segments.data : lists.data;
      return { name: found?.name ?? (loaded ? `Deleted ${audience.kind}` : '…'), memberCount: found?.memberCount ?? null, exists: !!found };
    },
  };
}

/** "Segment · Newsletter readers", with an icon. */
export function AudienceLabel({ audience, name }: { audience: Broadcast['audience']; name: string }) {
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <Text component="span" c="dimmed" display="flex" title={AUDIENCE_LABELS[audience.kind]} aria-label={AUDIENCE_LABELS[audience.kind]}>
        <AudienceIcon kind={audience.kind} />
      </Text>
      <Text fz="sm" truncate title={name}>
        {name}
      </Text>
    </Group>
  );
}
