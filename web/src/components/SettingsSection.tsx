import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a settings page, with what it is for and its actions on the right. */
export function SettingsSection({ id, title, description, actions, children }: { id: string; title: string; description: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} fz="md" id={id}>
            {title}
          </Title>
          <Text fz="sm" c="dimmed" maw={680}>
            {description}
          </Text>
        </Stack>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
