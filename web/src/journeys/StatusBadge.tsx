import { Badge } from '@mantine/core';
import { STATUS_COLORS, STATUS_LABELS } from './format';
import type { JourneyStatus } from './types';

export function JourneyStatusBadge({ status, size = 'sm' }: { status: JourneyStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge size={size} variant={status === 'live' ? 'filled' : 'light'} color={STATUS_COLORS[status]} radius="sm" aria-label={`Status ${STATUS_LABELS[status]}`}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
