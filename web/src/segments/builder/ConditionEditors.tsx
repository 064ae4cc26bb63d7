import { Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { EVENT_TIME_LABELS, EVENT_TIME_OPERATORS } from '../labels';
import type {
  BucketCondition,
  EmailCondition,
  EventCondition,
  EventSpec,
  EventTimeCondition,
  FormCondition,
  Leaf,
  ListCondition,
  SegmentCondition,
} from '../types';
import { useBuilder } from './BuilderContext';
import { valueForOperator } from './conditionKinds';
import { AddPropertyFilterButton, CountInput, EventSpecInput, PropertyFiltersEditor, WindowInput } from './EventInputs';
import { FieldConditionEditor, FieldValueInput } from './FieldConditionEditor';
import { RowNumber, RowSelect } from './inputs';

/** The inputs of a row after its picker, for the row's node type. */
export function LeafEditor({ condition, onChange }: { condition: Leaf; onChange: (condition: Leaf) => void }) {
  switch (condition.type) {
    case 'field':
      return <Inline><FieldConditionEditor condition={condition} onChange={onChange} /></Inline>;
    case 'event':
      return <EventConditionEditor condition={condition} onChange={onChange} />;
    case 'event_time':
      return <EventTimeConditionEditor condition={condition} onChange={onChange} />;
    case 'email':
      return <EmailConditionEditor condition={condition} onChange={onChange} />;
    case 'form':
      return <FormConditionEditor condition={condition} onChange={onChange} />;
    case 'segment':
      return <SegmentConditionEditor condition={condition} onChange={onChange} />;
    case 'list':
      return <ListConditionEditor condition={condition} onChange={onChange} />;
    case 'bucket':
      return <BucketConditionEditor condition={condition} onChange={onChange} />;
  }
}

/** The inputs of a row, wrapping onto a second line when the row is narrow. */
function Inline({ children }: { children: ReactNode }) {
  return (
    <Group gap={6} wrap="wrap" align="center">
      {children}
    </Group>
  );
}

/** "Viewed page /pricing at least 3 times in the last 30 days", or "did not" (a count of 0). */
function EventConditionEditor({ condition, onChange }: { condition: EventCondition; onChange: (condition: EventCondition) => void }) {
  const never = condition.count?.operator === 'eq' && condition.count.value === 0;
  const filters = condition.filters ?? [];
  return (
    <Stack gap={6}>
      <Inline>
        <EventSpecInput event={condition.event} onChange={(event) => onChange({ ...condition, event })} />
        {!never && <CountInput count={condition.count ?? { operator: 'gte', value: 1 }} onChange={(count) => onChange({ ...condition, count })} />}
        <WindowInput window={condition.window ?? { type: 'ever' }} onChange={(window) => onChange({ ...condition, window })} />
        <AddPropertyFilterButton filters={filters} onChange={(next) => onChange({ ...condition, filters: next })} />
      </Inline>
      <PropertyFiltersEditor filters={filters} onChange={(next) => onChange({ ...condition, filters: next })} />
    </Stack>
  );
}

const ACTIVITY_OPTIONS: { value: EventSpec['kind']; label: string }[] = [
  { value: 'track', label: 'event' },
  { value: 'page', label: 'page view' },
  { value: 'any', label: 'any activity' },
];

function specOfKind(kind: EventSpec['kind']): EventSpec {
  return kind === 'page' ? { kind, path: '', match: 'equals' } : kind === 'track' ? { kind, name: '' } : { kind };
}

const DATE_FIELD = { type: 'date' } as const;

/** "Last performed Signed Up in the last 7 days": when an event (or page view) was first or last performed. */
function EventTimeConditionEditor({ condition, onChange }: { condition: EventTimeCondition; onChange: (condition: EventTimeCondition) => void }) {
  const filters = condition.filters ?? [];
  return (
    <Stack gap={6}>
      <Inline>
        <RowSelect
          label="Activity"
          data={ACTIVITY_OPTIONS}
          value={condition.event.kind}
          w={120}
          onChange={(kind) => kind !== condition.event.kind && onChange({ ...condition, event: specOfKind(kind) })}
        />
        <EventSpecInput event={condition.event} onChange={(event) => onChange({ ...condition, event })} />
        <RowSelect
          label="Operator"
          data={EVENT_TIME_OPERATORS.map((operator) => ({ value: operator, label: EVENT_TIME_LABELS[operator]! }))}
          value={condition.operator}
          w={130}
          onChange={(operator) =>
            onChange({ ...condition, operator, value: valueForOperator(DATE_FIELD, condition.operator, operator, condition.value) })
          }
        />
        <FieldValueInput field={DATE_FIELD} operator={condition.operator} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />
        <AddPropertyFilterButton filters={filters} onChange={(next) => onChange({ ...condition, filters: next })} />
      </Inline>
      <PropertyFiltersEditor filters={filters} onChange={(next) => onChange({ ...condition, filters: next })} />
    </Stack>
  );
}

/** An optional id: empty means any email (or form). */
function OptionalId({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string | undefined; onChange: (id: string | undefined) => void }) {
  return (
    <TextInput
      size="xs"
      aria-label={label}
      placeholder={placeholder}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value.trim() || undefined)}
      w={150}
    />
  );
}

