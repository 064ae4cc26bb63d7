import { ActionIcon, Autocomplete, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { COUNT_LABELS, PAGE_MATCH_LABELS, PROPERTY_OPERATOR_LABELS } from '../labels';
import type { CountOperator, EventCount, EventSpec, EventWindow, PageMatch, PropertyFilter, PropertyOperator } from '../types';
import { useBuilder } from './BuilderContext';
import { RelativeAmountInput, RowDate, RowNumber, RowSelect } from './inputs';

// The parts of the behaviour conditions: what was performed, how often, when, and with
// which properties.

const options = <T extends string>(labels: Record<T, string>) => (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

/** The page path or event name, suggested from what the workspace saw in the last 90 days. */
export function EventSpecInput({ event, onChange }: { event: EventSpec; onChange: (event: EventSpec) => void }) {
  const { catalog } = useBuilder();
  if (event.kind === 'any') return null;
  if (event.kind === 'page') {
    return (
      <>
        <RowSelect
          label="Page match"
          data={options(PAGE_MATCH_LABELS)}
          value={event.match ?? 'equals'}
          w={120}
          onChange={(match: PageMatch) => onChange({ ...event, match })}
        />
        <Suggest
          label="Page path"
          placeholder="/pricing"
          value={event.path}
          suggestions={catalog.pages.map((page) => ({ value: page.path, count: page.count }))}
          onChange={(path) => onChange({ ...event, path })}
        />
      </>
    );
  }
  return (
    <Suggest
      label="Event name"
      placeholder="Signed Up"
      value={event.name}
      suggestions={catalog.events.map((known) => ({ value: known.name, count: known.count }))}
      onChange={(name) => onChange({ ...event, name })}
    />
  );
}

/** A free text input that suggests the values seen, with how often each was seen. */
function Suggest({ label, placeholder, value, suggestions, onChange }: {
  label: string;
  placeholder: string;
  value: string;
  suggestions: { value: string; count: number }[];
  onChange: (value: string) => void;
}) {
  const counts = new Map(suggestions.map((suggestion) => [suggestion.value, suggestion.count]));
  return (
    <Autocomplete
      size="xs"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={onChange}
      data={suggestions.map((suggestion) => suggestion.value)}
      limit={20}
      w={200}
      comboboxProps={{ withinPortal: true }}
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" w="100%" gap="sm">
          <Text fz="sm" truncate>
            {option.value}
          </Text>
          <Text fz="xs" c="dimmed">
            {(counts.get(option.value) ?? 0).toLocaleString()}
          </Text>
        </Group>
      )}
    />
  );
}

/** "at least 3 times". */
export function CountInput({ count, onChange }: { count: EventCount; onChange: (count: EventCount) => void }) {
  return (
    <>
      <RowSelect
        label="How many times"
        data={options(COUNT_LABELS)}
        value={count.operator}
        w={110}
        onChange={(operator: CountOperator) => onChange({ ...count, operator })}
      />
      <RowNumber label="Times" value={count.value} min={0} w={72} onChange={(value) => onChange({ ...count, value })} />
      <Text fz="sm" c="dimmed">
        {count.value === 1 ? 'time' : 'times'}
      </Text>
    </>
  );
}

const WINDOW_TYPES: { value: EventWindow['type']; label: string }[] = [
  { value: 'last', label: 'in the last' },
  { value: 'ever', label: 'ever' },
  { value: 'between', label: 'between' },
];

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
// A window between two days holds both days whole (UTC): from the start of one to the end of the other.
const startOfDay = (day: string) => `${day}T00:00:00Z`;
const endOfDay = (day: string) => `${day}T23:59:59Z`;

function windowOfType(type: EventWindow['type']): EventWindow {
  if (type === 'ever') return { type: 'ever' };
  if (type === 'last') return { type: 'last', amount: 30, unit: 'days' };
  return { type: 'between', from: startOfDay(daysAgo(30)), to: endOfDay(today()) };
}

/** When it counts: "in the last 30 days", "ever", or "between" two days. */
export function WindowInput({ window, onChange }: { window: EventWindow; onChange: (window: EventWindow) => void }) {
  return (
    <>
      <RowSelect label="When" data={WINDOW_TYPES} value={window.type} w={110} onChange={(type) => type !== window.type && onChange(windowOfType(type))} />
      {window.type === 'last' && (
        <RelativeAmountInput value={window} onChange={(amount) => onChange({ type: 'last', ...amount })} />
      )}
      {window.type === 'between' && (
        <>
          <RowDate label="From" value={window.from} onChange={(day) => onChange({ ...window, from: startOfDay(day) })} />
          <Text fz="sm" c="dimmed">
            and
          </Text>
          <RowDate label="To" value={window.to} onChange={(day) => onChange({ ...window, to: endOfDay(day) })} />
        </>
      )}
    </>
  );
}

const NUMERIC_PROPERTY_OPERATORS: readonly PropertyOperator[] = ['gt', 'gte', 'lt', 'lte'];

/** Typed text; a number where the operator compares numbers ("seats more than 3"). */
function propertyValue(operator: PropertyOperator, text: string): string | number {
  return NUMERIC_PROPERTY_OPERATORS.includes(operator) && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** "with plan is pro": filters on the event's properties, each on a line of its own. */
export function PropertyFiltersEditor({ filters, onChange }: { filters: PropertyFilter[]; onChange: (filters: PropertyFilter[]) => void }) {
  if (filters.length === 0) return null;
  const update = (index: number, filter: PropertyFilter) => onChange(filters.map((current, i) => (i === index ? filter : current)));
  return (
    <Stack gap={6}>
      {filters.map((filter, index) => (
        <Group key={index} gap={6} wrap="nowrap" role="group" aria-label={`Property filter ${index + 1}`}>
          <Text fz="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {index === 0 ? 'with' : 'and'}
          </Text>
          <TextInput
            size="xs"
            aria-label="Property"
            placeholder="plan"
            value={filter.property}
            onChange={(event) => update(index, { ...filter, property: event.currentTarget.value })}
            w={130}
          />
          <RowSelect
            label="Property operator"
            data={options(PROPERTY_OPERATOR_LABELS)}
            value={filter.operator}
            w={120}
            onChange={(operator: PropertyOperator) =>
              update(index, operator === 'is_set' || operator === 'is_not_set'
                ? { property: filter.property, operator }
                : { ...filter, operator, value: propertyValue(operator, String(filter.value ?? '')) })
            }
          />
          {filter.operator !== 'is_set' && filter.operator !== 'is_not_set' && (
            <TextInput
              size="xs"
              aria-label="Property value"
              placeholder="pro"
              value={String(filter.value ?? '')}
              onChange={(event) => update(index, { ...filter, value: propertyValue(filter.operator, event.currentTarget.value) })}
              w={130}
            />
          )}
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label="Remove property filter" onClick={() => onChange(filters.filter((_, i) => i !== index))}>
            <IconX size={14} />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}

/** Adds an empty property filter under the row. */
export function AddPropertyFilterButton({ filters, onChange }: { filters: PropertyFilter[]; onChange: (filters: PropertyFilter[]) => void }) {
  return (
    <Button
      variant="subtle"
      size="compact-xs"
      leftSection={<IconPlus size={12} />}
      onClick={() => onChange([...filters, { property: '', operator: 'equals', value: '' }])}
    >
      Property
    </Button>
  );
}
