import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { errorMessage } from '../api/client';
import { useCurrentMe, useSwitchWorkspace } from '../api/queries';
import { ROLE_LABELS } from '../app/format';
import { CreateWorkspaceModal } from './CreateWorkspaceModal';

function WorkspaceAvatar({ name }: { name: string }) {
  return (
    <Avatar size={28} radius="sm" color="indigo" variant="light">
      {name.trim().charAt(0).toUpperCase() || '?'}
    </Avatar>
  );
}

export function WorkspaceSwitcher() {
  const me = useCurrentMe();
  const switchWorkspace = useSwitchWorkspace();
  const [creating, createModal] = useDisclosure(false);

  const choose = (workspaceId: string) => {
    if (workspaceId === me.workspace.id) return;
    switchWorkspace.mutate(workspaceId, {
      onError: (error) => notifications.show({ color: 'red', title: 'Could not switch workspace', message: errorMessage(error) }),
    });
  };

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
          <UnstyledButton
            data-testid="workspace-switcher"
            px="xs"
            py={6}
            style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Group gap="xs" wrap="nowrap">
              <WorkspaceAvatar name={me.workspace.name} />
              <div style={{ minWidth: 0 }}>
                <Text fz="sm" fw={600} lh={1.2} truncate maw={200}>
                  {me.workspace.name}
                </Text>
                <Text fz="xs" c="dimmed" lh={1.2}>
                  {ROLE_LABELS[me.workspace.role] ?? me.workspace.role}
                </Text>
              </div>
              <IconSelector size={16} color="var(--mantine-color-gray-6)" />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Workspaces</Menu.Label>
          {me.workspaces.map((workspace) => (
            <Menu.Item
              key={workspace.id}
              onClick={() => choose(workspace.id)}
              leftSection={<WorkspaceAvatar name={workspace.name} />}
              rightSection={workspace.id === me.workspace.id ? <IconCheck size={16} aria-label="Current" /> : null}
            >
              <Text fz="sm" fw={500} truncate>
                {workspace.name}
              </Text>
              <Text fz="xs" c="dimmed">
                {ROLE_LABELS[workspace.role] ?? workspace.role}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            Create workspace
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateWorkspaceModal opened={creating} onClose={createModal.close} />
    </>
  );
}