function EmailConditionEditor({ condition, onChange }: { condition: EmailCondition; onChange: (condition: EmailCondition) => void }) {
  return (
    <Inline>
      <OptionalId label="Email ID" placeholder="Any email" value={condition.emailId} onChange={(emailId) => onChange({ ...condition, emailId })} />
      <WindowInput window={condition.window ?? { type: 'ever' }} onChange={(window) => onChange({ ...condition, window })} />
    </Inline>
  );
}

function FormConditionEditor({ condition, onChange }: { condition: FormCondition; onChange: (condition: FormCondition) => void }) {
  return (
    <Inline>
      <OptionalId label="Form ID" placeholder="Any form" value={condition.formId} onChange={(formId) => onChange({ ...condition, formId })} />
      <WindowInput window={condition.window ?? { type: 'ever' }} onChange={(window) => onChange({ ...condition, window })} />
    </Inline>
  );
}

/** Another segment; not the one being edited (the server refuses longer cycles with the path). */
function SegmentConditionEditor({ condition, onChange }: { condition: SegmentCondition; onChange: (condition: SegmentCondition) => void }) {
  const { segments, segmentId } = useBuilder();
  const data = segments.filter((segment) => segment.id !== segmentId).map((segment) => ({ value: segment.id, label: segment.name }));
  return <MembershipSelect label="Segment" data={data} value={condition.segmentId} onChange={(id) => onChange({ ...condition, segmentId: id })} />;
}

function ListConditionEditor({ condition, onChange }: { condition: ListCondition; onChange: (condition: ListCondition) => void }) {
  const { lists } = useBuilder();
  const data = lists.map((list) => ({ value: list.id, label: list.name }));
  return <MembershipSelect label="List" data={data} value={condition.listId} onChange={(id) => onChange({ ...condition, listId: id })} />;
}

function MembershipSelect({ label, data, value, onChange }: { label: string; data: { value: string; label: string }[]; value: string; onChange: (id: string) => void }) {
  // A deleted segment or list keeps its id in the definition (the segment is flagged): show it as such.
  const options = value && !data.some((option) => option.value === value) ? [...data, { value, label: `Deleted ${label.toLowerCase()}` }] : data;
  return (
    <Select
      size="xs"
      aria-label={label}
      placeholder={data.length === 0 ? `No ${label.toLowerCase()}s yet` : `Choose a ${label.toLowerCase()}`}
      data={options}
      value={value || null}
      onChange={(next) => next && onChange(next)}
      allowDeselect={false}
      searchable
      w={240}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** "Random bucket 0 to 9 with seed holdout": a stable tenth of all contacts. */
function BucketConditionEditor({ condition, onChange }: { condition: BucketCondition; onChange: (condition: BucketCondition) => void }) {
  return (
    <Inline>
      <RowNumber label="From bucket" value={condition.from} min={0} max={99} w={72} onChange={(from) => onChange({ ...condition, from })} />
      <Text fz="sm" c="dimmed">
        to
      </Text>
      <RowNumber label="To bucket" value={condition.to} min={0} max={99} w={72} onChange={(to) => onChange({ ...condition, to })} />
      <Text fz="sm" c="dimmed">
        of 0–99, seed
      </Text>
      <TextInput
        size="xs"
        aria-label="Seed"
        value={condition.seed}
        onChange={(event) => onChange({ ...condition, seed: event.currentTarget.value })}
        w={140}
      />
    </Inline>
  );
}
