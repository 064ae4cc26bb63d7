import { Alert, Badge, Box, Button, Divider, Group, NumberInput, Paper, Select, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFlask, IconMail, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { useSegments } from '../../segments/api';
import { useEnrol, useSimulate } from '../api';
import { ContactSelect, type PickedContact } from '../../components/ContactSelect';
import { enrolmentColor, enrolmentLabel } from '../format';
import { StepTimeline } from '../StepTimeline';
import type { JourneyStatus, Simulation } from '../types';
import { kindOf } from './nodeCatalog';
import type { StepNode } from './graphState';

interface TestPanelProps {
  journeyId: string;
  status: JourneyStatus;
  nodes: StepNode[];
  /** Saves unsaved changes first: a simulation runs the saved draft. */
  beforeSimulate: () => Promise<boolean>;
  simulation: Simulation | null;
  onSimulation: (simulation: Simulation | null) => void;
  /** The simulated contact whose path the canvas shows. */
  shown: string | null;
  onShow: (contactId: string) => void;
}

/** Try the journey on real contacts: simulate their path without doing anything, or enrol them for real. */
export function TestPanel({ journeyId, status, nodes, beforeSimulate, simulation, onSimulation, shown, onShow }: TestPanelProps) {
  const [contact, setContact] = useState<PickedContact | null>(null);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [sample, setSample] = useState<number>(20);
  const simulate = useSimulate(journeyId);
  const enrol = useEnrol(journeyId);
  const segments = useSegments();
  const live = status === 'live';

  const run = async (input: { contactIds?: string[]; segmentId?: string; sample?: number }) => {
    if (!(await beforeSimulate())) return;
    simulate.mutate(input, {
      onSuccess: (result) => {
        onSimulation(result);
        if (result.contacts[0]) onShow(result.contacts[0].contactId);
      },
    });
  };

  return (
    <Stack gap="md" p="md" role="region" aria-label="Test the journey">
      <Text fz="sm" c="dimmed">
        A simulation runs the saved draft for a contact as it is now, with time skipped ahead: it sends nothing and changes nothing.
      </Text>
      <ContactSelect label="Contact" value={contact} onChange={setContact} />
      <Group gap="xs" grow>
        <Button
          leftSection={<IconFlask size={16} />}
          variant="light"
          disabled={!contact}
          loading={simulate.isPending && simulate.variables?.contactIds !== undefined}
          onClick={() => contact && run({ contactIds: [contact.id] })}
        >
          Simulate
        </Button>
        <Tooltip label={live ? 'Enters the live journey for real' : 'Launch the journey to enrol contacts'} withArrow>
          <Box>
            <Button
              fullWidth
              leftSection={<IconUserPlus size={16} />}
              disabled={!contact || !live}
              loading={enrol.isPending}
              onClick={() =>
                contact &&
                enrol.mutate([contact.id], {
                  onSuccess: (result) => {
                    if (result.enrolled.length > 0) notifications.show({ color: 'teal', message: `${contact.label} enrolled` });
                    for (const refused of result.refused) notifications.show({ color: 'orange', title: `${contact.label} not enrolled`, message: refused.reason });
                  },
                  onError: (error) => notifications.show({ color: 'red', title: 'Could not enrol', message: errorMessage(error) }),
                })
              }
            >
              Enrol
            </Button>
          </Box>
        </Tooltip>
      </Group>
      {enrol.data && enrol.data.refused.length > 0 && (
        <Alert color="orange" variant="light" p="xs" title="Not enrolled">
          {enrol.data.refused.map((refused) => (
            <Text key={refused.contactId} fz="xs">
              {refused.reason}
            </Text>
          ))}
        </Alert>
      )}

      <Divider label="Or a sample of a segment" labelPosition="left" />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label="Segment"
          placeholder="Choose a segment"
          data={(segments.data ?? []).map((segment) => ({ value: segment.id, label: `${segment.name} (${segment.memberCount})` }))}
          value={segmentId}
          onChange={setSegmentId}
          searchable
          comboboxProps={{ withinPortal: true }}
          style={{ flex: 1 }}
        />
        <NumberInput label="Sample" value={sample} min={1} max={500} w={80} onChange={(value) => typeof value === 'number' && setSample(value)} />
      </Group>
      <Button
        variant="default"
        leftSection={<IconUsersGroup size={16} />}
        disabled={!segmentId}
        loading={simulate.isPending && simulate.variables?.segmentId !== undefined}
        onClick={() => segmentId && run({ segmentId, sample })}
      >
        Simulate sample of segment
      </Button>
      {simulate.isError && (
        <Alert color="red" variant="light" p="xs" title="Simulation refused">
          {errorMessage(simulate.error)}
        </Alert>
      )}
      {simulation && <SimulationResult simulation={simulation} nodes={nodes} shown={shown} onShow={onShow} onClear={() => onSimulation(null)} />}
    </Stack>
  );
}

function SimulationResult({ simulation, nodes, shown, onShow, onClear }: {
  simulation: Simulation;
  nodes: StepNode[];
  shown: string | null;
  onShow: (contactId: string) => void;
  onClear: () => void;
}) {
  const stepName = (nodeId: string) => {
    const node = nodes.find((candidate) => candidate.id === nodeId);
    return node ? node.data.label || kindOf(node.data.config.type).label : nodeId;
  };
  const contact = simulation.contacts.find((candidate) => candidate.contactId === shown) ?? simulation.contacts[0];
  const names = new Map(simulation.contacts.map((candidate) => [candidate.contactId, candidate.name ?? 'Unnamed contact']));
  return (
    <Paper withBorder radius="md" p="sm" role="region" aria-label="Simulation">
      <Group justify="space-between" mb="xs">
        <Text fw={650} fz="sm">
          Simulation · {simulation.contacts.length} {simulation.contacts.length === 1 ? 'contact' : 'contacts'}
        </Text>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={onClear}>
          Clear
        </Button>
      </Group>
      {simulation.contacts.length > 1 && (
        <Stack gap={2} mb="sm" role="list" aria-label="Simulated contacts">
          {simulation.contacts.map((candidate) => (
            <UnstyledButton
              key={candidate.contactId}
              role="listitem"
              onClick={() => onShow(candidate.contactId)}
              px={6}
              py={3}
              style={{ borderRadius: 6, background: candidate.contactId === contact?.contactId ? 'var(--mantine-color-indigo-0)' : undefined }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text fz="sm" truncate>
                  {candidate.name ?? 'Unnamed contact'}
                </Text>
                <Badge size="xs" variant="light" color={enrolmentColor(candidate.endedAs)}>
                  {enrolmentLabel(candidate.endedAs)}
                </Badge>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {contact && (
        <Box aria-label={`Path of ${contact.name ?? 'Unnamed contact'}`} role="group">
          <Group justify="space-between" mb={8} wrap="nowrap">
            <Text fz="sm" fw={600} truncate>
              {contact.name ?? 'Unnamed contact'}
            </Text>
            <Badge size="sm" variant="light" color={enrolmentColor(contact.endedAs)}>
              {enrolmentLabel(contact.endedAs)}
            </Badge>
          </Group>
          <StepTimeline steps={contact.path} stepName={stepName} />
        </Box>
      )}
      {simulation.assumptions.length > 0 && (
        <Box mt="sm" p="xs" bg="gray.0" style={{ borderRadius: 6 }}>
          <Text fz="xs" fw={600} c="dimmed">
            The simulation assumes
          </Text>
          <Box component="ul" m={0} pl={16}>
            {simulation.assumptions.map((assumption) => (
              <Text component="li" key={assumption} fz="xs" c="dimmed">
                {assumption}
              </Text>
            ))}
          </Box>
        </Box>
      )}
      <Divider my="sm" />
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
        Emails that would be sent
      </Text>
      {simulation.emails.length === 0 ? (
        <Text fz="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Stack gap={4} role="list" aria-label="Emails that would be sent">
          {simulation.emails.map((email, index) => (
            <Group key={index} gap={8} wrap="nowrap" role="listitem">
              <IconMail size={14} color="var(--mantine-color-indigo-6)" />
              <Box miw={0}>
                <Text fz="sm" fw={500} truncate>
                  {email.templateName ?? 'Deleted template'}
                </Text>
                <Text fz="xs" c="dimmed">
                  {simulation.contacts.length > 1 ? `${names.get(email.contactId) ?? email.contactId} · ` : ''}
                  {formatDateTime(email.at)}
                  {email.outcome !== 'sent' ? ` · ${email.outcome}` : ''}
                </Text>
              </Box>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
