import { Group, Select, TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { CustomField } from '../types';
import { OwnerSelect } from './OwnerSelect';

interface DebouncedInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  delay?: number;
}

/** A text filter that applies itself a moment after the person stops typing. */
export function DebouncedInput({ value, onChange, delay = 300, ...rest }: DebouncedInputProps) {
  const [text, setText] = useState(value);
  const apply = useDebouncedCallback((next: string) => onChange(next.trim()), delay);
  // The URL may change from elsewhere (Clear filters, back button).
  useEffect(() => setText(value), [value]);
  return (
    <TextInput
      {...rest}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        apply(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          apply.cancel?.();
          onChange(text.trim());
        }
      }}
    />
  );
}

interface CustomFieldFilterProps {
  fields: CustomField[];
  /** The filtered field's key and value, or null. */
  filter: { key: string; value: string } | null;
  onChange: (filter: { key: string; value: string } | null) => void;
  size?: 'xs' | 'sm';
}

const BOOLEAN_OPTIONS = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** Filter by one custom field: pick the field, then a value in the input that fits its type. */
export function CustomFieldFilter({ fields, filter, onChange, size = 'xs' }: CustomFieldFilterProps) {
  const [key, setKey] = useState<string | null>(filter?.key ?? null);
  useEffect(() => setKey(filter?.key ?? null), [filter?.key]);
  const field = fields.find((f) => f.key === key);
  if (fields.length === 0) return null;

  const setValue = (value: string | null) => {
    if (!key) return;
    onChange(value ? { key, value } : null);
  };
  const value = filter && filter.key === key ? filter.value : '';

  let input = null;
  if (field) {
    if (field.type === 'select' || field.type === 'multi_select') {
      input = (
        <Select size={size} label={`${field.label} is`} data={field.options} value={value || null} onChange={setValue} clearable w={170} comboboxProps={{ withinPortal: true }} />
      );
    } else if (field.type === 'boolean') {
      input = (
        <Select size={size} label={`${field.label} is`} data={BOOLEAN_OPTIONS} value={value || null} onChange={setValue} clearable w={120} comboboxProps={{ withinPortal: true }} />
      );
    } else {
      input = (
        <DebouncedInput
          size={size}
          label={`${field.label} is`}
          type={field.type === 'date' ? 'date' : field.type === 'number' ? 'number' : 'text'}
          value={value}
          onChange={(next) => setValue(next || null)}
          w={150}
        />
      );
    }
  }

  return (
    <Group gap={6} align="flex-end" wrap="nowrap">
      <Select
        size={size}
        label="Custom field"
        placeholder="Any field"
        data={fields.map((f) => ({ value: f.key, label: f.label }))}
        value={key}
        onChange={(next) => {
          setKey(next);
          if (!next || next !== filter?.key) onChange(null);
        }}
        clearable
        w={150}
        comboboxProps={{ withinPortal: true }}
      />
      {input}
    </Group>
  );
}

/** The "Owner" filter of a record list: any member, no "Unassigned" choice. */
export function OwnerFilter({ value, onChange }: { value: string | null; onChange: (userId: string | null) => void }) {
  return (
    <OwnerSelect size="xs" label="Owner" placeholder="Any owner" allowUnassigned={false} clearable value={value} onChange={onChange} w={150} />
  );
}
