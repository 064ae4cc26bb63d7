import { ActionIcon, Badge, Box, Button, Group, Paper, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { IconBracketsContain, IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useBuilder } from './BuilderContext';
import { ConditionRow, IssueMessages, issueColor } from './ConditionRow';
import { childPaths, isAboutGroup, isGroup, newGroup, type DraftGroup, type DraftNode } from './draft';

interface ConditionGroupEditorProps {
  group: DraftGroup;
  /** The group's path in the definition as sent (`match` for the root). */
  path: string;
  /** "2.1" for a nested group, empty for the root. */
  number: string;
  onChange: (group: DraftGroup) => void;
  /** Absent for the root, which always stays. */
  onRemove?: () => void;
}

/** Conditions joined by AND or OR, with rows and nested groups; a nested group may be negated. */
export function ConditionGroupEditor({ group, path, number, onChange, onRemove }: ConditionGroupEditorProps) {
  const { issues } = useBuilder();
  const root = onRemove === undefined;
  const paths = childPaths(group, path);
  const own = issues.filter((issue) => isAboutGroup(issue.path, group, path));

  const replace = (index: number, node: DraftNode) => onChange({ ...group, conditions: group.conditions.map((current, i) => (i === index ? node : current)) });
  const remove = (index: number) => onChange({ ...group, conditions: group.conditions.filter((_, i) => i !== index) });
  const add = (node: DraftNode) => onChange({ ...group, conditions: [...group.conditions, node] });
  const childNumber = (index: number) => (number ? `${number}.${index + 1}` : `${index + 1}`);

  const body = (
    <Stack gap={6}>
      <GroupHeader group={group} root={root} onChange={onChange} onRemove={onRemove} />
      {group.conditions.length === 0 && (
        <Text fz="sm" c="dimmed" py={4}>
          {group.type === 'and' ? 'No conditions: every contact matches.' : 'No conditions: no contact matches.'}
        </Text>
      )}
      {group.conditions.map((node, index) => (
        <Fragment key={index}>
          {index > 0 && <Joiner type={group.type} />}
          {isGroup(node) ? (
            <ConditionGroupEditor
              group={node}
              path={paths[index]!}
              number={childNumber(index)}
              onChange={(next) => replace(index, next)}
              onRemove={() => remove(index)}
            />
          ) : (
            <ConditionRow
              node={node}
              path={paths[index] ?? null}
              label={`Condition ${childNumber(index)}`}
              onChange={(next) => replace(index, next)}
              onRemove={() => remove(index)}
            />
          )}
        </Fragment>
      ))}
      <IssueMessages issues={own} />
      <Group gap="xs" mt={4}>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => add({ type: 'pending' })}>
          Add condition
        </Button>
        <Button variant="subtle" size="xs" leftSection={<IconBracketsContain size={14} />} onClick={() => add(newGroup())}>
          Add group
        </Button>
      </Group>
    </Stack>
  );

  if (root) {
    return (
      <Box role="group" aria-label="Conditions">
        {body}
      </Box>
    );
  }
  return (
    <Paper
      radius="md"
      p="sm"
      role="group"
      aria-label={`Group ${number}`}
      bg={group.negated ? 'red.0' : 'gray.0'}
      style={{
        border: `1px solid var(--mantine-color-${own.length > 0 ? `${issueColor(own)}-5` : group.negated ? 'red-2' : 'gray-3'})`,
      }}
    >
      {body}
    </Paper>
  );
}

function GroupHeader({ group, root, onChange, onRemove }: {
  group: DraftGroup;
  root: boolean;
  onChange: (group: DraftGroup) => void;
  onRemove?: () => void;
}) {
  const sentence = root
    ? `Contacts match when ${group.type === 'and' ? 'all of these hold' : 'at least one of these holds'}`
    : group.negated
      ? group.type === 'and' ? 'Holds unless all of these hold' : 'Holds when none of these hold'
      : group.type === 'and' ? 'Holds when all of these hold' : 'Holds when at least one of these holds';
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap">
        <SegmentedControl
          size="xs"
          aria-label="Combine with"
          data={[
            { value: 'and', label: 'AND' },
            { value: 'or', label: 'OR' },
          ]}
          value={group.type}
          onChange={(type) => onChange({ ...group, type: type as DraftGroup['type'] })}
        />
        <Text fz="sm" c="dimmed">
          {sentence}
        </Text>
      </Group>
      {!root && (
        <Group gap="xs" wrap="nowrap">
          <Switch
            size="xs"
            label="NOT"
            checked={group.negated}
            onChange={(event) => onChange({ ...group, negated: event.currentTarget.checked })}
            color="red"
          />
          <ActionIcon variant="subtle" color="gray" aria-label="Remove group" onClick={onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      )}
    </Group>
  );
}

/** The word between two conditions of a group, so the row list reads as a sentence. */
function Joiner({ type }: { type: DraftGroup['type'] }) {
  return (
    <Box pl="md">
      <Badge size="xs" variant="light" color={type === 'and' ? 'indigo' : 'grape'} radius="sm">
        {type === 'and' ? 'and' : 'or'}
      </Badge>
    </Box>
  );
}
