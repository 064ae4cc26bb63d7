import { Alert, Anchor, Avatar, Box, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconCheck, IconExternalLink, IconTargetArrow, IconThumbDown } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/client';
import { formatDateTime, formatRelative, initials } from '../app/format';
import { LoadingBlock } from '../components/QueryState';
import { OwnerName } from '../crm/shared/OwnerSelect';
import { RecordBreadcrumbs, RecordNotFound } from '../crm/shared/RecordLayout';
import { useAcceptLead, useLead, useLifecycleSettings, useSalesTeams } from './api';
import { ConvertLeadModal } from './ConvertLeadModal';
import { GradeBadge, SlaIndicator, StatusBadge, useNow } from './LeadBits';
import { LeadTrail } from './LeadTrail';
import { RejectLeadModal } from './RejectLeadModal';
import type { Lead } from './types';
import { WhyThisLead } from './WhyThisLead';

/** /leads/:id — one lead, why it is one, and the rep's answer. */
export function LeadPage() {
  const { id = '' } = useParams();
  const detail = useLead(id);
  const settings = useLifecycleSettings();
  const [answering, setAnswering] = useState<'reject' | 'convert' | null>(null);

  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={detail.error} noun="lead" listPath="/leads" listLabel="Back to leads" />
      </Box>
    );
  }
  const { lead, score, trail } = detail.data;
  const reasons = settings.data?.rejectReasons ?? [];

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Leads" to="/leads" current={lead.contact.name} />
      <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap" gap="lg">
        <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
          <Avatar size={56} radius="xl" color="indigo" variant="light">
            {initials(lead.contact.name, lead.contact.email ?? '?')}
          </Avatar>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap="sm" wrap="nowrap">
              <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
                {lead.contact.name}
              </Title>
              <GradeBadge grade={lead.grade} tier={lead.tier} size="lg" />
              <StatusBadge status={lead.status} size="lg" />
            </Group>
            <Group gap="xs" fz="sm" c="dimmed">
              {lead.contact.email && <Text fz="sm" c="dimmed">{lead.contact.email}</Text>}
              {lead.contact.email && lead.contact.companyName && <Text fz="sm" c="dimmed">·</Text>}
              {lead.contact.companyName && <Text fz="sm" c="dimmed">{lead.contact.companyName}</Text>}
              <Anchor component={Link} to={`/contacts/${lead.contact.id}`} fz="sm">
                <Group gap={4} wrap="nowrap">
                  Open contact <IconExternalLink size={13} />
                </Group>
              </Anchor>
            </Group>
          </Stack>
        </Group>
        <LeadActions lead={lead} onReject={() => setAnswering('reject')} onConvert={() => setAnswering('convert')} />
      </Group>

      <Outcome lead={lead} reasons={reasons} />
      <Facts lead={lead} fetchedAt={detail.dataUpdatedAt} />

      <Title order={2} fz="lg" mt="xl" mb="sm">
        Why this lead
      </Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <WhyThisLead lead={lead} score={score} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <LeadTrail items={trail} ledger={score.ledger} reasons={reasons} />
        </Grid.Col>
      </Grid>

      <RejectLeadModal lead={lead} opened={answering === 'reject'} onClose={() => setAnswering(null)} />
      <ConvertLeadModal lead={lead} opened={answering === 'convert'} onClose={() => setAnswering(null)} />
    </Box>
  );
}

/** Accept or reject a new lead; convert one that is new or being worked. */
function LeadActions({ lead, onReject, onConvert }: { lead: Lead; onReject: () => void; onConvert: () => void }) {
  const accept = useAcceptLead(lead.id);
  if (lead.status !== 'new' && lead.status !== 'working') return null;
  return (
    <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
      {lead.status === 'new' && (
        <Button variant="light" color="red" leftSection={<IconThumbDown size={16} />} onClick={onReject}>
          Reject
        </Button>
      )}
      <Button variant={lead.status === 'new' ? 'default' : 'filled'} color="green" leftSection={<IconTargetArrow size={16} />} onClick={onConvert}>
        Convert
      </Button>
      {lead.status === 'new' && (
        <Button
          leftSection={<IconCheck size={16} />}
          loading={accept.isPending}
          onClick={() =>
            accept.mutate(undefined, {
              onSuccess: () => notifications.show({ color: 'teal', title: 'Lead accepted', message: `${lead.contact.name} is now a sales accepted lead.` }),
              onError: (error) => notifications.show({ color: 'red', title: 'Could not accept the lead', message: errorMessage(error) }),
            })
          }
        >
          Accept
        </Button>
      )}
    </Group>
  );
}

/** How an answered lead ended: accepted, recycled or disqualified with the reason, or converted. */
function Outcome({ lead, reasons }: { lead: Lead; reasons: { key: string; label: string }[] }) {
  if (lead.status === 'recycled' || lead.status === 'disqualified') {
    const reason = reasons.find((candidate) => candidate.key === lead.rejectReason)?.label ?? lead.rejectReason ?? 'no reason';
    return (
      <Alert color={lead.status === 'recycled' ? 'orange' : 'gray'} variant="light" mb="md" title={lead.status === 'recycled' ? 'Recycled to nurturing' : 'Disqualified'}>
        Rejected {formatRelative(lead.rejectedAt)} · Reason: <b>{reason}</b>
        {lead.rejectNote && <> — {lead.rejectNote}</>}
      </Alert>
    );
  }
  if (lead.status === 'converted') {
    return (
      <Alert color="green" variant="light" mb="md" title="Converted">
        A deal was opened {formatRelative(lead.convertedAt)}.{' '}
        {lead.dealId && (
          <Anchor component={Link} to={`/deals/${lead.dealId}`} fz="sm">
            Open the deal <IconArrowRight size={12} />
          </Anchor>
        )}
      </Alert>
    );
  }
  return null;
}

function Facts({ lead, fetchedAt }: { lead: Lead; fetchedAt: number }) {
  const now = useNow();
  const teams = useSalesTeams();
  const team = teams.data?.find((candidate) => candidate.id === lead.teamId);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Hand-off">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="lg">
        <Fact label="SLA">
          <SlaIndicator lead={lead} fetchedAt={fetchedAt} now={now} />
        </Fact>
        <Fact label="Owner">
          <OwnerName userId={lead.ownerId} />
          {team && (
            <Text fz="xs" c="dimmed">
              {team.name}
            </Text>
          )}
        </Fact>
        <Fact label="Routed by">
          <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
            {lead.routedBy}
          </Text>
        </Fact>
        <Fact label="Qualified">
          <Tooltip label={formatDateTime(lead.mqlAt)} withArrow>
            <Text fz="sm" span>
              {formatRelative(lead.mqlAt)}
            </Text>
          </Tooltip>
          <Text fz="xs" c="dimmed">
            lead definition v{lead.definitionVersion}
          </Text>
        </Fact>
        <Fact label="Reminders">
          {lead.escalatedAt ? (
            <Text fz="sm" c="red.8" title={formatDateTime(lead.escalatedAt)}>
              Escalated to the team lead {formatRelative(lead.escalatedAt)}
            </Text>
          ) : lead.remindedAt ? (
            <Text fz="sm" c="orange.8" title={formatDateTime(lead.remindedAt)}>
              Owner reminded {formatRelative(lead.remindedAt)}
            </Text>
          ) : (
            <Text fz="sm" c="dimmed">
              None sent
            </Text>
          )}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Box>{children}</Box>
    </Stack>
  );
}
