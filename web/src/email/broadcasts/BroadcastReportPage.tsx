import { Alert, Anchor, Box, Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconCalendarEvent, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { formatDateTime, formatRelative } from '../../app/format';
import { LoadingBlock } from '../../components/QueryState';
import { RecordBreadcrumbs, RecordNotFound } from '../../crm/shared/RecordLayout';
import { KIND_LABELS } from '../format';
import { ClickMap, Fact, FactGrid, MessagesSection, numeric, Outcomes, Reasons, StatCards } from '../MessageReport';
import type { MessageState } from '../types';
import { isLive, LIVE_INTERVAL_MS, MESSAGES_SHOWN, useBroadcast, useBroadcastMessages, useCancelBroadcast } from './api';
import { AUDIENCE_LABELS, AudienceIcon, BroadcastStatusBadge, useBroadcastNames } from './BroadcastBits';
import { formatWhen, launchTime, localHourSpan, scheduleInWords, throttleInWords } from './format';
import type { BroadcastReport } from './types';

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
        <FactGrid>
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
        </FactGrid>

        <StatusNote broadcast={broadcast} />
        {started && <Outcomes stats={broadcast.stats} />}
        {started && <StatCards stats={broadcast.stats} sentHint={`of ${broadcast.recipients.toLocaleString()} ${broadcast.recipients === 1 ? 'recipient' : 'recipients'}`} />}
        {started && broadcast.stats.queued > 0 && <Reasons stats={broadcast.stats} />}
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

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The broadcast's messages in the ledger: to whom, the outcome and why, and what they did. */
function Messages({ broadcastId, live, total }: { broadcastId: string; live: boolean; total: number }) {
  const [state, setState] = useState<MessageState | null>(null);
  const messages = useBroadcastMessages(broadcastId, state, live);
  const items = messages.data ?? [];
  const caption = items.length === MESSAGES_SHOWN ? `Newest ${MESSAGES_SHOWN} of ${total.toLocaleString()} shown` : `${items.length} ${items.length === 1 ? 'message' : 'messages'}`;
  return <MessagesSection id="broadcast-messages-title" label="Broadcast messages" messages={messages} caption={caption} state={state} onStateChange={setState} />;
}
