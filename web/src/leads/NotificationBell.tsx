import { ActionIcon, Anchor, Box, Group, Indicator, Popover, ScrollArea, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconBell, IconBellOff, IconSparkles, type Icon } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { useMarkNotificationsRead, useNotifications } from './api';
import type { AppNotification } from './types';

const KIND_LOOKS: Record<string, { icon: Icon; color: string }> = {
  'lead.assigned': { icon: IconSparkles, color: 'indigo' },
  'lead.sla_reminder': { icon: IconAlarm, color: 'orange' },
  'lead.sla_breached': { icon: IconAlertTriangle, color: 'red' },
};

/** The bell in the header: the unread count, and the latest notifications a click away. */
export function NotificationBell() {
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const follow = (item: AppNotification) => {
    if (!item.readAt) markRead.mutate([item.id]);
    setOpened(false);
    if (item.link) void navigate(item.link);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" radius="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={18}
          offset={6}
          color="red"
          disabled={unread === 0}
          withBorder
          styles={{ indicator: { fontSize: 10, fontWeight: 700 } }}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            radius="xl"
            aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
            onClick={() => setOpened((value) => !value)}
          >
            <IconBell size={20} stroke={1.7} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label="Notifications" role="dialog">
        <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text fw={650} fz="sm">
            Notifications
          </Text>
          {unread > 0 && (
            <Anchor component="button" type="button" fz="xs" onClick={() => markRead.mutate(undefined)}>
              Mark all as read
            </Anchor>
          )}
        </Group>
        {items.length === 0 ? (
          <Stack align="center" gap={6} py="xl" px="md">
            <ThemeIcon variant="light" color="gray" radius="xl" size={40}>
              <IconBellOff size={20} />
            </ThemeIcon>
            <Text fz="sm" c="dimmed" ta="center">
              Nothing yet. New leads, SLA reminders and escalations show up here.
            </Text>
          </Stack>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Notification list">
              {items.map((item) => {
                const look = KIND_LOOKS[item.kind] ?? { icon: IconBell, color: 'gray' };
                return (
                  <Box component="li" key={item.id} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }}>
                    <UnstyledButton
                      onClick={() => follow(item)}
                      px="md"
                      py="sm"
                      w="100%"
                      data-unread={!item.readAt || undefined}
                      aria-label={`${item.readAt ? '' : 'Unread: '}${item.title}`}
                      style={{ display: 'block', background: item.readAt ? undefined : 'var(--mantine-color-indigo-0)' }}
                    >
                      <Group gap="sm" wrap="nowrap" align="flex-start">
                        <ThemeIcon variant="light" color={look.color} radius="xl" size={30}>
                          <look.icon size={16} />
                        </ThemeIcon>
                        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                          <Text fz="sm" fw={item.readAt ? 500 : 650} style={{ overflowWrap: 'anywhere' }}>
                            {item.title}
                          </Text>
                          {item.body && (
                            <Text fz="xs" c="dimmed" lineClamp={2}>
                              {item.body}
                            </Text>
                          )}
                          <Text fz="xs" c="dimmed" title={formatDateTime(item.createdAt)}>
                            {formatRelative(item.createdAt)}
                          </Text>
                        </Stack>
                        {!item.readAt && <Box w={8} h={8} mt={6} bg="indigo.6" style={{ borderRadius: 4, flexShrink: 0 }} aria-hidden />}
                      </Group>
                    </UnstyledButton>
                  </Box>
                );
              })}
            </Box>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
