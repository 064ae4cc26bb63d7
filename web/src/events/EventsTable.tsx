import { Anchor, Badge, Paper, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../app/format';
import { channelLabel, eventTitle, ownerLabel, shortId } from './labels';
import { EventTypeBadge } from './EventTypeBadge';
import type { EventView } from './types';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** To the second, as a debugger needs; the day only when it is not today. */
function formatArrival(value: string): string {
  const date = new Date(value);
  return date.toDateString() === new Date().toDateString() ? timeOfDay.format(date) : dayAndTime.format(date);
}

interface EventsTableProps {
  events: EventView[];
  onOpen: (event: EventView) => void;
}

/** Events newest first: when each arrived, its type, what it was about, who sent it and the channel. */
export function EventsTable({ events, onOpen }: EventsTableProps) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing={8} horizontalSpacing="md" highlightOnHover aria-label="Events" miw={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Received</Table.Th>
            <Table.Th w={100}>Type</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th w={150}>Channel</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id} data-event-id={event.id} onClick={() => onOpen(event)} style={{ cursor: 'pointer' }}>
              <Table.Td style={NOWRAP}>
                <Tooltip label={`Happened ${formatDateTime(event.occurredAt)}`} withArrow openDelay={400}>
                  <Text fz="sm" c="dimmed" component="time" dateTime={event.receivedAt} ff="monospace">
                    {formatArrival(event.receivedAt)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <EventTypeBadge type={event.type} />
              </Table.Td>
              <Table.Td maw={360}>
                <Anchor component="button" type="button" fz="sm" fw={500} c="dark" display="block" truncate maw="100%" title={eventTitle(event)}>
                  {eventTitle(event)}
                </Anchor>
              </Table.Td>
              <Table.Td maw={280}>
                <EventSender event={event} />
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <Tooltip label={ownerLabel(event.touchOwner)} withArrow openDelay={400}>
                  <Badge variant="default" size="sm" radius="sm" tt="none" fw={500}>
                    {channelLabel(event.channel)}
                  </Badge>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The contact an event was resolved to, else the browser (anonymous id) or user id it came from. */
function EventSender({ event }: { event: EventView }) {
  if (event.contact) {
    return (
      <Anchor
        component={Link}
        to={`/contacts/${event.contact.id}`}
        fz="sm"
        display="block"
        truncate
        title={event.contact.email ?? undefined}
        onClick={(click) => click.stopPropagation()}
      >
        {event.contact.name}
      </Anchor>
    );
  }
  const id = event.userId ?? event.anonymousId;
  if (!id) return <Text fz="sm" c="dimmed">—</Text>;
  return (
    <Text fz="sm" c="dimmed" truncate title={id}>
      {event.userId ? 'User ' : 'Anonymous '}
      <Text span ff="monospace" fz="sm">
        {shortId(id)}
      </Text>
    </Text>
  );
}
