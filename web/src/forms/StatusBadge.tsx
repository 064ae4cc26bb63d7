import { Badge } from '@mantine/core';
import type { Form } from './types';

export function FormStatusBadge({ status }: { status: Form['status'] }) {
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
