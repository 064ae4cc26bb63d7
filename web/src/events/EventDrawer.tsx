import { Anchor, Code, Drawer, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconUser, IconUserQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../app/format';
import { CodeBlock } from '../components/CodeBlock';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { PropertyList } from '../crm/shared/RecordLayout';
import { useEvent } from './api';
import { EventTypeBadge } from './EventTypeBadge';
import { channelLabel, eventTitle, ownerLabel } from './labels';
import type { EventView } from './types';

interface EventDrawerProps {
  /** The event to show; null closes the drawer. */
  eventId: number | null;
  /** The event, when the caller has it already (the live view's row). */
  initial?: EventView;
  onClose: () => void;
}

/** One event: who it was resolved to, its facts and the raw payload as it was sent. */
export function EventDrawer({ eventId, initial, onClose }: EventDrawerProps) {
  const event = useEvent(eventId, initial);
  return (
    <Drawer
      opened={eventId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        event.data ? (
          <Group gap="xs" wrap="nowrap">
            <EventTypeBadge type={event.data.type} />
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {eventTitle(event.data)}
            </Text>
          </Group>
        ) : (
          'Event'
        )
      }
    >
      {event.isPending ? <LoadingBlock /> : event.isError ? <ErrorBlock error={event.error} /> : <EventDetails event={event.data} />}
    </Drawer>
  );
}

function EventDetails({ event }: { event: EventView }) {
  return (
    <Stack gap="lg">
      <ResolvedContact event={event} />
      <PropertyList items={facts(event)} />
      <Stack gap={6}>
        <Title order={3} fz="sm">
          Raw payload
        </Title>
        <CodeBlock code={JSON.stringify(event.payload, null, 2)} label="Raw payload" copyLabel="Copy payload" />
      </Stack>
    </Stack>
  );
}

/** The event's facts that it has: an identify from a server has no page, a page view no user id yet. */
function facts(event: EventView): { label: string; value: ReactNode }[] {
  const items: { label: string; value: ReactNode | null }[] = [
    { label: 'Happened', value: formatDateTime(event.occurredAt) },
    { label: 'Received', value: formatDateTime(event.receivedAt) },
    { label: 'Anonymous ID', value: event.anonymousId && <Code>{event.anonymousId}</Code> },
    { label: 'User ID', value: event.userId && <Code>{event.userId}</Code> },
    { label: 'Channel', value: `${channelLabel(event.channel)} · ${ownerLabel(event.touchOwner)}` },
    { label: 'Page', value: event.pagePath },
    { label: 'Visit', value: event.sessionId && <Code>{event.sessionId}</Code> },
    { label: 'Message ID', value: <Code>{event.messageId}</Code> },
  ];
  return items.filter((item) => item.value !== null);
}

function ResolvedContact({ event }: { event: EventView }) {
  if (!event.contact) {
    return (
      <Paper withBorder radius="md" p="sm" bg="gray.0">
        <Group gap="sm" wrap="nowrap">
          <IconUserQuestion size={20} color="var(--mantine-color-gray-6)" />
          <Text fz="sm" c="dimmed">
            Not tied to a contact yet. Once this visitor is identified (an email or a known user id), their earlier events
            join the contact too.
          </Text>
        </Group>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p="sm">
      <Group gap="sm" wrap="nowrap">
        <IconUser size={20} color="var(--mantine-color-indigo-6)" />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/contacts/${event.contact.id}`} fw={600} fz="sm">
            {event.contact.name}
          </Anchor>
          {event.contact.email && (
            <Text fz="xs" c="dimmed" truncate>
              {event.contact.email}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
