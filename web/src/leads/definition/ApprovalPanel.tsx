import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconHourglassHigh, IconInfoCircle, IconSignature } from '@tabler/icons-react';
import { errorMessage, isApiError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import type { Role } from '../../api/types';
import { formatDateTime, formatRelative, ROLE_LABELS } from '../../app/format';
import { useApproveDefinition } from '../api';
import { SIDE_LABELS } from '../format';
import type { ApprovalSide, LeadDefinition } from '../types';

const SIDES: ApprovalSide[] = ['marketing', 'sales'];
const SIDE_OF_ROLE: Partial<Record<Role, ApprovalSide>> = { marketer: 'marketing', sales: 'sales' };
const ROLE_OF_SIDE: Record<ApprovalSide, string> = { marketing: 'a marketer', sales: 'a sales user' };

/** Who signed this version for each side, and the signed-in person's own approval. */
export function ApprovalPanel({ definition }: { definition: LeadDefinition }) {
  const me = useCurrentMe();
  const approve = useApproveDefinition();
  const mySide = SIDE_OF_ROLE[me.workspace.role] ?? null;
  const draft = definition.status === 'draft';
  const mine = definition.approvals.find((approval) => approval.userId === me.user.id);
  const sideDone = mySide ? definition.approvals.find((approval) => approval.side === mySide) : undefined;

  const submit = () =>
    approve.mutate(definition.id, {
      onSuccess: (approved) =>
        notifications.show(
          approved.status === 'live'
            ? { color: 'green', title: `Version ${approved.version} is live`, message: 'Both sides approved it; new leads qualify by it from now on.' }
            : { color: 'teal', title: `Approved for ${SIDE_LABELS[mySide!].toLowerCase()}`, message: `Waiting for ${approved.awaiting.map((side) => SIDE_LABELS[side].toLowerCase()).join(' and ')}.` },
        ),
    });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`approvals-${definition.id}`}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={3} fz="sm" id={`approvals-${definition.id}`}>
          Approvals
        </Title>
        {draft && (
          <Text fz="xs" c="dimmed" data-testid="awaiting">
            {definition.awaiting.length
              ? `Awaiting ${definition.awaiting.map((side) => SIDE_LABELS[side].toLowerCase()).join(' and ')}`
              : 'Approved by both sides'}
          </Text>
        )}
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        {SIDES.map((side) => {
          const approval = definition.approvals.find((candidate) => candidate.side === side);
          return (
            <Group
              key={side}
              gap="sm"
              wrap="nowrap"
              p="sm"
              role="group"
              aria-label={`${SIDE_LABELS[side]} approval`}
              style={{ borderRadius: 'var(--mantine-radius-md)', background: approval ? 'var(--mantine-color-teal-0)' : 'var(--mantine-color-gray-0)' }}
            >
              <ThemeIcon variant="light" color={approval ? 'teal' : 'gray'} radius="xl" size={32}>
                {approval ? <IconCircleCheck size={18} /> : <IconHourglassHigh size={18} />}
              </ThemeIcon>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fz="sm" fw={600}>
                  {SIDE_LABELS[side]}
                </Text>
                {approval ? (
                  <Tooltip label={formatDateTime(approval.approvedAt)} withArrow>
                    <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      Approved by {approval.name} · {formatRelative(approval.approvedAt)}
                    </Text>
                  </Tooltip>
                ) : (
                  <Text fz="xs" c="dimmed">
                    {draft ? `Awaiting ${ROLE_OF_SIDE[side]}` : 'Not approved'}
                  </Text>
                )}
              </Stack>
            </Group>
          );
        })}
      </SimpleGrid>
      {draft && (
        <Stack gap="sm" mt="md">
          {approve.error && (
            <Alert color={isApiError(approve.error, 409) ? 'orange' : 'red'} role="alert" title={approveErrorTitle(approve.error)}>
              {errorMessage(approve.error)}
            </Alert>
          )}
          {mine ? (
            <Text fz="sm" c="teal.8">
              You approved this version for {SIDE_LABELS[mine.side].toLowerCase()}.
            </Text>
          ) : !mySide ? (
            <Group gap={6} wrap="nowrap">
              <IconInfoCircle size={16} color="var(--mantine-color-gray-6)" />
              <Text fz="sm" c="dimmed">
                Only a person with the marketer or the sales role approves a lead definition; your role is {ROLE_LABELS[me.workspace.role]}.
              </Text>
            </Group>
          ) : sideDone ? (
            <Text fz="sm" c="dimmed">
              {SIDE_LABELS[mySide]} has approved ({sideDone.name}); it now needs {definition.awaiting.map((side) => SIDE_LABELS[side].toLowerCase()).join(' and ')}.
            </Text>
          ) : (
            <Group justify="space-between" wrap="nowrap">
              <Text fz="sm" c="dimmed">
                {definition.awaiting.length === 1
                  ? `Your approval makes version ${definition.version} live.`
                  : `You approve for ${SIDE_LABELS[mySide].toLowerCase()}; it goes live once ${definition.awaiting.filter((side) => side !== mySide).map((side) => SIDE_LABELS[side].toLowerCase()).join(' and ')} approves too.`}
              </Text>
              <Button leftSection={<IconSignature size={16} />} onClick={submit} loading={approve.isPending} style={{ flexShrink: 0 }}>
                Approve for {SIDE_LABELS[mySide].toLowerCase()}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function approveErrorTitle(error: unknown): string {
  if (isApiError(error, 403)) return 'You cannot approve this version';
  if (isApiError(error, 409)) return 'Already approved';
  return 'Could not approve';
}
