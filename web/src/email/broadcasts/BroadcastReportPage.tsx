import { Alert, Anchor, Box, Button, Group, Loader, Modal, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconCalendarEvent, IconExternalLink, IconInfoCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { formatDateTime, formatRelative, formatTimestamp } from '../../app/format';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { RecordBreadcrumbs, RecordNotFound } from '../../crm/shared/RecordLayout';
import { OutcomeReason, Recipient, StateBadge } from '../EmailBits';
import { KIND_LABELS, STATES } from '../format';
import type { Message, MessageState } from '../types';
import { isLive, LIVE_INTERVAL_MS, MESSAGES_SHOWN, useBroadcast, useBroadcastMessages, useCancelBroadcast } from './api';
import { AUDIENCE_LABELS, AudienceIcon, BroadcastStatusBadge, useBroadcastNames } from './BroadcastBits';
import { formatWhen, launchTime, localHourSpan, percent, scheduleInWords, throttleInWords } from './format';
import type { BroadcastReport, BroadcastStats } from './types';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/** /email/broadcasts/:id: a broadcast's report, asked again every 3 s while it is sending. */
export function BroadcastReportPage() {
  const { id = '' } = useParams();
  const broadcast = useBroadcast(id);
  if (broadcast.isPending) return <LoadingBlock />;
  if (broadcast.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={broadcast.error} noun="broadcast" listPath="/email?tab=broadcasts" listLabel="All broadcasts" />
      </Box>
    );
  }
  return <Report broadcast={broadcast.data} updatedAt={broadcast.dataUpdatedAt} />;
}

