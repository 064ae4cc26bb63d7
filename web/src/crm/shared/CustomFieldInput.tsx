import { MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import type { CustomField } from '../types';

export type CustomValue = string | number | boolean | string[] | null;

interface CustomFieldInputProps {
  field: CustomField;
  value: CustomValue | undefined;
  onChange: (value: CustomValue) => void;
  error?: string;
  size?: 'xs' | 'sm';
}

const BOOLEAN_OPTIONS = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** The input that fits a custom field's type; an empty input means "no value" (null). */
export function CustomFieldInput({ field, value, onChange, error, size = 'sm' }: CustomFieldInputProps) {
  const common = { label: field.label, required: field.required, withAsterisk: field.required, error, size };
  switch (field.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : next === '' ? null : Number(next))}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value || null)}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          data={BOOLEAN_OPTIONS}
          value={typeof value === 'boolean' ? String(value) : null}
          placeholder="Not set"
          clearable={!field.required}
          onChange={(next) => onChange(next === null ? null : next === 'true')}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={field.options}
          value={typeof value === 'string' ? value : null}
          placeholder="Choose…"
          clearable={!field.required}
          searchable={field.options.length > 8}
          onChange={(next) => onChange(next)}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'multi_select':
      return (
        <MultiSelect
          {...common}
          data={field.options}
          value={Array.isArray(value) ? value : []}
          placeholder={Array.isArray(value) && value.length ? undefined : 'Choose…'}
          clearable
          searchable={field.options.length > 8}
          onChange={(next) => onChange(next.length ? next : null)}
          comboboxProps={{ withinPortal: true }}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)}
          onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
        />
      );
  }
}

/** Only the values that differ from `before`, with null for a value that was removed. */
export function changedCustomValues(before: Record<string, unknown>, after: Record<string, CustomValue>): Record<string, CustomValue> {
  const changes: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(after)) {
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (before[key] !== undefined) changes[key] = null;
    } else if (JSON.stringify(before[key]) !== JSON.stringify(value)) {
      changes[key] = value;
    }
  }
  return changes;
}
