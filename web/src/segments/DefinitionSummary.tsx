import { Badge, Box, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useCatalog, useLists, useSegments } from './api';
import { describeCondition, type Names } from './describe';
import type { Condition, Definition } from './types';

/** The definition as nested sentences: "All of: Viewed page /pricing …; Country is FI". */
export function DefinitionSummary({ definition }: { definition: Definition }) {
  const catalog = useCatalog();
  const segments = useSegments();
  const lists = useLists();
  const names = useMemo<Names>(
    () => ({
      catalog: catalog.data,
      segments: new Map((segments.data ?? []).map((segment) => [segment.id, segment.name])),
      lists: new Map((lists.data ?? []).map((list) => [list.id, list.name])),
    }),
    [catalog.data, segments.data, lists.data],
  );
  return (
    <Box aria-label="Definition" role="group">
      <ConditionSummary condition={definition.match} names={names} />
    </Box>
  );
}

const GROUP_WORDS = {
  and: { plain: 'All of these', negated: 'Not all of these' },
  or: { plain: 'Any of these', negated: 'None of these' },
};

function ConditionSummary({ condition, names, negated = false }: { condition: Condition; names: Names; negated?: boolean }) {
  if (condition.type === 'not') return <ConditionSummary condition={condition.condition} names={names} negated={!negated} />;
  if (condition.type === 'and' || condition.type === 'or') {
    if (condition.conditions.length === 0) {
      const everyone = (condition.type === 'and') !== negated;
      return <Text fz="sm">{everyone ? 'Every contact' : 'No contact'}</Text>;
    }
    return (
      <Box>
        <Badge variant="light" color={negated ? 'red' : condition.type === 'and' ? 'indigo' : 'grape'} radius="sm" size="sm" tt="none" mb={4}>
          {GROUP_WORDS[condition.type][negated ? 'negated' : 'plain']}
        </Badge>
        <Box component="ul" m={0} pl="md" style={{ listStyle: 'none', borderLeft: '2px solid var(--mantine-color-gray-2)' }}>
          {condition.conditions.map((child, index) => (
            <Box component="li" key={index} py={3}>
              <ConditionSummary condition={child} names={names} />
            </Box>
          ))}
        </Box>
      </Box>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      {negated && (
        <Badge variant="light" color="red" radius="sm" size="sm">
          Not
        </Badge>
      )}
      <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {describeCondition(condition, names)}
      </Text>
    </Group>
  );
}
