import { Alert, Box, Button, EmptyState, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPencil, IconTrash, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { RecordBreadcrumbs, RecordNotFound, SectionCard } from '../crm/shared/RecordLayout';
import { segmentCsvUrl, segmentKeys, useDeleteSegment, useSegment, useSegmentHistory, useSegmentMembers } from './api';
import { DefinitionSummary } from './DefinitionSummary';
import { DeleteDialog } from './DeleteDialog';
import { ExplainDrawer, type ExplainTarget } from './ExplainDrawer';
import { MembershipChart } from './MembershipChart';
import { MembersTable } from './MembersTable';
import { SegmentStatusBadge } from './SegmentsPage';
import type { Segment } from './types';

const HISTORY_DAYS = 30;

export function SegmentPage() {
  const { id = '' } = useParams();
  const segment = useSegment(id);
  if (segment.isPending) return <LoadingBlock />;
  if (segment.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={segment.error} noun="segment" listPath="/segments" listLabel="All segments" />
      </Box>
    );
  }
  return <SegmentView segment={segment.data} />;
}

/**
 * The segment's members and history change as events arrive: whenever the polled segment
 * says its membership moved, the members and the chart are asked again.
 */
function useFollowMembership(segment: Segment) {
  const queryClient = useQueryClient();
  const { id, computedAt, memberCount, version } = segment;
  // The first answer needs no second: the members and the chart are being asked already.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void queryClient.invalidateQueries({ queryKey: segmentKeys.members(id) });
    void queryClient.invalidateQueries({ queryKey: ['segments', 'history', id] });
  }, [queryClient, id, computedAt, memberCount, version]);
}

function SegmentView({ segment }: { segment: Segment }) {
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteSegment();
  useFollowMembership(segment);

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Segments" to="/segments" current={segment.name} />
      <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
              {segment.name}
            </Title>
            <SegmentStatusBadge segment={segment} size="md" />
          </Group>
          {segment.description && (
            <Text fz="sm" c="dimmed" maw={720}>
              {segment.description}
            </Text>
          )}
        </Stack>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" component="a" href={segmentCsvUrl(segment.id)} download leftSection={<IconDownload size={16} />}>
            Export CSV
          </Button>
          <Button component={Link} to={`/segments/${segment.id}/edit`} leftSection={<IconPencil size={16} />}>
            Edit
          </Button>
          <Button variant="subtle" color="red" onClick={() => setDeleting(true)} leftSection={<IconTrash size={16} />}>
            Delete
          </Button>
        </Group>
      </Group>

      <Stack gap="lg">
        {segment.status === 'flagged' && <FlaggedAlert segment={segment} />}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <MemberCountCard segment={segment} />
              <SectionCard title="Who is in it">
                <DefinitionSummary definition={segment.definition} />
              </SectionCard>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <SectionCard title={`Members over the last ${HISTORY_DAYS} days`}>
              <SegmentHistory segmentId={segment.id} />
            </SectionCard>
          </Grid.Col>
        </Grid>
        <SegmentMembers segment={segment} />
      </Stack>

      <DeleteDialog
        kind="segment" target={segment} remove={remove} backTo="/segments" opened={deleting} onClose={() => setDeleting(false)}
        // A segment another one uses is refused (409); the message names the users.
        consequence="Journeys, emails and reports that use it stop finding its members."
      />
    </Box>
  );
}

function FlaggedAlert({ segment }: { segment: Segment }) {
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="This segment needs attention">
      <Stack gap={6}>
        <List size="sm" spacing={2}>
          {segment.problems.map((problem) => (
            <List.Item key={`${problem.path}:${problem.message}`}>{problem.message}</List.Item>
          ))}
        </List>
        <Text fz="sm">It keeps its last members until it is edited.</Text>
      </Stack>
    </Alert>
  );
}

function MemberCountCard({ segment }: { segment: Segment }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <IconUsers size={28} stroke={1.5} color="var(--mantine-color-indigo-6)" />
        <Stack gap={2}>
          <Text fz={28} fw={650} lh={1.1} aria-label="Member count">
            {segment.memberCount.toLocaleString()}
          </Text>
          <Text fz="sm" c="dimmed">
            {segment.memberCount === 1 ? 'member' : 'members'}
            {segment.computedAt ? `, checked ${formatRelative(segment.computedAt)}` : ', being computed…'}
          </Text>
          <Text fz="xs" c="dimmed" title={`Created ${formatDateTime(segment.createdAt)}`}>
            {segment.dependsOnTime
              ? 'Kept current as events arrive, profiles change and time passes.'
              : 'Kept current as events arrive and profiles change.'}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function SegmentHistory({ segmentId }: { segmentId: string }) {
  const history = useSegmentHistory(segmentId, HISTORY_DAYS);
  if (history.isPending) return <LoadingBlock />;
  if (history.isError) return <ErrorBlock error={history.error} />;
  return <MembershipChart points={history.data} />;
}

function SegmentMembers({ segment }: { segment: Segment }) {
  const members = useSegmentMembers(segment.id);
  const [explaining, setExplaining] = useState<ExplainTarget | null>(null);
  const rows = (members.data?.pages ?? []).flatMap((page) => page.items.map((item) => ({ contact: item.contact, at: item.enteredAt })));

  return (
    <Box component="section" aria-labelledby="members-title">
      <Title order={2} fz="md" mb="sm" id="members-title">
        Members
      </Title>
      {members.isPending ? (
        <LoadingBlock />
      ) : members.isError ? (
        <ErrorBlock error={members.error} />
      ) : rows.length === 0 ? (
        <Paper withBorder radius="md" py={40} px="xl">
          <EmptyState
            icon={<IconUsers size={24} stroke={1.6} />}
            variant="light"
            color="gray"
            title={segment.computedAt ? 'No members right now' : 'Finding the members…'}
            description="Contacts appear here as soon as they match, and leave when they no longer do."
            maw={460}
            mx="auto"
          />
        </Paper>
      ) : (
        <MembersTable
          label="Members"
          rows={rows}
          atLabel="Entered"
          total={segment.memberCount}
          hasMore={members.hasNextPage}
          loadingMore={members.isFetchingNextPage}
          onLoadMore={() => members.fetchNextPage()}
          action={(contact) => (
            <Button
              variant="subtle"
              size="compact-xs"
              aria-label={`Why is ${contact.name} in this segment?`}
              onClick={() => setExplaining({ segmentId: segment.id, segmentName: segment.name, contactId: contact.id, contactName: contact.name })}
            >
              Why?
            </Button>
          )}
        />
      )}
      <ExplainDrawer target={explaining} onClose={() => setExplaining(null)} />
    </Box>
  );
}
