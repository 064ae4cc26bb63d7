import { Badge, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useCurrentMe, useWorkspace } from '../api/queries';
import { formatDateTime, ROLE_LABELS } from '../app/format';
import { CopyField } from '../components/CopyField';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';

export function WorkspacePage() {
  const me = useCurrentMe();
  const workspace = useWorkspace();

  return (
    <>
      <PageHeader title="Workspace" description="The workspace you are working in. Its data is kept apart from every other workspace." />
      {workspace.isPending ? (
        <LoadingBlock />
      ) : workspace.isError ? (
        <ErrorBlock error={workspace.error} />
      ) : (
        <Paper withBorder radius="md" p="lg" maw={720}>
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
              <Field label="Name">
                <Text fz="lg" fw={600} data-testid="workspace-name">
                  {workspace.data.name}
                </Text>
              </Field>
              <Field label="Your role">
                <Badge variant="light" size="lg">
                  {ROLE_LABELS[me.workspace.role] ?? me.workspace.role}
                </Badge>
              </Field>
              <Field label="Created">
                <Text fz="sm">{formatDateTime(workspace.data.createdAt)}</Text>
              </Field>
            </SimpleGrid>
            <CopyField
              label="Workspace ID"
              value={workspace.data.id}
              description="Used by the command line and in support requests."
              copyLabel="Copy workspace ID"
            />
          </Stack>
        </Paper>
      )}
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fz="xs" fw={600} tt="uppercase" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}
