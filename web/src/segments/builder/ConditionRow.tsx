import { ActionIcon, Box, Group, Paper, Select, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useBuilder, type DefinitionIssue } from './BuilderContext';
import { newCondition, pickerOptions, pickOf } from './conditionKinds';
import { LeafEditor } from './ConditionEditors';
import { isWithin, type DraftLeaf } from './draft';

interface ConditionRowProps {
  node: DraftLeaf;
  /** The node's path in the definition as sent; null while its kind is not chosen. */
  path: string | null;
  /** "Condition 2.1": the accessible name of the row. */
  label: string;
  onChange: (node: DraftLeaf) => void;
  onRemove: () => void;
}

/** One condition: what it filters on, then the inputs for that kind, and the server's word on it. */
export function ConditionRow({ node, path, label, onChange, onRemove }: ConditionRowProps) {
  const { catalog, issues } = useBuilder();
  const pick = node.type === 'pending' ? null : pickOf(node);
  const all = useMemo(() => pickerOptions(catalog), [catalog]);
  // A field archived since the segment was saved stays named, so the row says what it was.
  const gone = node.type === 'field' && pick !== null && !all.some((group) => group.items.some((item) => item.value === pick));
  const options = gone ? [...all, { group: 'No longer available', items: [{ value: pick, label: node.field }] }] : all;
  const own = path === null ? [] : issues.filter((issue) => isWithin(issue.path, path));

  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      role="group"
      aria-label={label}
      aria-invalid={own.length > 0 || undefined}
      style={own.length > 0 ? { borderColor: `var(--mantine-color-${issueColor(own)}-5)` } : undefined}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Select
          size="xs"
          aria-label="Filter on"
          placeholder="Choose what to filter on"
          data={options}
          value={pick}
          onChange={(next) => {
            if (!next || next === pick) return;
            const condition = newCondition(next, catalog);
            if (condition) onChange(condition);
          }}
          searchable
          allowDeselect={false}
          maxDropdownHeight={360}
          w={200}
          style={{ flexShrink: 0 }}
          comboboxProps={{ withinPortal: true, width: 260, position: 'bottom-start' }}
        />
        <Box style={{ flex: 1, minWidth: 0 }}>{node.type !== 'pending' && <LeafEditor condition={node} onChange={onChange} />}</Box>
        <ActionIcon variant="subtle" color="gray" aria-label="Remove condition" onClick={onRemove} mt={2}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      <IssueMessages issues={own} />
    </Paper>
  );
}

/** A refused save is an error; a preview that cannot count yet only a warning while the person types. */
export function issueColor(issues: DefinitionIssue[]): string {
  return issues.some((issue) => issue.severity === 'error') ? 'red' : 'orange';
}

export function IssueMessages({ issues }: { issues: DefinitionIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <>
      {issues.map((issue) => (
        <Text key={`${issue.severity}:${issue.path}:${issue.message}`} fz="xs" c={issue.severity === 'error' ? 'red.7' : 'orange.8'} mt={6}>
          {issue.message}
        </Text>
      ))}
    </>
  );
}
