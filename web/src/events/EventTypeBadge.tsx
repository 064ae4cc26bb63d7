import { Badge } from '@mantine/core';
import { EVENT_TYPE_STYLES } from './labels';
import type { EventType } from './types';

export function EventTypeBadge({ type }: { type: EventType }) {
  const style = EVENT_TYPE_STYLES[type];
  return (
    <Badge variant="light" color={style.color} size="sm" radius="sm">
      {style.label}
    </Badge>
  );
}
