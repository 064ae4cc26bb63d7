import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { UNIT_LABELS } from '../labels';
import type { RelativeAmount, TimeUnit } from '../types';

// Small inputs the condition rows share. Each has an accessible name: the rows have no
// visible labels, to read as a sentence ("Viewed page /pricing at least 3 times …").

const UNIT_OPTIONS = (Object.keys(UNIT_LABELS) as TimeUnit[]).map((unit) => ({ value: unit, label: UNIT_LABELS[unit] }));

/** A select sized to sit inside a row. */
export function RowSelect<Value extends string>({
  label,
  data,
  value,
  onChange,
  w = 140,
  placeholder,
}: {
  label: string;
  data: { value: Value; label: string }[];
  value: Value | null;
  onChange: (value: Value) => void;
  w?: number;
  placeholder?: string;
}) {
  return (
    <Select<Value>
      size="xs"
      aria-label={label}
      data={data}
      value={value}
      onChange={(next) => next !== null && onChange(next)}
      allowDeselect={false}
      placeholder={placeholder}
      w={w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function RowNumber({ label, value, onChange, min, max, w = 80 }: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  w?: number;
}) {
  // What the input shows: it may be empty for a moment while the person types a new number,
  // which the condition keeps its last number through.
  const [text, setText] = useState<string | number>(value);
  useEffect(() => setText((current) => (current === value ? current : value)), [value]);
  return (
    <NumberInput
      size="xs"
      aria-label={label}
      value={text}
      onChange={(next) => {
        setText(next);
        if (typeof next === 'number') onChange(next);
      }}
      min={min}
      max={max}
      w={w}
    />
  );
}

/** An ISO day; an instant sent as one shows its day. */
export function RowDate({ label, value, onChange }: { label: string; value: string; onChange: (day: string) => void }) {
  return (
    <TextInput size="xs" type="date" aria-label={label} value={value.slice(0, 10)} onChange={(event) => onChange(event.currentTarget.value)} w={150} />
  );
}

/** "30 days": an amount and a unit, for "in the last" and "in the next". */
export function RelativeAmountInput({ value, onChange }: { value: RelativeAmount; onChange: (value: RelativeAmount) => void }) {
  return (
    <Group gap={6} wrap="nowrap">
      <RowNumber label="Amount" value={value.amount} min={1} w={72} onChange={(amount) => onChange({ ...value, amount })} />
      <RowSelect label="Unit" data={UNIT_OPTIONS} value={value.unit} w={110} onChange={(unit) => onChange({ ...value, unit })} />
    </Group>
  );
}
