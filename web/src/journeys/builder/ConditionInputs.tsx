import { Alert, Box, Button, Group, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useCatalog, useLists, useSegments } from '../../segments/api';
import { BuilderProvider } from '../../segments/builder/BuilderContext';
import { DefinitionBuilder } from '../../segments/builder/DefinitionBuilder';
import { toDefinition, toDraft, type DraftGroup } from '../../segments/builder/draft';
import { AddPropertyFilterButton, EventSpecInput, PropertyFiltersEditor } from '../../segments/builder/EventInputs';
import type { Condition } from '../../segments/types';
import { describeTree } from '../format';
import type { EventTrigger } from '../types';
import type { JourneyNames } from './summary';

// Journeys say their conditions in the segment condition language, with the segment builder.

const ALWAYS: Condition = { type: 'and', conditions: [] };

function draftOf(condition: Condition | null): DraftGroup {
  return toDraft({ version: 1, match: condition ?? ALWAYS });
}

/** The condition a draft says; one condition alone is sent without its group. */
function conditionOf(draft: DraftGroup): Condition {
  const match = toDefinition(draft).match;
  if (match.type === 'and' && match.conditions.length === 1) return match.conditions[0]!;
  return match;
}

interface ConditionFieldProps {
  label: string;
  /** What the condition decides, under the label. */
  description?: string;
  value: Condition | null;
  onChange: (condition: Condition | null) => void;
  names: JourneyNames;
  /** Goal and exit conditions may be left out. */
  optional?: boolean;
  problems?: string[];
  disabled?: boolean;
}

/** A condition as a sentence, edited in the segment builder in a dialog. */
export function ConditionField({ label, description, value, onChange, names, optional, problems = [], disabled }: ConditionFieldProps) {
  const [draft, setDraft] = useState<DraftGroup | null>(null);
  const empty = value === null || ((value.type === 'and' || value.type === 'or') && value.conditions.length === 0);
  return (
    <Stack gap={4}>
      <Text fz="sm" fw={500}>
        {label}
      </Text>
      {description && (
        <Text fz="xs" c="dimmed">
          {description}
        </Text>
      )}
      <Paper withBorder radius="md" p="xs" bg="gray.0" style={problems.length > 0 ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <IconFilter size={15} color="var(--mantine-color-gray-6)" style={{ marginTop: 2, flexShrink: 0 }} />
          <Text fz="sm" c={empty ? 'dimmed' : undefined} aria-label={`${label} summary`} style={{ overflowWrap: 'anywhere' }}>
            {empty ? (optional ? 'None' : 'No conditions yet') : describeTree(value, names)}
          </Text>
        </Group>
      </Paper>
      {problems.map((problem) => (
        <Text key={problem} fz="xs" c="red.7">
          {problem}
        </Text>
      ))}
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={() => setDraft(draftOf(value))} disabled={disabled}>
          {empty ? `Set ${label.toLowerCase()}` : `Edit ${label.toLowerCase()}`}
        </Button>
        {optional && !empty && (
          <Button size="xs" variant="subtle" color="gray" onClick={() => onChange(null)} disabled={disabled}>
            Remove
          </Button>
        )}
      </Group>
      <Modal opened={draft !== null} onClose={() => setDraft(null)} title={label} size={860}>
        {draft && (
          <Stack gap="md">
            {description && (
              <Text fz="sm" c="dimmed">
                {description}
              </Text>
            )}
            <DefinitionBuilder draft={draft} onChange={setDraft} issues={[]} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDraft(null)}>
                Cancel
              </Button>
              <Button
                onClick={() => {
                  const next = conditionOf(draft);
                  const nothing = (next.type === 'and' || next.type === 'or') && next.conditions.length === 0;
                  onChange(optional && nothing ? null : next);
                  setDraft(null);
                }}
              >
                Apply
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** The catalog, segments and lists the condition inputs offer, for inputs outside the builder. */
export function ConditionDataProvider({ children }: { children: ReactNode }) {
  const catalog = useCatalog();
  const segments = useSegments();
  const lists = useLists();
  if (catalog.isPending || segments.isPending || lists.isPending) return <LoadingBlock />;
  const failed = catalog.error ?? segments.error ?? lists.error;
  if (failed) return <ErrorBlock error={failed} />;
  return <BuilderProvider value={{ catalog: catalog.data!, segments: segments.data!, lists: lists.data!, issues: [] }}>{children}</BuilderProvider>;
}

type EventKind = 'form' | 'track' | 'page' | 'opened' | 'clicked';

const EVENT_KINDS: { value: EventKind; label: string }[] = [
  { value: 'form', label: 'Submits a form' },
  { value: 'track', label: 'Performs an event' },
  { value: 'page', label: 'Views a page' },
  { value: 'opened', label: 'Opens an email' },
  { value: 'clicked', label: 'Clicks a link in an email' },
];

function eventKindOf(condition: EventTrigger): EventKind {
  if (condition.type === 'form') return 'form';
  if (condition.type === 'email') return condition.action;
  return condition.event.kind === 'page' ? 'page' : 'track';
}

function eventOfKind(kind: EventKind): EventTrigger {
  switch (kind) {
    case 'form': return { type: 'form' };
    case 'opened':
    case 'clicked': return { type: 'email', action: kind };
    case 'page': return { type: 'event', event: { kind: 'page', path: '', match: 'equals' } };
    case 'track': return { type: 'event', event: { kind: 'track', name: '' } };
  }
}

/** One event that enrols a contact or ends a wait: a form, an event with properties, an email engagement. */
export function EventTriggerEditor({ label, value, onChange, disabled }: { label: string; value: EventTrigger; onChange: (value: EventTrigger) => void; disabled?: boolean }) {
  const kind = eventKindOf(value);
  return (
    <Stack gap="xs">
      <Select
        label={label}
        data={EVENT_KINDS}
        value={kind}
        onChange={(next) => next && next !== kind && onChange(eventOfKind(next as EventKind))}
        allowDeselect={false}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
      {value.type === 'form' && (
        <TextInput
          label="Form ID"
          description="Leave empty for any form"
          placeholder="Any form"
          value={value.formId ?? ''}
          onChange={(event) => {
            const formId = event.currentTarget.value.trim();
            onChange(formId ? { type: 'form', formId } : { type: 'form' });
          }}
          disabled={disabled}
        />
      )}
      {value.type === 'email' && (
        <TextInput
          label="Email ID"
          description="Leave empty for any email"
          placeholder="Any email"
          value={value.emailId ?? ''}
          onChange={(event) => {
            const emailId = event.currentTarget.value.trim();
            onChange(emailId ? { type: 'email', action: value.action, emailId } : { type: 'email', action: value.action });
          }}
          disabled={disabled}
        />
      )}
      {value.type === 'event' && (
        <Box>
          <Group gap={6} wrap="wrap">
            <EventSpecInput event={value.event} onChange={(event) => onChange({ ...value, event })} />
            <AddPropertyFilterButton filters={value.filters ?? []} onChange={(filters) => onChange({ ...value, filters })} />
          </Group>
          <Box mt={6}>
            <PropertyFiltersEditor filters={value.filters ?? []} onChange={(filters) => onChange({ ...value, filters })} />
          </Box>
        </Box>
      )}
    </Stack>
  );
}

export function ProblemList({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <Alert color="red" variant="light" p="xs" title="Fix before launch">
      <Stack gap={2}>
        {problems.map((problem) => (
          <Text key={problem} fz="xs">
            {problem}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
