import { ActionIcon, Menu, Paper, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconDots, IconPencil } from '@tabler/icons-react';
import { errorMessage } from '../api/client';
import { useCatalog } from '../segments/api';
import { useUpdateRule } from './api';
import { describeRule } from './describeRule';
import { capText } from './format';
import { PointsText } from './ScoreBits';
import type { Rule, RuleKind } from './types';

const TABLE_LABELS: Record<RuleKind, string> = { fit: 'Fit rules', engagement: 'Engagement rules' };

interface RulesTableProps {
  kind: RuleKind;
  rules: Rule[];
  onEdit: (rule: Rule) => void;
  onArchive: (rule: Rule) => void;
}

/** The rules of one kind: what each scores, in words, and how much. */
export function RulesTable({ kind, rules, onEdit, onArchive }: RulesTableProps) {
  // Field labels for the sentences; until they arrive the keys stand in.
  const catalog = useCatalog();
  const update = useUpdateRule();
  const toggle = (rule: Rule, active: boolean) =>
    update.mutate(
      { id: rule.id, patch: { active } },
      {
        onSuccess: () => notifications.show({ color: 'green', message: `${rule.name} ${active ? 'is active' : 'is paused'}. Scores are being updated.` }),
        onError: (error) => notifications.show({ color: 'red', title: `Could not change ${rule.name}`, message: errorMessage(error) }),
      },
    );

  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={TABLE_LABELS[kind]} miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%">Name</Table.Th>
            <Table.Th>Condition</Table.Th>
            <Table.Th w={90} ta="right">
              Points
            </Table.Th>
            {kind === 'engagement' && <Table.Th w={130}>Cap</Table.Th>}
            <Table.Th w={80}>Active</Table.Th>
            <Table.Th w={48} aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule) => (
            <Table.Tr key={rule.id} opacity={rule.active ? 1 : 0.6}>
              <Table.Td>
                <Text
                  component="button"
                  type="button"
                  fz="sm"
                  fw={600}
                  c="indigo.7"
                  onClick={() => onEdit(rule)}
                  style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', textAlign: 'left' }}
                >
                  {rule.name}
                </Text>
              </Table.Td>
              <Table.Td fz="sm">{describeRule(rule.condition, catalog.data)}</Table.Td>
              <Table.Td ta="right">
                <PointsText points={rule.points} />
              </Table.Td>
              {kind === 'engagement' && (
                <Table.Td fz="sm" c={rule.cap ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                  {capText(rule.cap)}
                </Table.Td>
              )}
              <Table.Td>
                <Switch
                  size="sm"
                  aria-label={`${rule.name} active`}
                  checked={rule.active}
                  onChange={(event) => toggle(rule, event.currentTarget.checked)}
                  disabled={update.isPending && update.variables?.id === rule.id}
                />
              </Table.Td>
              <Table.Td>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${rule.name}`}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onEdit(rule)}>
                      Edit
                    </Menu.Item>
                    <Menu.Item color="red" leftSection={<IconArchive size={14} />} onClick={() => onArchive(rule)}>
                      Archive
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
