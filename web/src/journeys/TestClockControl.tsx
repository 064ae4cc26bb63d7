import { Button, Group, NumberInput, Popover, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClockPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { formatDateTime, formatTimestamp } from '../app/format';
import { useAdvanceClock, useTestClock } from './api';

const HOUR_MS = 3_600_000;

/** Moves the server's clock forward, in a test environment only; shows nothing elsewhere. */
export function TestClockControl() {
  const me = useCurrentMe();
  const clock = useTestClock();
  const advance = useAdvanceClock();
  const [days, setDays] = useState<number>(1);
  const [hours, setHours] = useState<number>(0);
  const [opened, setOpened] = useState(false);
  // Moving the clock is an admin's (the server refuses anyone else).
  if (!clock.data?.enabled || me.workspace.role !== 'admin') return null;
  const ms = (days * 24 + hours) * HOUR_MS;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow shadow="md" width={280}>
      <Popover.Target>
        <Button
          variant="light"
          color="orange"
          leftSection={<IconClockPlay size={16} />}
          onClick={() => setOpened((open) => !open)}
          aria-label="Test clock"
          title="Test environment: the server's clock"
        >
          <Text span fz="sm" fw={600} aria-label="Test clock time">
            {formatTimestamp(clock.data.now)}
          </Text>
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm" role="group" aria-label="Advance the test clock">
          <Text fz="xs" c="dimmed">
            Test environment: moves the server's clock forward, so waits and timers fall due now.
          </Text>
          <Group grow gap="xs">
            <NumberInput label="Days" value={days} min={0} onChange={(value) => setDays(typeof value === 'number' ? value : 0)} />
            <NumberInput label="Hours" value={hours} min={0} onChange={(value) => setHours(typeof value === 'number' ? value : 0)} />
          </Group>
          <Button
            color="orange"
            disabled={ms <= 0}
            loading={advance.isPending}
            onClick={() =>
              advance.mutate(ms, {
                onSuccess: (answer) => {
                  setOpened(false);
                  notifications.show({ color: 'orange', message: `Test clock now ${formatDateTime(answer.now)}` });
                },
                onError: (error) => notifications.show({ color: 'red', title: 'Clock not advanced', message: errorMessage(error) }),
              })
            }
          >
            Advance clock
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
