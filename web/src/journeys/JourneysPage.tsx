import { Anchor, Box, Button, EmptyState, Group, Modal, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconRoute } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldError, formError } from '../api/client';
import { formatDateTime, formatRelative } from '../app/format';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { NUMBER } from '../components/table';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useCreateJourney, useJourneys, useServerNow } from './api';
import { TRIGGER_LABELS } from './format';
import { JourneyStatusBadge } from './StatusBadge';
import type { JourneySummary } from './types';

/** Every journey with its status and how many contacts are in it, entered it and converted. */
export function JourneysPage() {
  const journeys = useJourneys();
  const [creating, setCreating] = useState(false);
  return (
    <Box p="xl">
      <PageHeader
        title="Journeys"
        description="Automated flows that carry each contact through nurture, onboarding, cross-sell, renewal or win-back: they send, wait, branch and hand over to sales."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New journey
          </Button>
        }
      />
      {journeys.isPending ? (
        <LoadingBlock />
      ) : journeys.isError ? (
        <ErrorBlock error={journeys.error} />
      ) : journeys.data.length === 0 ? (
        <NoJourneysYet onCreate={() => setCreating(true)} />
      ) : (
        <JourneysTable journeys={journeys.data} />
      )}
      <NewJourneyModal opened={creating} onClose={() => setCreating(false)} />
    </Box>
  );
}

function JourneysTable({ journeys }: { journeys: JourneySummary[] }) {
  const now = useServerNow();
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Journeys" miw={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th style={NUMBER}>In flight</Table.Th>
            <Table.Th style={NUMBER}>Entered</Table.Th>
            <Table.Th style={NUMBER}>Converted</Table.Th>
            <Table.Th w={150}>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {journeys.map((journey) => (
            <Table.Tr key={journey.id}>
              <Table.Td maw={420}>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/journeys/${journey.id}`} fz="sm" fw={600} truncate>
                    {journey.name}
                  </Anchor>
                  {journey.description && (
                    <Text fz="xs" c="dimmed" truncate title={journey.description}>
                      {journey.description}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <JourneyStatusBadge status={journey.status} />
                {journey.liveVersion !== null && (
                  <Text span fz="xs" c="dimmed" ml={6}>
                    v{journey.liveVersion}
                  </Text>
                )}
              </Table.Td>
              <Table.Td fz="sm" c={journey.triggerKind ? undefined : 'dimmed'}>
                {journey.triggerKind ? TRIGGER_LABELS[journey.triggerKind] : 'No trigger yet'}
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm" fw={500}>
                {journey.inFlight.toLocaleString()}
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm">
                {journey.entered.toLocaleString()}
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm">
                {journey.converted.toLocaleString()}
                {journey.entered > 0 && (
                  <Text span fz="xs" c="dimmed" ml={6}>
                    {Math.round((journey.converted / journey.entered) * 100)}%
                  </Text>
                )}
              </Table.Td>
              <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                <span title={formatDateTime(journey.updatedAt)}>{formatRelative(journey.updatedAt, now)}</span>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function NoJourneysYet({ onCreate }: { onCreate: () => void }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconRoute size={28} stroke={1.6} />}
        variant="light"
        title="No journeys yet"
        description="Build a flow on a canvas: a trigger enrols contacts, then waits, branches and actions carry each one along at their own pace."
        maw={520}
        mx="auto"
      >
        <Box ta="center" mt="md">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onCreate}>
            New journey
          </Button>
        </Box>
      </EmptyState>
    </Paper>
  );
}

const FIELDS = ['name', 'description'];

/** Names a new journey, creates it as a draft and opens the builder. */
function NewJourneyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateJourney();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [missing, setMissing] = useState(false);
  const close = () => {
    onClose();
    create.reset();
    setName('');
    setDescription('');
    setMissing(false);
  };
  return (
    <Modal opened={opened} onClose={close} title="New journey">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) {
            setMissing(true);
            return;
          }
          create.mutate(
            { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) },
            { onSuccess: (journey) => { close(); navigate(`/journeys/${journey.id}`); } },
          );
        }}
      >
        <Stack gap="sm">
          <FormErrorAlert message={formError(create.error, FIELDS)} />
          <TextInput
            label="Name"
            placeholder="Trial nurture"
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Give the journey a name' : fieldError(create.error, 'name')}
            data-autofocus
          />
          <Textarea
            label="Description"
            placeholder="Who it is for and what it should achieve"
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={fieldError(create.error, 'description')}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and open builder
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
