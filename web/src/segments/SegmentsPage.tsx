import { Anchor, Badge, Box, Button, EmptyState, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconFilter, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatRelative, formatDateTime } from '../app/format';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { NUMBER } from '../components/table';
import { useSegments } from './api';
import { SegmentsTabs } from './SegmentsTabs';
import type { Segment } from './types';

/** Every segment with its member count, and whether one needs attention. */
export function SegmentsPage() {
  const segments = useSegments();
  return (
    <Box p="xl">
      <PageHeader
        title="Segments"
        description="Contacts who match conditions on their profile and behaviour, kept current as events arrive and time passes."
        actions={
          <Button component={Link} to="/segments/new" leftSection={<IconPlus size={16} />}>
            New segment
          </Button>
        }
      />
      <SegmentsTabs current="segments" />
      {segments.isPending ? (
        <LoadingBlock />
      ) : segments.isError ? (
        <ErrorBlock error={segments.error} />
      ) : segments.data.length === 0 ? (
        <NoSegmentsYet />
      ) : (
        <SegmentsTable segments={segments.data} />
      )}
    </Box>
  );
}

function SegmentsTable({ segments }: { segments: Segment[] }) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Segments" miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th style={NUMBER}>Members</Table.Th>
            <Table.Th w={120}>Status</Table.Th>
            <Table.Th w={160}>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {segments.map((segment) => (
            <Table.Tr key={segment.id}>
              <Table.Td maw={480}>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/segments/${segment.id}`} fz="sm" fw={600} truncate>
                    {segment.name}
                  </Anchor>
                  {segment.description && (
                    <Text fz="xs" c="dimmed" truncate title={segment.description}>
                      {segment.description}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm" fw={500}>
                {segment.memberCount.toLocaleString()}
              </Table.Td>
              <Table.Td>
                <SegmentStatusBadge segment={segment} />
              </Table.Td>
              <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                <span title={formatDateTime(segment.updatedAt)}>{formatRelative(segment.updatedAt)}</span>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** "Flagged" with what is wrong in a tooltip; a working segment says nothing more than "Active". */
export function SegmentStatusBadge({ segment, size = 'sm' }: { segment: Pick<Segment, 'status' | 'problems'>; size?: 'sm' | 'md' }) {
  if (segment.status === 'active') {
    return (
      <Badge size={size} variant="light" color="teal" radius="sm">
        Active
      </Badge>
    );
  }
  return (
    <Tooltip label={segment.problems.map((problem) => problem.message).join(' · ') || 'Needs attention'} withArrow multiline maw={320}>
      <Badge size={size} variant="light" color="orange" radius="sm" tabIndex={0}>
        Flagged
      </Badge>
    </Tooltip>
  );
}

function NoSegmentsYet() {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconFilter size={28} stroke={1.6} />}
        variant="light"
        title="No segments yet"
        description="Build one from contact and company fields, pages viewed, events performed and email engagement; members enter and leave by themselves."
        maw={520}
        mx="auto"
      >
        <Box ta="center" mt="md">
          <Button component={Link} to="/segments/new" size="xs" leftSection={<IconPlus size={14} />}>
            New segment
          </Button>
        </Box>
      </EmptyState>
    </Paper>
  );
}
