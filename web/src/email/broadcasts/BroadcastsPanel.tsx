import { Anchor, Button, EmptyState, Group, Paper, Table, Text } from '@mantine/core';
import { IconPlus, IconSpeakerphone } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../app/format';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useBroadcasts } from './api';
import { AudienceLabel, BroadcastStatusBadge, useBroadcastNames } from './BroadcastBits';
import { launchTime, scheduleInWords, throttleInWords } from './format';
import type { Broadcast } from './types';

/** The workspace's broadcasts, newest first: what went (or goes) to whom, and when. */
export function BroadcastsPanel({ writable }: { writable: boolean }) {
  const broadcasts = useBroadcasts();
  const names = useBroadcastNames();
  if (broadcasts.isPending) return <LoadingBlock />;
  if (broadcasts.isError) return <ErrorBlock error={broadcasts.error} />;

  if (broadcasts.data.length === 0) {
    return (
      <Paper withBorder radius="lg" py={56} px="xl">
        <EmptyState
          variant="light"
          icon={<IconSpeakerphone size={28} stroke={1.6} />}
          title="No broadcasts yet"
          description="A broadcast sends a template to everyone in a segment or list: now, at a set time, or at an hour on each contact's own clock."
          maw={500}
          mx="auto"
        >
          {writable && (
            <Group justify="center" mt="md">
              <Button component={Link} to="/email/broadcasts/new" leftSection={<IconPlus size={16} />}>
                New broadcast
              </Button>
            </Group>
          )}
        </EmptyState>
      </Paper>
    );
  }

  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover aria-label="Broadcasts" layout="fixed" style={{ minWidth: 1000 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th pl="md">Name</Table.Th>
            <Table.Th>Template</Table.Th>
            <Table.Th>Audience</Table.Th>
            <Table.Th w={160}>Schedule</Table.Th>
            <Table.Th w={110}>Throttle</Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th w={95} ta="right">
              Recipients
            </Table.Th>
            <Table.Th w={105} pr="md">
              Created
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {broadcasts.data.map((broadcast) => (
            <BroadcastRow key={broadcast.id} broadcast={broadcast} names={names} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function BroadcastRow({ broadcast, names }: { broadcast: Broadcast; names: ReturnType<typeof useBroadcastNames> }) {
  const audience = names.audience(broadcast.audience);
  const throttle = throttleInWords(broadcast.perMinute);
  // Before launch nobody is counted yet: the audience is read when it starts.
  const counted = broadcast.status === 'sending' || broadcast.status === 'sent';
  return (
    <Table.Tr>
      <Table.Td pl="md">
        <Anchor component={Link} to={`/email/broadcasts/${broadcast.id}`} fz="sm" fw={600} lineClamp={2} title={broadcast.name} style={{ overflowWrap: 'anywhere' }}>
          {broadcast.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text fz="sm" truncate title={names.templateName(broadcast.templateId)}>
          {names.templateName(broadcast.templateId)}
        </Text>
      </Table.Td>
      <Table.Td>
        <AudienceLabel audience={broadcast.audience} name={audience.name} />
      </Table.Td>
      <Table.Td>
        <Text fz="sm" title={broadcast.schedule === 'now' ? undefined : `Starts ${formatDateTime(launchTime(broadcast).toISOString())}`}>
          {scheduleInWords(broadcast)}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text fz="sm" c={throttle ? undefined : 'dimmed'}>
          {throttle ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <BroadcastStatusBadge status={broadcast.status} />
      </Table.Td>
      <Table.Td ta="right">
        <Text
          fz="sm"
          c={counted ? undefined : 'dimmed'}
          style={{ fontVariantNumeric: 'tabular-nums' }}
          title={counted && broadcast.withoutEmail ? `${broadcast.withoutEmail} without an email address left out` : undefined}
        >
          {counted ? broadcast.recipients.toLocaleString() : '—'}
        </Text>
      </Table.Td>
      <Table.Td pr="md" style={{ whiteSpace: 'nowrap' }}>
        <Text fz="sm" c="dimmed" title={formatDateTime(broadcast.createdAt)}>
          {formatRelative(broadcast.createdAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
