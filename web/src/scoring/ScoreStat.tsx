import { Stack, Text } from '@mantine/core';

/** A labelled number of a score card: "Fit 45 · grade B". */
export function ScoreStat({ label, value, hint, name }: { label: string; value: string; hint?: string; name: string }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text fz={11} fw={500} c="dimmed" truncate title={label}>
        {label}
      </Text>
      <Text fz={20} fw={700} lh={1.25} aria-label={name} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint && (
        <Text fz="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}
