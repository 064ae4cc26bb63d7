import { Anchor, Badge, Box, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock } from '../components/QueryState';
import { LIFECYCLE_COLORS } from '../crm/shared/fields';
import { useMemberNames } from '../crm/shared/queries';
import { SectionCard } from '../crm/shared/RecordLayout';
import type { LifecycleStage } from '../crm/types';
import { useContactLifecycle, useLifecycleSettings } from './api';
import { ChangeStageModal } from './ChangeStageModal';
import { STATUS_COLORS, STATUS_LABELS } from './format';
import type { Transition } from './types';

/** How many transitions the card shows before "Show all". */
const SHOWN = 5;

/** Where a contact stands in the funnel, how it got there (who or which rule, and why), and its hand-offs to sales. */
export function ContactLifecycleCard({ contactId }: { contactId: string }) {
  const me = useCurrentMe();
  const lifecycle = useContactLifecycle(contactId);
  const settings = useLifecycleSettings();
  const [changing, setChanging] = useState(false);
  const [all, setAll] = useState(false);
  if (lifecycle.isPending) return null;
  if (lifecycle.isError) return <ErrorBlock error={lifecycle.error} />;

  const label = (stage: string | null) => (stage ? (settings.data?.stages.find((candidate) => candidate.key === stage)?.label ?? stage) : 'No stage');
  const { stage, transitions, leads } = lifecycle.data;
  const newestFirst = [...transitions].reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, SHOWN);

  return (
    <SectionCard
      title="Lifecycle"
      actions={
        me.workspace.role !== 'viewer' && (
          <Button variant="subtle" size="compact-xs" onClick={() => setChanging(true)}>
            Change stage
          </Button>
        )
      }
    >
      <Stack gap="md">
        <Group gap="xs">
          <Text fz="sm" c="dimmed">
            Current stage
          </Text>
          <Badge variant="light" radius="sm" tt="none" fw={600} color={LIFECYCLE_COLORS[stage as LifecycleStage] ?? 'gray'} data-testid="lifecycle-stage">
            {label(stage)}
          </Badge>
        </Group>

        {leads.length > 0 && (
          <Stack gap={4} role="group" aria-label="Hand-offs to sales">
            <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
              Hand-offs to sales
            </Text>
            {leads.map((lead) => (
              <Group key={lead.id} gap={6} wrap="nowrap" justify="space-between">
                <Anchor component={Link} to={`/leads/${lead.id}`} fz="sm" title={formatDateTime(lead.mqlAt)}>
                  Lead of {formatRelative(lead.mqlAt)}
                </Anchor>
                <Badge size="sm" variant="light" radius="sm" tt="none" color={STATUS_COLORS[lead.status]}>
                  {STATUS_LABELS[lead.status]}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}

        <Stack gap={4} role="group" aria-label="Stage history">
          <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
            Stage history
          </Text>
          {transitions.length === 0 ? (
            <Text fz="sm" c="dimmed">
              No stage changes yet.
            </Text>
          ) : (
            <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Stage transitions">
              {shown.map((transition) => (
                <TransitionRow key={transition.id} transition={transition} label={label} />
              ))}
            </Box>
          )}
          {transitions.length > SHOWN && (
            <Anchor component="button" type="button" fz="xs" onClick={() => setAll((value) => !value)} ta="left">
              {all ? 'Show fewer' : `Show all ${transitions.length}`}
            </Anchor>
          )}
        </Stack>
      </Stack>
      <ChangeStageModal
        contactId={contactId}
        current={stage}
        opened={changing}
        onClose={() => setChanging(false)}
        stages={settings.data?.stages ?? []}
      />
    </SectionCard>
  );
}

function TransitionRow({ transition, label }: { transition: Transition; label: (stage: string | null) => string }) {
  const names = useMemberNames();
  const person = transition.actor.id ? names.get(transition.actor.id) : undefined;
  const who = transition.actor.type === 'rule' ? `rule: ${transition.actor.label}` : (person ?? transition.actor.label);
  return (
    <Box component="li" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }}>
      <Group gap={8} wrap="nowrap" justify="space-between" align="flex-start">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Box
            aria-hidden
            w={8}
            h={8}
            style={{ borderRadius: 4, flexShrink: 0, background: `var(--mantine-color-${LIFECYCLE_COLORS[transition.to as LifecycleStage] ?? 'gray'}-6)` }}
          />
          <Text fz="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {label(transition.to)}
          </Text>
        </Group>
        <Tooltip label={formatDateTime(transition.at)} withArrow>
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatRelative(transition.at)}
          </Text>
        </Tooltip>
      </Group>
      <Text fz="xs" c="dimmed" pl={14} style={{ overflowWrap: 'anywhere' }}>
        {transition.from ? `from ${label(transition.from)}` : 'first stage'} · by {who}
      </Text>
      {transition.reason && (
        <Text fz="xs" c="dark.4" pl={14} style={{ overflowWrap: 'anywhere' }}>
          {transition.reason}
        </Text>
      )}
    </Box>
  );
}
