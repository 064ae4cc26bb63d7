import { Badge } from '@mantine/core';
import type { ContentSlot } from './types';

export function SlotStatusBadge({ status }: { status: ContentSlot['status'] }) {
  return status === 'active' ? (
    <Badge color="teal" variant="light" radius="sm">
      Live
    </Badge>
  ) : (
    <Badge color="gray" variant="light" radius="sm">
      Archived
    </Badge>
  );
}
