import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconSettings } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useCurrentMe, useLogout } from '../api/queries';
import { initials } from '../app/format';

export function UserMenu() {
  const me = useCurrentMe();
  const logout = useLogout();
  const navigate = useNavigate();

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label="User menu" px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="indigo">
              {initials(me.user.name, me.user.email)}
            </Avatar>
            <Text fz="sm" fw={500} visibleFrom="sm" truncate maw={160}>
              {me.user.name || me.user.email}
            </Text>
            <IconChevronDown size={14} color="var(--mantine-color-gray-6)" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Group gap="sm" px="sm" py="xs" wrap="nowrap">
          <Avatar size={36} radius="xl" color="indigo">
            {initials(me.user.name, me.user.email)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Text fz="sm" fw={600} truncate>
              {me.user.name}
            </Text>
            <Text fz="xs" c="dimmed" truncate>
              {me.user.email}
            </Text>
          </div>
        </Group>
        <Menu.Divider />
        <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => navigate('/settings')}>
          Settings
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
