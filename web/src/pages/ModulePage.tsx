import { Box, EmptyState, Paper } from '@mantine/core';
import type { ModuleInfo } from '../shell/modules';
import { PageHeader } from '../components/PageHeader';

/** A module that is not built yet: its title and what it will hold, never made-up data. */
export function ModulePage({ module }: { module: ModuleInfo }) {
  return (
    <Box p="xl">
      <PageHeader title={module.label} />
      <Paper withBorder radius="lg" py={72} px="xl">
        <EmptyState
          variant="light"
          size="lg"
          icon={<module.icon size={30} stroke={1.6} />}
          title={`No ${module.label.toLowerCase()} yet`}
          description={module.description}
          maw={520}
          mx="auto"
        />
      </Paper>
    </Box>
  );
}
