import { Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { dayString, PRESETS, type Period, type PeriodPreset } from './period';

interface PeriodProps {
  period: Period;
  onChange: (next: Period) => void;
}

/** Last 30 or 90 days, 12 months, or days picked by hand: shared by every tab. */
export function PeriodPicker({ period, onChange }: PeriodProps) {
  return (
    <SegmentedControl
      aria-label="Period"
      size="xs"
      radius="md"
      value={period.preset}
      onChange={(value) => onChange({ ...period, preset: value as PeriodPreset })}
      data={PRESETS.map((preset) => ({ value: preset.value, label: preset.label }))}
    />
  );
}

/** The first and last day of a custom period, both included. */
export function CustomRange({ period, onChange, error }: PeriodProps & { error?: string }) {
  return (
    <Group gap={6} wrap="nowrap" align="center" role="group" aria-label="Custom period">
      {error && (
        <Text fz="xs" c="red.7" role="alert" mr={4}>
          {error}
        </Text>
      )}
      <Text fz="sm" c="dimmed" mr={2}>
        From
      </Text>
      <TextInput
        type="date"
        size="xs"
        aria-label="First day"
        leftSection={<IconCalendar size={14} />}
        value={period.fromDay}
        max={dayString(new Date())}
        onChange={(event) => onChange({ ...period, fromDay: event.currentTarget.value })}
        error={error ? true : undefined}
        w={150}
      />
      <Text fz="sm" c="dimmed" mx={2}>
        to
      </Text>
      <TextInput
        type="date"
        size="xs"
        aria-label="Last day"
        leftSection={<IconCalendar size={14} />}
        value={period.toDay}
        onChange={(event) => onChange({ ...period, toDay: event.currentTarget.value })}
        error={error ? true : undefined}
        w={150}
      />
    </Group>
  );
}