function Report({ broadcast, updatedAt }: { broadcast: BroadcastReport; updatedAt: number }) {
  const me = useCurrentMe();
  const writable = me.workspace.role !== 'viewer';
  const names = useBroadcastNames();
  const cancel = useCancelBroadcast();
  const [cancelling, setCancelling] = useState(false);
  const live = isLive(broadcast);
  const template = names.template(broadcast.templateId);
  const audience = names.audience(broadcast.audience);
  const throttle = throttleInWords(broadcast.perMinute);
  const started = broadcast.status === 'sending' || broadcast.status === 'sent';

  const doCancel = () =>
    cancel.mutate(broadcast.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${broadcast.name} was cancelled; nothing was sent.` });
        setCancelling(false);
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'Could not cancel the broadcast', message: errorMessage(error) });
        setCancelling(false);
      },
    });

  return (
    <Box px="xl" py="lg">
      <RecordBreadcrumbs parent="Broadcasts" to="/email?tab=broadcasts" current={broadcast.name} />
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <Box miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
              {broadcast.name}
            </Title>
            <BroadcastStatusBadge status={broadcast.status} size="md" />
          </Group>
          <Group gap="xs" mt={4} wrap="nowrap">
            <Text fz="sm" c="dimmed">
              Created <span title={formatDateTime(broadcast.createdAt)}>{formatRelative(broadcast.createdAt)}</span>
              {broadcast.finishedAt && broadcast.status === 'sent' && <> · finished {formatWhen(broadcast.finishedAt)}</>}
            </Text>
            {live && (
              <Group gap={6} wrap="nowrap" aria-live="polite">
                <Loader size={12} aria-label="Updating" />
                <Text fz="xs" c="dimmed" title={`Last updated ${new Date(updatedAt).toLocaleTimeString()}`}>
                  Updating every {LIVE_INTERVAL_MS / 1000} s
                </Text>
              </Group>
            )}
          </Group>
        </Box>
        {writable && broadcast.status === 'scheduled' && (
          <Button variant="subtle" color="red" leftSection={<IconBan size={16} />} onClick={() => setCancelling(true)}>
            Cancel broadcast
          </Button>
        )}
      </Group>

      <Stack gap="md">
        <Paper withBorder radius="md" px="lg" py="md" component="section" aria-label="Details">
          <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', gap: 'var(--mantine-spacing-sm) var(--mantine-spacing-xl)' }}>
            <Fact label="Template" sub={template ? `${KIND_LABELS[template.kind]} · version ${template.version}` : undefined}>
              {template ? (
                <Anchor component={Link} to={`/email/templates/${template.id}`} fz="sm" display="block" truncate title={template.name}>
                  {template.name}
                </Anchor>
              ) : (
                <Text fz="sm" c="dimmed">
                  {names.templateName(broadcast.templateId)}
                </Text>
              )}
            </Fact>
            <Fact
              label="Audience"
              sub={`${AUDIENCE_LABELS[broadcast.audience.kind]}${audience.memberCount !== null ? ` · ${audience.memberCount.toLocaleString()} ${audience.memberCount === 1 ? 'member' : 'members'} now` : ''}`}
            >
              <Group gap={6} wrap="nowrap" miw={0}>
                <Text component="span" c="dimmed" display="flex" title={AUDIENCE_LABELS[broadcast.audience.kind]}>
                  <AudienceIcon kind={broadcast.audience.kind} />
                </Text>
                {audience.exists ? (
                  <Anchor component={Link} to={`/${broadcast.audience.kind}s/${broadcast.audience.id}`} fz="sm" truncate title={audience.name}>
                    {audience.name}
                  </Anchor>
                ) : (
                  <Text fz="sm" c="dimmed">
                    {audience.name}
                  </Text>
                )}
              </Group>
            </Fact>
            <Fact label="Schedule" sub={broadcast.startedAt ? `Started ${formatWhen(broadcast.startedAt)}` : undefined}>
              <Text fz="sm">{scheduleInWords(broadcast)}</Text>
            </Fact>
            <Fact label="Throttle" sub={throttle ? 'On average, in batches of up to 200' : undefined}>
              <Text fz="sm" c={throttle ? undefined : 'dimmed'}>
                {throttle ?? 'None'}
              </Text>
            </Fact>
            <Fact
              label="Recipients"
              sub={started ? (broadcast.withoutEmail > 0 ? `${broadcast.withoutEmail.toLocaleString()} without an email address left out` : undefined) : broadcast.status === 'cancelled' ? undefined : 'Counted when it starts'}
            >
              {started ? (
                <Text fz="sm" fw={600} style={numeric}>
                  {broadcast.recipients.toLocaleString()}
                </Text>
              ) : (
                <Text fz="sm" c="dimmed">
                  None yet
                </Text>
              )}
            </Fact>
          </Box>
        </Paper>

        <StatusNote broadcast={broadcast} />
        {started && <Outcomes broadcast={broadcast} />}
        {started && <StatCards stats={broadcast.stats} recipients={broadcast.recipients} />}
        {started && <ClickMap stats={broadcast.stats} />}
        {started && <Messages broadcastId={broadcast.id} live={live} total={broadcast.stats.queued} />}
      </Stack>

      {/* Not the shared ConfirmDialog: its "Cancel" next to "Cancel broadcast" would read as the same thing. */}
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title="Cancel broadcast" size="md">
        <Stack>
          <Text fz="sm">
            Cancel {broadcast.name}? It will not start, and nobody gets it. A cancelled broadcast cannot be resumed; schedule a new one instead.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              Keep it scheduled
            </Button>
            <Button color="red" loading={cancel.isPending} onClick={doCancel}>
              Cancel broadcast
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Box>
  );
}

function Fact({ label, sub, children }: { label: string; sub?: string; children: ReactNode }) {
  return (
    <Box miw={0}>
      <Box role="group" aria-label={label}>
        <Text fz="xs" fw={700} tt="uppercase" c="dimmed" mb={2}>
          {label}
        </Text>
        {children}
      </Box>
      {sub && (
        <Text fz="xs" c="dimmed" mt={2}>
          {sub}
        </Text>
      )}
    </Box>
  );
}

/** What a broadcast that has not sent anything is doing. */
function StatusNote({ broadcast }: { broadcast: BroadcastReport }) {
  if (broadcast.status === 'scheduled') {
    const launch = launchTime(broadcast);
    const due = launch.getTime() <= Date.now() + LIVE_INTERVAL_MS;
    const span = broadcast.schedule === 'local_hour' && broadcast.sendAt && broadcast.localHour !== null ? localHourSpan(broadcast.sendAt, broadcast.localHour) : null;
    return (
      <Alert color="blue" variant="light" icon={due ? <Loader size={16} /> : <IconCalendarEvent size={18} />} title={due ? 'Starting' : `Starts ${formatWhen(launch)}`}>
        {due
          ? 'The audience is being read and the messages queued.'
          : span
            ? `When ${String(broadcast.localHour).padStart(2, '0')}:00 first arrives (in UTC+14), ${formatRelative(launch.toISOString())}. Each member gets it at that hour in their own time zone, until about ${formatWhen(span.last)} your time. The audience is read when it starts; until then it can be cancelled.`
            : `${capitalized(formatRelative(launch.toISOString()))}. The audience is read when it starts; until then it can be cancelled.`}
      </Alert>
    );
  }
  if (broadcast.status === 'cancelled') {
    return (
      <Alert color="gray" variant="light" icon={<IconBan size={18} />} title="Cancelled">
        Cancelled {broadcast.finishedAt ? formatWhen(broadcast.finishedAt) : ''} before it started: nothing was sent.
      </Alert>
    );
  }
  if (broadcast.status === 'sending' && broadcast.recipients === 0) {
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} title="Nobody to send to">
        When the broadcast started, no member of the {broadcast.audience.kind} had an email address, so no message was queued.
      </Alert>
    );
  }
  return null;
}

const OUTCOME_SECTIONS = [
  { key: 'sent', label: 'Sent', color: 'green' },
  { key: 'skipped', label: 'Skipped', color: 'violet' },
  { key: 'failed', label: 'Failed', color: 'red' },
  { key: 'bounced', label: 'Bounced', color: 'orange' },
] as const;

/** How far the broadcast has got: each message's outcome, and those still waiting. */
function Outcomes({ broadcast }: { broadcast: BroadcastReport }) {
  const { stats } = broadcast;
  const counts = { sent: stats.sent, skipped: stats.skipped, failed: stats.failed, bounced: stats.bounces.hard + stats.bounces.other };
  const done = counts.sent + counts.skipped + counts.failed + counts.bounced;
  const waiting = Math.max(0, stats.queued - done);
  if (stats.queued === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Progress">
      <Group justify="space-between" mb={8} wrap="nowrap">
        <Text fz="sm" fw={600}>
          {waiting === 0 ? `All ${stats.queued.toLocaleString()} messages have an outcome` : `${done.toLocaleString()} of ${stats.queued.toLocaleString()} messages have an outcome`}
        </Text>
        {waiting > 0 && (
          <Text fz="sm" c="dimmed" style={numeric}>
            {waiting.toLocaleString()} waiting
          </Text>
        )}
      </Group>
      <Progress.Root size="lg" radius="xl" aria-label="Outcomes">
        {OUTCOME_SECTIONS.filter((section) => counts[section.key] > 0).map((section) => (
          <Tooltip key={section.key} label={`${section.label}: ${counts[section.key].toLocaleString()}`} withArrow>
            <Progress.Section value={percent(counts[section.key], stats.queued)} color={section.color} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap="lg" mt={8}>
        {OUTCOME_SECTIONS.map((section) => (
          <Group key={section.key} gap={6} wrap="nowrap">
            <Box w={10} h={10} bg={`${section.color}.6`} style={{ borderRadius: 3 }} />
            <Text fz="xs" c="dimmed">
              {section.label} {counts[section.key].toLocaleString()}
            </Text>
          </Group>
        ))}
        {waiting > 0 && (
          <Group gap={6} wrap="nowrap">
            <Box w={10} h={10} bg="gray.3" style={{ borderRadius: 3 }} />
            <Text fz="xs" c="dimmed">
              Waiting {waiting.toLocaleString()}
            </Text>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const rate = (value: number | null) => (value === null ? '—' : `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`);

function StatCards({ stats, recipients }: { stats: BroadcastStats; recipients: number }) {
  const bounces = stats.bounces.hard + stats.bounces.other;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" component="section" aria-label="Report">
      <Stat label="Sent" value={stats.sent} hint={`of ${recipients.toLocaleString()} ${recipients === 1 ? 'recipient' : 'recipients'}`} tone={stats.sent ? 'green.8' : undefined} />
      <Stat label="Skipped" value={stats.skipped} hint="No consent, suppressed or unsubscribed" tone={stats.skipped ? 'violet.8' : undefined} />
      <Stat label="Failed" value={stats.failed} hint="Could not be sent: see the reason below" tone={stats.failed ? 'red.8' : undefined} />
      <Stat label="Bounces" value={bounces} hint={`${stats.bounces.hard.toLocaleString()} hard · ${stats.bounces.other.toLocaleString()} other`} tone={bounces ? 'orange.8' : undefined} />
      <Stat label="Opened" value={stats.opened} hint={stats.sent ? `${rate(stats.openRate)} of sent · unique, by people` : 'Unique opens by people, not machines'} />
      <Stat label="Clicked" value={stats.clicked} hint={stats.sent ? `${rate(stats.clickRate)} of sent · unique, by people` : 'Unique clicks by people, not scanners'} />
      <Stat label="Unsubscribed" value={stats.unsubscribed} hint={stats.sent ? `${rate(percent(stats.unsubscribed, stats.sent))} of sent` : 'Through the email’s link'} />
      <Stat label="Complaints" value={stats.complained} hint="Marked as spam" tone={stats.complained ? 'red.8' : undefined} />
    </SimpleGrid>
  );
}

function Stat({ label, value, hint, tone }: { label: string; value: number; hint: string; tone?: string }) {
  return (
    <Paper withBorder radius="lg" p="md" role="group" aria-label={label}>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3} c={tone} style={numeric}>
        {value.toLocaleString()}
      </Text>
      <Text fz="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** Clicks by link (people, not scanners): which links drew the readers. */
function ClickMap({ stats }: { stats: BroadcastStats }) {
  const total = stats.links.reduce((sum, link) => sum + link.clicks, 0);
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="click-map-title">
      <Group justify="space-between" px="md" pt="md" pb="xs">
        <Title order={2} fz="md" id="click-map-title">
          Clicks by link
        </Title>
        {total > 0 && (
          <Text fz="sm" c="dimmed">
            {total.toLocaleString()} {total === 1 ? 'click' : 'clicks'} on {stats.links.length} {stats.links.length === 1 ? 'link' : 'links'}
          </Text>
        )}
      </Group>
      {stats.links.length === 0 ? (
        <Text fz="sm" c="dimmed" px="md" pb="md">
          No clicks yet. Clicks by people show here by link; those of link scanners and mail proxies are left out.
        </Text>
      ) : (
        <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Clicks by link">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Link</Table.Th>
              <Table.Th ta="right" w={90}>
                Clicks
              </Table.Th>
              <Table.Th ta="right" w={90}>
                People
              </Table.Th>
              <Table.Th w={260}>Share of clicks</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stats.links.map((link) => {
              const share = percent(link.clicks, total);
              return (
                <Table.Tr key={link.url}>
                  <Table.Td maw={0} w="100%">
                    <Anchor href={link.url} target="_blank" rel="noreferrer noopener" fz="sm" display="flex" style={{ alignItems: 'center', gap: 4 }} title={link.url}>
                      <Text span fz="sm" truncate>
                        {link.url}
                      </Text>
                      <IconExternalLink size={13} style={{ flexShrink: 0 }} />
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" fz="sm" style={numeric}>
                    {link.clicks.toLocaleString()}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm" style={numeric}>
                    {link.people.toLocaleString()}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Progress value={share} size="md" radius="xl" style={{ flex: 1 }} aria-label={`Share of ${link.url}`} />
                      <Text fz="sm" w={48} ta="right" style={numeric}>
                        {share}%
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The broadcast's messages in the ledger: to whom, the outcome and why, and what they did. */
function Messages({ broadcastId, live, total }: { broadcastId: string; live: boolean; total: number }) {
  const [state, setState] = useState<MessageState | null>(null);
  const messages = useBroadcastMessages(broadcastId, state, live);
  const items = messages.data ?? [];
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="broadcast-messages-title">
      <Group justify="space-between" px="md" pt="md" pb="xs" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2} fz="md" id="broadcast-messages-title">
            Messages
          </Title>
          {messages.data && (
            <Text fz="sm" c="dimmed" aria-live="polite">
              {items.length === MESSAGES_SHOWN ? `Newest ${MESSAGES_SHOWN} of ${total.toLocaleString()} shown` : `${items.length} ${items.length === 1 ? 'message' : 'messages'}`}
            </Text>
          )}
        </Group>
        <Select
          aria-label="State"
          placeholder="All states"
          data={STATES.map((option) => ({ value: option.value, label: option.label }))}
          value={state}
          onChange={(value) => setState(value as MessageState | null)}
          clearable
          w={180}
          size="xs"
        />
      </Group>
      {messages.isPending ? (
        <LoadingBlock />
      ) : messages.isError ? (
        <Box p="md">
          <ErrorBlock error={messages.error} />
        </Box>
      ) : (
        <Box style={{ opacity: messages.isPlaceholderData ? 0.6 : 1, overflowX: 'auto' }}>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Broadcast messages" style={{ minWidth: 900 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>To</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>Opened</Table.Th>
                <Table.Th>Clicked</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text fz="sm" c="dimmed" ta="center" py="sm">
                      {state ? `No ${state} messages.` : 'No messages yet.'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((message) => (
                <MessageRow key={message.id} message={message} />
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}

function MessageRow({ message }: { message: Message }) {
  return (
    <Table.Tr>
      <Table.Td maw={260}>
        <Recipient message={message} />
      </Table.Td>
      <Table.Td>
        <StateBadge state={message.state} size="xs" />
      </Table.Td>
      <Table.Td miw={200} maw={340}>
        <OutcomeReason message={message} lines={2} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text fz="sm" c={message.sentAt ? undefined : 'dimmed'} title={message.sentAt ? formatDateTime(message.sentAt) : undefined}>
          {message.sentAt ? formatTimestamp(message.sentAt) : '—'}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Engagement at={message.firstOpenedAt} count={message.humanOpens} noun="open" extra={message.machineOpens ? `+${message.machineOpens} by machines` : undefined} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Engagement at={message.firstClickedAt} count={message.humanClicks} noun="click" />
      </Table.Td>
    </Table.Tr>
  );
}

/** "Jan 14, 9:05 AM · 3 opens", or a dash. */
function Engagement({ at, count, noun, extra }: { at: string | null; count: number; noun: string; extra?: string }) {
  if (!at || count === 0) {
    return (
      <Text fz="sm" c="dimmed" title={extra}>
        —
      </Text>
    );
  }
  return (
    <Text fz="sm" title={`First ${formatDateTime(at)}${extra ? ` · ${extra}` : ''}`}>
      {formatTimestamp(at)}
      <Text span fz="xs" c="dimmed" ml={6} style={numeric}>
        {count} {count === 1 ? noun : `${noun}s`}
      </Text>
    </Text>
  );
}
