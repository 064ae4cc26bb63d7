import { Box, Button, Center, EmptyState, Group, Paper, Stack, Text } from '@mantine/core';
import { IconActivity, IconFilterOff, IconPlayerPause, IconPlayerPlay, IconPlug } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { POLL_MS, useEventStream } from './api';
import { EventDrawer } from './EventDrawer';
import { EventFilters, useEventFilters } from './EventFilters';
import { EventsTable } from './EventsTable';
import type { EventView } from './types';

/** The live event debugger: what the website, apps and servers send, as it arrives. */
export function LiveEventsPage() {
  const filters = useEventFilters();
  const [live, setLive] = useState(true);
  const [opened, setOpened] = useState<EventView | null>(null);
  const list = useEventStream(filters.params, live);
  const events = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Box p="xl">
      <PageHeader
        title="Live events"
        description="Page views, actions and identities sent by your website, apps and servers, newest on top, as they arrive."
        actions={<LiveToggle live={live} onChange={setLive} />}
      />
      <Stack gap="sm">
        <EventFilters filters={filters} />
        {list.isPending ? (
          <LoadingBlock />
        ) : list.isError ? (
          <ErrorBlock error={list.error} />
        ) : events.length === 0 ? (
          filters.params.size > 0 ? <NoMatchingEvents onClear={filters.clear} /> : <NoEventsYet />
        ) : (
          <>
            <EventsTable events={events} onOpen={setOpened} />
            <Group justify="space-between">
              <Text fz="sm" c="dimmed">
                {events.length} {events.length === 1 ? 'event' : 'events'} shown{list.hasNextPage ? ', older ones to load' : ''}
              </Text>
              {list.hasNextPage && (
                <Button variant="default" size="xs" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load older
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
      <EventDrawer eventId={opened?.id ?? null} initial={opened ?? undefined} onClose={() => setOpened(null)} />
    </Box>
  );
}

function LiveToggle({ live, onChange }: { live: boolean; onChange: (live: boolean) => void }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Group gap={6} wrap="nowrap" role="status">
        <Box
          w={8}
          h={8}
          bg={live ? 'teal.6' : 'gray.5'}
          style={{ borderRadius: '50%', flexShrink: 0 }}
          aria-hidden
        />
        <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {live ? `Live: checks every ${POLL_MS / 1000} s` : 'Paused'}
        </Text>
      </Group>
      <Button
        variant="default"
        leftSection={live ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
        onClick={() => onChange(!live)}
      >
        {live ? 'Pause' : 'Resume'}
      </Button>
    </Group>
  );
}

function NoEventsYet() {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconActivity size={28} stroke={1.6} />}
        variant="light"
        title="No events yet"
        description="Paste the tracking snippet into your website, or send events from your servers with a write key. They show up here within seconds, while this page is open."
        maw={520}
        mx="auto"
      >
        <Center mt="md">
          <Button component={Link} to="/settings/tracking" size="xs" leftSection={<IconPlug size={14} />}>
            Connect your website
          </Button>
        </Center>
      </EmptyState>
    </Paper>
  );
}

function NoMatchingEvents({ onClear }: { onClear: () => void }) {
  return (
    <Paper withBorder radius="md" py={48} px="xl">
      <EmptyState
        icon={<IconFilterOff size={26} stroke={1.6} />}
        variant="light"
        color="gray"
        title="No events match these filters"
        description="Matching events appear here as they arrive. Change or clear the filters to see others."
        maw={460}
        mx="auto"
      >
        <Center mt="md">
          <Button variant="default" size="xs" onClick={onClear}>
            Clear filters
          </Button>
        </Center>
      </EmptyState>
    </Paper>
  );
}
