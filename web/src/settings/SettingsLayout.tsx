import { Box, Flex, NavLink, Stack, Text } from '@mantine/core';
import { IconBroadcast, IconBuilding, IconForms, IconHistory, IconKey, IconMail, IconMailCheck, IconShieldCheck, IconStairsUp, IconUsers } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';

const SECTIONS = [
  { path: '/settings/users', label: 'Users', icon: IconUsers },
  { path: '/settings/api-keys', label: 'API keys', icon: IconKey },
  { path: '/settings/audit-log', label: 'Audit log', icon: IconHistory },
  { path: '/settings/workspace', label: 'Workspace', icon: IconBuilding },
  { path: '/settings/custom-fields', label: 'Custom fields', icon: IconForms },
  { path: '/settings/data-quality', label: 'Data quality', icon: IconShieldCheck },
  { path: '/settings/tracking', label: 'Tracking', icon: IconBroadcast },
  { path: '/settings/lifecycle', label: 'Lifecycle', icon: IconStairsUp },
  { path: '/settings/consent', label: 'Consent', icon: IconMailCheck },
  { path: '/settings/email', label: 'Email', icon: IconMail },
] as const;

export function SettingsLayout() {
  const { pathname } = useLocation();
  return (
    <Flex mih="calc(100vh - 60px)">
      <Box
        component="nav"
        aria-label="Settings"
        w={200}
        p="md"
        style={{ borderRight: '1px solid var(--mantine-color-gray-3)', flexShrink: 0 }}
      >
        <Text fz="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb="xs">
          Settings
        </Text>
        <Stack gap={2}>
          {SECTIONS.map((section) => (
            <NavLink
              key={section.path}
              component={Link}
              to={section.path}
              label={section.label}
              leftSection={<section.icon size={17} stroke={1.7} />}
              active={pathname.startsWith(section.path)}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
        </Stack>
      </Box>
      <Box flex={1} p="xl" miw={0}>
        <Outlet />
      </Box>
    </Flex>
  );
}
