import { AppShell, Burger, Box, Group, NavLink, ScrollArea, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSettings } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { Logo } from '../components/Logo';
import { GlobalSearch } from '../crm/shared/GlobalSearch';
import { NotificationBell } from '../leads/NotificationBell';
import { MODULES } from './modules';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function AppLayout() {
  const [mobileOpened, mobile] = useDisclosure(false);
  const { pathname } = useLocation();
  const isActive = (path: string) => pathname === path || pathname.startsWith(`${path}/`);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !mobileOpened } }}
      padding={0}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={mobileOpened} onClick={mobile.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Box w={200 - 16} visibleFrom="sm">
              <Link to="/" aria-label="Tandem home" style={{ textDecoration: 'none' }}>
                <Logo />
              </Link>
            </Box>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="md" wrap="nowrap">
            <GlobalSearch />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation" bg="gray.0">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {MODULES.map((module) => (
              <NavLink
                key={module.path}
                component={Link}
                to={module.path}
                label={module.label}
                leftSection={<module.icon size={18} stroke={1.7} />}
                active={isActive(module.path)}
                onClick={mobile.close}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                fw={500}
              />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <NavLink
            component={Link}
            to="/settings"
            label="Settings"
            leftSection={<IconSettings size={18} stroke={1.7} />}
            active={isActive('/settings')}
            onClick={mobile.close}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            fw={500}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="white">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
