import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { DefinitionIssue } from '../../segments/builder/BuilderContext';
import { DefinitionBuilder } from '../../segments/builder/DefinitionBuilder';
import { newGroup } from '../../segments/builder/draft';
import type { SalesTeam } from '../types';
import { ruleKey, type RuleDraft } from './draft';
import { OrderControls } from '../../components/OrderControls';

interface RoutingRulesEditorProps {
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  teams: SalesTeam[];
  /** Messages by field, `routing.rules[0].name`. */
  errors: Record<string, string | undefined>;
  /** The server's word on each rule's condition. */
  issuesOf: (index: number) => DefinitionIssue[];
}

/** Ordered rules: the first whose condition a lead meets names the team that gets it. */
export function RoutingRulesEditor({ rules, onChange, teams, errors, issuesOf }: RoutingRulesEditorProps) {
  const replace = (index: number, rule: RuleDraft) => onChange(rules.map((current, i) => (i === index ? rule : current)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    onChange(next);
  };
  const teamOptions = teams.map((team) => ({ value: team.id, label: team.name }));

  return (
    <Stack gap="sm">
      {rules.length === 0 && (
        <Text fz="sm" c="dimmed">
          No routing rules: every lead goes to the fallback team.
        </Text>
      )}
      {rules.map((rule, index) => {
        const label = `Routing rule ${index + 1}`;
        return (
          <Paper key={rule.key} withBorder radius="md" p="sm" bg="gray.0" role="group" aria-label={label}>
            <Stack gap="sm">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Badge variant="filled" color="gray" radius="sm" mt={8} w={26} px={0} style={{ flexShrink: 0 }}>
                  {index + 1}
                </Badge>
                <TextInput
                  label="Rule name"
                  placeholder="e.g. Nordics"
                  value={rule.name}
                  onChange={(event) => replace(index, { ...rule, name: event.currentTarget.value })}
                  error={errors[`routing.rules[${index}].name`]}
                  maxLength={200}
                  style={{ flex: 1 }}
                />
                <Select
                  label="Goes to team"
                  placeholder="Choose a team"
                  data={teamOptions}
                  value={rule.teamId}
                  onChange={(teamId) => replace(index, { ...rule, teamId })}
                  error={errors[`routing.rules[${index}].teamId`]}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  w={220}
                />
                <OrderControls
                  mt={26}
                  name={label}
                  index={index}
                  count={rules.length}
                  onMove={(step) => move(index, step)}
                  onRemove={() => onChange(rules.filter((_, i) => i !== index))}
                  removeLabel="Remove rule"
                />
              </Group>
              <Paper withBorder radius="md" p="sm" bg="white">
                <Text fz="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
                  Leads that match
                </Text>
                <DefinitionBuilder draft={rule.condition} onChange={(condition) => replace(index, { ...rule, condition })} issues={issuesOf(index)} />
              </Paper>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rules, { key: ruleKey(), name: '', teamId: teams.length === 1 ? teams[0]!.id : null, condition: newGroup() }])}
        >
          Add routing rule
        </Button>
      </Group>
    </Stack>
  );
}
