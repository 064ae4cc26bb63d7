import { Group, Select, Stack, Text } from '@mantine/core';
import { AddPropertyFilterButton, EventSpecInput, PropertyFiltersEditor } from '../segments/builder/EventInputs';
import type { EngagementCondition } from './types';

type Activity = 'page' | 'track' | 'email_opened' | 'email_clicked' | 'form';

const ACTIVITIES: { value: Activity; label: string }[] = [
  { value: 'page', label: 'Views a page' },
  { value: 'track', label: 'Performs an event' },
  { value: 'email_opened', label: 'Opens an email' },
  { value: 'email_clicked', label: 'Clicks a link in an email' },
  { value: 'form', label: 'Submits a form' },
];

export function activityOf(condition: EngagementCondition): Activity {
  if (condition.type === 'event') return condition.event.kind;
  if (condition.type === 'email') return condition.action === 'opened' ? 'email_opened' : 'email_clicked';
  return 'form';
}

export function newEngagementCondition(activity: Activity = 'page'): EngagementCondition {
  switch (activity) {
    case 'page':
      return { type: 'event', event: { kind: 'page', path: '', match: 'equals' } };
    case 'track':
      return { type: 'event', event: { kind: 'track', name: '' } };
    case 'email_opened':
      return { type: 'email', action: 'opened' };
    case 'email_clicked':
      return { type: 'email', action: 'clicked' };
    case 'form':
      return { type: 'form' };
  }
}

interface EngagementConditionEditorProps {
  condition: EngagementCondition;
  onChange: (condition: EngagementCondition) => void;
  /** The server's word on the condition, shown under it. */
  message: string | undefined;
}

/** The one activity each occurrence of which earns the points: a page, an event with its properties, an email, a form. */
export function EngagementConditionEditor({ condition, onChange, message }: EngagementConditionEditorProps) {
  const activity = activityOf(condition);
  const filters = condition.type === 'event' ? (condition.filters ?? []) : [];
  const setFilters = (next: typeof filters) => condition.type === 'event' && onChange({ ...condition, filters: next.length ? next : undefined });
  return (
    <Stack
      gap={6}
      role="group"
      aria-label="Activity"
      aria-invalid={message ? true : undefined}
      p="xs"
      style={{
        border: `1px solid var(--mantine-color-${message ? 'red-5' : 'gray-3'})`,
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      <Group gap={6} wrap="wrap" align="center">
        <Select
          size="xs"
          aria-label="When a contact"
          data={ACTIVITIES}
          value={activity}
          onChange={(next) => next && next !== activity && onChange(newEngagementCondition(next as Activity))}
          allowDeselect={false}
          w={200}
          comboboxProps={{ withinPortal: true }}
        />
        {condition.type === 'event' && (
          <>
            <EventSpecInput event={condition.event} onChange={(event) => onChange({ ...condition, event: event as typeof condition.event })} />
            <AddPropertyFilterButton filters={filters} onChange={setFilters} />
          </>
        )}
      </Group>
      <PropertyFiltersEditor filters={filters} onChange={setFilters} />
      {message && (
        <Text fz="xs" c="red.7">
          {message}
        </Text>
      )}
    </Stack>
  );
}
