import { ActionIcon, Badge, Box, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment, useMemo } from 'react';
import { useBuilder } from '../segments/builder/BuilderContext';
import { newCondition } from '../segments/builder/conditionKinds';
import { DefinitionBuilder } from '../segments/builder/DefinitionBuilder';
import { FieldConditionEditor } from '../segments/builder/FieldConditionEditor';
import type { Catalog, FieldCondition } from '../segments/types';
import { rowOfPath, type FitDraft, type FitRow } from './fitDraft';

/** The server's word on the condition: where it points and what it says. */
export interface ConditionIssue {
  path: string;
  message: string;
}

/** A fit rule reads who the contact is: these groups of the catalog (not scores, not behaviour). */
const FIT_GROUPS = ['Contact', 'Company', 'Contact custom fields', 'Company custom fields'];

function fieldOptions(catalog: Catalog) {
  return FIT_GROUPS.map((group) => ({
    group,
    items: catalog.fields.filter((field) => field.group === group).map((field) => ({ value: field.key, label: field.label })),
  })).filter((group) => group.items.length > 0);
}

interface FitConditionEditorProps {
  draft: FitDraft;
  onChange: (draft: FitDraft) => void;
  issue: ConditionIssue | null;
}

/** Field conditions on the contact and its company, joined by AND or OR. */
export function FitConditionEditor({ draft, onChange, issue }: FitConditionEditorProps) {
  const { catalog } = useBuilder();
  const options = useMemo(() => fieldOptions(catalog), [catalog]);

  if (draft.mode === 'advanced') {
    const issues = issue ? [{ path: issue.path.replace(/^condition/, 'match'), message: issue.message, severity: 'error' as const }] : [];
    return <DefinitionBuilder draft={draft.root} onChange={(root) => onChange({ mode: 'advanced', root })} issues={issues} />;
  }

  const flat = draft;
  const onRow = issue ? rowOfPath(flat, issue.path) : null;
  const replace = (index: number, row: FitRow) => onChange({ ...flat, rows: flat.rows.map((current, i) => (i === index ? row : current)) });
  const remove = (index: number) => onChange({ ...flat, rows: flat.rows.filter((_, i) => i !== index) });

  return (
    <Stack gap={6} role="group" aria-label="Conditions">
      {flat.rows.length > 1 && (
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            aria-label="Combine with"
            data={[
              { value: 'and', label: 'All' },
              { value: 'or', label: 'Any' },
            ]}
            value={flat.type}
            onChange={(type) => onChange({ ...flat, type: type as 'and' | 'or' })}
          />
          <Text fz="sm" c="dimmed">
            {flat.type === 'and' ? 'of these must hold' : 'of these is enough'}
          </Text>
        </Group>
      )}
      {flat.rows.map((row, index) => (
        <Fragment key={index}>
          {index > 0 && (
            <Box pl="md">
              <Badge size="xs" variant="light" color={flat.type === 'and' ? 'indigo' : 'grape'} radius="sm">
                {flat.type}
              </Badge>
            </Box>
          )}
          <FitRowEditor
            row={row}
            label={`Condition ${index + 1}`}
            options={options}
            message={onRow === index ? issue!.message : undefined}
            onChange={(next) => replace(index, next)}
            onRemove={flat.rows.length > 1 ? () => remove(index) : undefined}
          />
        </Fragment>
      ))}
      {issue && onRow === null && (
        <Text fz="xs" c="red.7">
          {issue.message}
        </Text>
      )}
      <Box>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange({ ...flat, rows: [...flat.rows, { type: 'pending' }] })}>
          Add condition
        </Button>
      </Box>
    </Stack>
  );
}

interface FitRowEditorProps {
  row: FitRow;
  label: string;
  options: ReturnType<typeof fieldOptions>;
  message: string | undefined;
  onChange: (row: FitRow) => void;
  /** Absent for the only row. */
  onRemove?: () => void;
}

/** One field condition: the field, then the segment builder's operator and value inputs. */
function FitRowEditor({ row, label, options, message, onChange, onRemove }: FitRowEditorProps) {
  const { catalog } = useBuilder();
  const field = row.type === 'field' ? row.field : null;
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      role="group"
      aria-label={label}
      aria-invalid={message ? true : undefined}
      style={message ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Select
          size="xs"
          aria-label="Field"
          placeholder="Choose a field"
          data={options}
          value={field}
          onChange={(next) => {
            if (!next || next === field) return;
            const condition = newCondition(`field:${next}`, catalog);
            if (condition) onChange(condition as FieldCondition);
          }}
          searchable
          allowDeselect={false}
          maxDropdownHeight={320}
          w={190}
          style={{ flexShrink: 0 }}
          comboboxProps={{ withinPortal: true, width: 240, position: 'bottom-start' }}
        />
        <Group gap={6} wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
          {row.type === 'field' && <FieldConditionEditor condition={row} onChange={onChange} />}
        </Group>
        {onRemove && (
          <ActionIcon variant="subtle" color="gray" aria-label="Remove condition" onClick={onRemove} mt={2}>
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      {message && (
        <Text fz="xs" c="red.7" mt={6}>
          {message}
        </Text>
      )}
    </Paper>
  );
}
