import { Anchor, Badge, Box, Drawer, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useEnrolments, useServerNow, useTrace } from './api';
import { enrolmentColor, enrolmentLabel } from './format';
import { StepTimeline } from './StepTimeline';
import type { Enrolment } from './types';

const STATUS_FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'In flight' },
  { value: 'completed', label: 'Completed' },
  { value: 'converted', label: 'Converted' },
  { value: 'exited', label: 'Exited' },
];

/** Who is and was in the journey, where each is, and the steps each took. */
export function EnrolmentsPanel({ journeyId, stepName, live }: { journeyId: string; stepName: (nodeId: string | null) => string; live: boolean }) {
  const [status, setStatus] = useState('all');
  const [open, setOpen] = useState<Enrolment | null>(null);
  const enrolments = useEnrolments(journeyId, status === 'all' ? null : status, live);
  const now = useServerNow();

  return (
    <Box p="xl" pt="md">
      <Group justify="space-between" mb="md">
        <SegmentedControl aria-label="Status" data={STATUS_FILTERS} value={status} onChange={setStatus} size="sm" />
        <Text fz="sm" c="dimmed">
          Click an enrolment to see its steps.
        </Text>
      </Group>
      {enrolments.isPending ? (
        <LoadingBlock />
      ) : enrolments.isError ? (
        <ErrorBlock error={enrolments.error} />
      ) : enrolments.data.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap={6}>
            <IconRoute size={28} color="var(--mantine-color-gray-5)" />
            <Text fw={600}>No enrolments {status === 'all' ? 'yet' : 'with this status'}</Text>
            <Text fz="sm" c="dimmed">
              Contacts enter when the trigger fires, or when you enrol them from the Test panel or the API.
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Enrolments" miw={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Current step</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Entered</Table.Th>
                <Table.Th>Next step due / ended</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {enrolments.data.map((enrolment) => (
                <Table.Tr key={enrolment.id} onClick={() => setOpen(enrolment)} style={{ cursor: 'pointer' }} aria-label={enrolment.contactName ?? enrolment.contactEmail ?? enrolment.contactId}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Anchor component={Link} to={`/contacts/${enrolment.contactId}`} fz="sm" fw={600} onClick={(event) => event.stopPropagation()}>
                        {enrolment.contactName || enrolment.contactEmail || 'Unnamed contact'}
                      </Anchor>
                      {enrolment.contactEmail && enrolment.contactName && (
                        <Text fz="xs" c="dimmed">
                          {enrolment.contactEmail}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={enrolmentColor(enrolment.status)} size="sm">
                      {enrolmentLabel(enrolment.status)}
                    </Badge>
                    {enrolment.exitReason && (
                      <Text fz="xs" c="dimmed" mt={2}>
                        {enrolment.exitReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm">{enrolment.nodeId ? stepName(enrolment.nodeId) : '—'}</Table.Td>
                  <Table.Td fz="sm">v{enrolment.version}</Table.Td>
                  <Table.Td fz="sm" title={formatDateTime(enrolment.enteredAt)}>
                    {formatRelative(enrolment.enteredAt, now)}
                  </Table.Td>
                  <Table.Td fz="sm">{enrolment.finishedAt ? formatDateTime(enrolment.finishedAt) : enrolment.dueAt ? formatDateTime(enrolment.dueAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <TraceDrawer journeyId={journeyId} enrolment={open} stepName={stepName} onClose={() => setOpen(null)} />
    </Box>
  );
}

export function TraceDrawer({ journeyId, enrolment, stepName, onClose }: { journeyId: string; enrolment: Enrolment | null; stepName: (nodeId: string | null) => string; onClose: () => void }) {
  const trace = useTrace(journeyId, enrolment?.id ?? null);
  const current = trace.data?.enrolment ?? enrolment;
  return (
    <Drawer opened={enrolment !== null} onClose={onClose} position="right" size={460} title={current ? `Trace · ${current.contactName || current.contactEmail || 'Contact'}` : 'Trace'}>
      {current && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge variant="light" color={enrolmentColor(current.status)}>
              {enrolmentLabel(current.status)}
            </Badge>
            <Text fz="sm" c="dimmed">
              Version {current.version} · entered {formatDateTime(current.enteredAt)}
            </Text>
          </Group>
          {trace.isPending ? (
            <LoadingBlock />
          ) : trace.isError ? (
            <ErrorBlock error={trace.error} />
          ) : (
            <StepTimeline steps={trace.data.steps} stepName={stepName} />
          )}
        </Stack>
      )}
    </Drawer>
  );
}
