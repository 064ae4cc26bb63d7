import { Alert, Badge, Box, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheckFilled, IconCircleXFilled, IconRefresh } from '@tabler/icons-react';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useExplanation } from './api';
import type { ExplainNode, Explanation } from './types';

export interface ExplainTarget {
  segmentId: string;
  segmentName: string;
  contactId: string;
  contactName: string;
}

/** Why a contact is in a segment (or not), condition by condition; null closes the drawer. */
export function ExplainDrawer({ target, onClose }: { target: ExplainTarget | null; onClose: () => void }) {
  const explanation = useExplanation(target?.segmentId ?? null, target?.contactId ?? null);
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        target && (
          <Text fw={650} style={{ overflowWrap: 'anywhere' }}>
            {target.contactName} in {target.segmentName}
          </Text>
        )
      }
    >
      {explanation.isPending ? (
        <LoadingBlock />
      ) : explanation.isError ? (
        <ErrorBlock error={explanation.error} />
      ) : (
        <ExplanationView explanation={explanation.data} />
      )}
    </Drawer>
  );
}

function ExplanationView({ explanation }: { explanation: Explanation }) {
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="light" color={explanation.member ? 'teal' : 'gray'} radius="sm" size="lg" tt="none">
          {explanation.member ? 'Member' : 'Not a member'}
        </Badge>
        <Text fz="sm" c="dimmed">
          {explanation.matches ? 'Matches the conditions now' : 'Does not match the conditions now'}
        </Text>
      </Group>
      {explanation.member !== explanation.matches && (
        // Membership follows within a second or two of an event, or when a time window moves on.
        <Alert color="blue" variant="light" icon={<IconRefresh size={16} />} p="xs">
          <Text fz="sm">Membership is catching up with what just changed; it follows in a moment.</Text>
        </Alert>
      )}
      <Box component="ul" role="tree" aria-label="Conditions" m={0} p={0} style={{ listStyle: 'none' }}>
        <ExplainNodeView node={explanation.explanation} />
      </Box>
    </Stack>
  );
}

/** One condition: a check or a cross, what it asks and what the contact has; groups hold their conditions. */
function ExplainNodeView({ node }: { node: ExplainNode }) {
  const children = node.children ?? [];
  return (
    <Box component="li" role="treeitem" aria-expanded={children.length > 0 ? true : undefined} aria-label={`${node.passed ? 'Passed' : 'Failed'}: ${node.description}`} data-path={node.path}>
      <Group gap={8} wrap="nowrap" align="flex-start" py={4}>
        <Box mt={1} style={{ flexShrink: 0 }} aria-hidden>
          {node.passed ? (
            <IconCircleCheckFilled size={18} color="var(--mantine-color-teal-6)" />
          ) : (
            <IconCircleXFilled size={18} color="var(--mantine-color-red-6)" />
          )}
        </Box>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fz="sm" fw={children.length > 0 ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
            {node.description}
          </Text>
          {node.actual !== undefined && node.actual !== null && node.actual !== '' && (
            <Text fz="xs" c={node.passed ? 'dimmed' : 'red.7'}>
              Actual: {node.actual}
            </Text>
          )}
        </Stack>
      </Group>
      {children.length > 0 && (
        <Box component="ul" role="group" m={0} pl={26} ml={8} style={{ listStyle: 'none', borderLeft: '1px solid var(--mantine-color-gray-3)' }}>
          {children.map((child) => (
            <ExplainNodeView key={child.path} node={child} />
          ))}
        </Box>
      )}
    </Box>
  );
}
