import { Badge } from '@mantine/core';
import { STATUS_LABELS } from './format';
import type { PageStatus } from './types';

const COLORS: Record<PageStatus, string> = { published: 'teal', draft: 'yellow', archived: 'gray' };

export function PageStatusBadge({ status }: { status: PageStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
