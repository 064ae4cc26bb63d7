import { Group, MultiSelect, Select, TagsInput, Text, TextInput } from '@mantine/core';
import { operatorLabel, valueShape } from '../labels';
import type { CatalogField, FieldCondition, FieldValue, Option, RelativeAmount } from '../types';
import { useBuilder } from './BuilderContext';
import { valueForOperator } from './conditionKinds';
import { RelativeAmountInput, RowDate, RowNumber, RowSelect } from './inputs';

/** "Country is FI": the operators of the field's type, then a value input that fits both. */
export function FieldConditionEditor({ condition, onChange }: { condition: FieldCondition; onChange: (condition: FieldCondition) => void }) {
  const { catalog } = useBuilder();
  const field = catalog.fields.find((candidate) => candidate.key === condition.field);
  if (!field) {
    // An archived custom field: the segment is flagged and the row says so rather than guess.
    return (
      <Text fz="sm" c="dimmed">
        {condition.field} (no longer a field) {operatorLabel(condition.operator)}
      </Text>
    );
  }
  return (
    <>
      <RowSelect
        label="Operator"
        data={field.operators.map((operator) => ({ value: operator, label: operatorLabel(operator) }))}
        value={condition.operator}
        w={170}
        onChange={(operator) =>
          onChange({ ...condition, operator, value: valueForOperator(field, condition.operator, operator, condition.value) })
        }
      />
      <FieldValueInput field={field} operator={condition.operator} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />
    </>
  );
}

interface FieldValueInputProps {
  field: Pick<CatalogField, 'type' | 'options'>;
  operator: string;
  value: FieldValue | undefined;
  onChange: (value: FieldValue | undefined) => void;
}

/** The value of a field condition, in the input its type and operator call for. */
export function FieldValueInput({ field, operator, value, onChange }: FieldValueInputProps) {
  switch (valueShape(operator)) {
    case 'none':
      return null;
    case 'relative':
      return <RelativeAmountInput value={asRelative(value)} onChange={onChange} />;
    case 'range':
      return <RangeInput type={field.type} value={Array.isArray(value) ? value : []} onChange={onChange} />;
    case 'list':
      return <ListValueInput options={field.options} value={Array.isArray(value) ? value.map(String) : []} onChange={onChange} />;
    case 'single':
      return <SingleValueInput field={field} value={value} onChange={onChange} />;
  }
}

function asRelative(value: FieldValue | undefined): RelativeAmount {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : { amount: 30, unit: 'days' };
}

function SingleValueInput({ field, value, onChange }: Omit<FieldValueInputProps, 'operator'>) {
  if (field.type === 'number') {
    return <RowNumber label="Value" value={typeof value === 'number' ? value : 0} w={110} onChange={onChange} />;
  }
  if (field.type === 'date') {
    return <RowDate label="Value" value={typeof value === 'string' ? value : ''} onChange={onChange} />;
  }
  if (field.options && field.options.length > 0) {
    return <OptionSelect options={field.options} value={typeof value === 'string' ? value : null} onChange={onChange} />;
  }
  return (
    <TextInput
      size="xs"
      aria-label="Value"
      placeholder={field.type === 'tags' ? 'A tag' : 'Value'}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.currentTarget.value)}
      w={180}
    />
  );
}

function OptionSelect({ options, value, onChange }: { options: Option[]; value: string | null; onChange: (value: string) => void }) {
  return (
    <Select
      size="xs"
      aria-label="Value"
      placeholder="Choose"
      data={options}
      value={value}
      onChange={(next) => next !== null && onChange(next)}
      allowDeselect={false}
      searchable={options.length > 8}
      w={190}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Several values: picked from the options when the field has them, else typed (Enter or comma between). */
function ListValueInput({ options, value, onChange }: { options?: Option[]; value: string[]; onChange: (value: string[]) => void }) {
  if (options && options.length > 0) {
    return (
      <MultiSelect
        size="xs"
        aria-label="Values"
        placeholder={value.length === 0 ? 'Choose' : undefined}
        data={options}
        value={value}
        onChange={onChange}
        searchable
        miw={200}
        maw={360}
        comboboxProps={{ withinPortal: true }}
      />
    );
  }
  return (
    <TagsInput
      size="xs"
      aria-label="Values"
      placeholder={value.length === 0 ? 'Type and press Enter' : undefined}
      value={value}
      onChange={onChange}
      splitChars={[',']}
      acceptValueOnBlur
      miw={200}
      maw={360}
    />
  );
}

/** From and to, both included. */
function RangeInput({ type, value, onChange }: { type: CatalogField['type']; value: (string | number)[]; onChange: (value: FieldValue) => void }) {
  if (type === 'number') {
    const [low = 0, high = 0] = value.map(Number);
    return (
      <Group gap={6} wrap="nowrap">
        <RowNumber label="From" value={low} w={90} onChange={(next) => onChange([next, high])} />
        <Text fz="xs" c="dimmed">and</Text>
        <RowNumber label="To" value={high} w={90} onChange={(next) => onChange([low, next])} />
      </Group>
    );
  }
  const [from = '', to = ''] = value.map(String);
  return (
    <Group gap={6} wrap="nowrap">
      <RowDate label="From" value={from} onChange={(next) => onChange([next, to])} />
      <Text fz="xs" c="dimmed">and</Text>
      <RowDate label="To" value={to} onChange={(next) => onChange([from, next])} />
    </Group>
  );
}
