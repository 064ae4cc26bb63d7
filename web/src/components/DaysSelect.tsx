import { Select } from '@mantine/core';

const PERIODS = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 365 days' },
];

/** The rolling period a results panel counts over, in days. */
export function DaysSelect({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  return <Select aria-label="Period" data={PERIODS} value={String(days)} onChange={(value) => value && onChange(Number(value))} allowDeselect={false} w={170} />;
}
