import { EmptyState, Paper } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/** What a member sees on a settings page that only admins may manage (the API answers 403). */
export function AdminRequired({ what }: { what: string }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconLock size={28} stroke={1.6} />}
        variant="light"
        color="gray"
        title="You need the admin role"
        description={`Only admins of this workspace can see and manage ${what}. Ask an admin if you need access.`}
        maw={460}
        mx="auto"
      />
    </Paper>
  );
}
