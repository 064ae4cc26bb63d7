import { Anchor, Box, Button, Code, EmptyState, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconSparkles } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { formatDateTime, formatRelative } from '../app/format';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { NUMBER } from '../components/table';
import { useSlots } from './api';
import { SlotStatusBadge } from './StatusBadge';
import type { ContentSlot } from './types';

/** /personalisation: the content slots of the website, with their rules and impressions. */
export function SlotsPage() {
  const slots = useSlots();
  const writable = useCurrentMe().workspace.role !== 'viewer';
  return (
    <Box p="xl">
      <PageHeader
        title="Personalisation"
        description="Content slots are places on your website (a hero, a banner, a call to action) whose content depends on who looks: each segment can see its own, everyone else sees the default."
        actions={
          writable && (
            <Button component={Link} to="/personalisation/new" leftSection={<IconPlus size={16} />}>
              New content slot
            </Button>
          )
        }
      />
      {slots.isPending ? (
        <LoadingBlock />
      ) : slots.isError ? (
        <ErrorBlock error={slots.error} />
      ) : slots.data.length === 0 ? (
        <NoSlotsYet writable={writable} />
      ) : (
        <SlotsTable slots={slots.data} />
      )}
    </Box>
  );
}

function SlotsTable({ slots }: { slots: ContentSlot[] }) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Content slots" miw={820}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Rules</Table.Th>
            <Table.Th style={NUMBER}>Impressions (30 days)</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th w={150}>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {slots.map((slot) => {
            const count = slot.impressions30d;
            return (
              <Table.Tr key={slot.id}>
                <Table.Td maw={360}>
                  <Anchor component={Link} to={`/personalisation/${slot.id}`} fz="sm" fw={600} truncate display="block">
                    {slot.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Code fz={12}>{slot.key}</Code>
                </Table.Td>
                <Table.Td fz="sm">
                  {slot.rules.length === 0 ? (
                    <Text span fz="sm" c="dimmed">
                      Default only
                    </Text>
                  ) : (
                    `${slot.rules.length} segment ${slot.rules.length === 1 ? 'rule' : 'rules'}`
                  )}
                </Table.Td>
                <Table.Td style={NUMBER} fz="sm" fw={500}>
                  {count === undefined ? <Text span c="dimmed" fz="sm">…</Text> : count.toLocaleString()}
                </Table.Td>
                <Table.Td>
                  <SlotStatusBadge status={slot.status} />
                </Table.Td>
                <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  <span title={formatDateTime(slot.updatedAt)}>{formatRelative(slot.updatedAt)}</span>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function NoSlotsYet({ writable }: { writable: boolean }) {
  return (
    <Paper withBorder radius="lg" py={48} px="xl">
      <EmptyState
        icon={<IconSparkles size={28} stroke={1.6} />}
        variant="light"
        title="No content slots yet"
        description="Show CTOs a different headline than students, or returning customers an upgrade offer instead of a sign-up button."
        maw={560}
        mx="auto"
      >
        <Stack gap="xs" mt="md" maw={460} mx="auto" style={{ textAlign: 'left' }}>
          <List size="sm" c="dimmed" type="ordered" spacing={4}>
            <List.Item>Create a slot with its default content and a content per segment.</List.Item>
            <List.Item>
              Paste its snippet, like <Code fz={12}>{'<div data-tandem-slot="home-hero">…</div>'}</Code>, into your website.
            </List.Item>
            <List.Item>The Tandem tracker fills it for each visitor, and counts what was shown.</List.Item>
          </List>
        </Stack>
        {writable && (
          <Group justify="center" mt="lg">
            <Button component={Link} to="/personalisation/new" size="xs" leftSection={<IconPlus size={14} />}>
              New content slot
            </Button>
          </Group>
        )}
      </EmptyState>
    </Paper>
  );
}
