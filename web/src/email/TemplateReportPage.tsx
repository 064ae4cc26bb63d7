import { Anchor, Box, Breadcrumbs, Button, EmptyState, Group, Loader, Paper, Progress, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChartBar, IconPencil, IconSend, IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useSubscriptionTopics } from '../consent/api';
import { RecordNotFound } from '../crm/shared/RecordLayout';
import { isReportLive, REPORT_LIVE_MS, TEMPLATE_MESSAGES_SHOWN, useTemplate, useTemplateMessages, useTemplateReport } from './api';
import { KindBadge } from './EmailBits';
import { KIND_LABELS, percent } from './format';
import { ClickMap, Fact, FactGrid, MessagesSection, numeric, Outcomes, outcomeCounts, rate, Reasons, StatCards } from './MessageReport';
import type { EmailTemplate, MessageState, MessageStats } from './types';

/** The Sent tab of /email, filtered by a state when there is one. */
const ledgerPath = (state?: MessageState | null) => `/email?tab=sent${state ? `&state=${state}` : ''}`;

/** /email/templates/:id/report: every message sent from a template, whichever broadcast, journey or API call sent it. */
export function TemplateReportPage() {
  const { id = '' } = useParams();
  const template = useTemplate(id);
  const report = useTemplateReport(id);
  if (template.isPending) return <LoadingBlock />;
  if (template.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={template.error} noun="template" listPath="/email" listLabel="All templates" />
      </Box>
    );
  }
  return <Report template={template.data} report={report} />;
}

function Report({ template, report }: { template: EmailTemplate; report: ReturnType<typeof useTemplateReport> }) {
  const me = useCurrentMe();
  const writable = me.workspace.role !== 'viewer';
  const topics = useSubscriptionTopics();
  const stats = report.data;
  const live = isReportLive(stats);
  // The same list as the Messages table with no state picked: its newest is the last queued.
  const newest = useTemplateMessages(template.id, null, { live, enabled: !!stats?.queued });
  const topic = template.topicKey ? (topics.data?.find((candidate) => candidate.key === template.topicKey)?.name ?? template.topicKey) : null;
  const lastQueued = newest.data?.[0]?.queuedAt;

  return (
    <Box px="xl" py="lg">
      <Breadcrumbs fz="sm" mb="sm" separatorMargin={6}>
        <Anchor component={Link} to="/email" fz="sm">
          Email
        </Anchor>
        <Anchor component={Link} to={`/email/templates/${template.id}`} fz="sm" truncate maw={360}>
          {template.name}
        </Anchor>
        <Text fz="sm" c="dimmed">
          Report
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <Box miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
              {template.name}
            </Title>
            <KindBadge kind={template.kind} />
          </Group>
          <Group gap="xs" mt={4} wrap="nowrap">
            <Text fz="sm" c="dimmed">
              Email report: every message sent from this template, by broadcasts, journeys and single sends
            </Text>
            {live && (
              <Group gap={6} wrap="nowrap" aria-live="polite">
                <Loader size={12} aria-label="Updating" />
                <Text fz="xs" c="dimmed" title={`Last updated ${new Date(report.dataUpdatedAt).toLocaleTimeString()}`}>
                  Updating every {REPORT_LIVE_MS / 1000} s
                </Text>
              </Group>
            )}
          </Group>
        </Box>
        <Group gap="sm" wrap="nowrap">
          <Button component={Link} to={ledgerPath()} variant="default" leftSection={<IconSend size={16} />}>
            Sent ledger
          </Button>
          <Button component={Link} to={`/email/templates/${template.id}`} variant="default" leftSection={<IconPencil size={16} />}>
            {writable ? 'Edit template' : 'View template'}
          </Button>
        </Group>
      </Group>

      <Stack gap="md">
        <FactGrid>
          <Fact label="Subject">
            <Text fz="sm" truncate title={template.subject} ff="monospace">
              {template.subject}
            </Text>
          </Fact>
          <Fact label="Kind" sub={template.kind === 'marketing' ? 'Only to contacts whose consent allows it' : 'Needs no consent'}>
            <Text fz="sm">{KIND_LABELS[template.kind]}</Text>
          </Fact>
          <Fact label="Topic" sub={template.kind === 'marketing' ? (topic ? 'Not to those unsubscribed from it' : 'All marketing email') : 'Transactional email has none'}>
            <Text fz="sm" c={topic ? undefined : 'dimmed'}>
              {topic ?? (template.kind === 'marketing' ? 'None' : '—')}
            </Text>
          </Fact>
          <Fact label="Version" sub={`Saved ${formatRelative(template.updatedAt)}`}>
            <Text fz="sm" style={numeric} title={formatDateTime(template.updatedAt)}>
              {template.version}
            </Text>
          </Fact>
          <Fact label="Messages" sub={lastQueued ? `Last queued ${formatRelative(lastQueued)}` : undefined}>
            {stats ? (
              <Text fz="sm" fw={600} style={numeric}>
                {stats.queued.toLocaleString()}
              </Text>
            ) : (
              <Text fz="sm" c="dimmed">
                …
              </Text>
            )}
          </Fact>
        </FactGrid>

        {report.isPending ? (
          <LoadingBlock />
        ) : report.isError ? (
          <ErrorBlock error={report.error} />
        ) : report.data.queued === 0 ? (
          <NothingSent template={template} writable={writable} />
        ) : (
          <>
            <Outcomes stats={report.data} />
            <StatCards stats={report.data} sentHint={`of ${report.data.queued.toLocaleString()} ${report.data.queued === 1 ? 'message' : 'messages'}`} />
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <Rates stats={report.data} />
              <Reasons stats={report.data} ledgerPath={ledgerPath} />
            </SimpleGrid>
            <ClickMap stats={report.data} />
            <Messages templateId={template.id} stats={report.data} live={live} />
          </>
        )}
      </Stack>
    </Box>
  );
}

/** The empty report: what fills it, and where to send from. */
function NothingSent({ template, writable }: { template: EmailTemplate; writable: boolean }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl" component="section" aria-label="Nothing sent yet">
      <EmptyState
        variant="light"
        icon={<IconChartBar size={28} stroke={1.6} />}
        title="Nothing sent from this template yet"
        description={`The report fills in as messages go out: from ${template.kind === 'marketing' ? 'a broadcast, ' : ''}a journey's email step or the API. Each message's outcome, the opens and clicks of the people who got it, unsubscribes and complaints add up here.`}
        maw={540}
        mx="auto"
      >
        {writable && template.kind === 'marketing' && (
          <Group justify="center" mt="md">
            <Button component={Link} to={`/email/broadcasts/new?template=${template.id}`} leftSection={<IconSpeakerphone size={16} />}>
              Send as a broadcast
            </Button>
          </Group>
        )}
      </EmptyState>
    </Paper>
  );
}

/** Open, click, click-to-open, bounce, unsubscribe and complaint rates, as bars. */
function Rates({ stats }: { stats: MessageStats }) {
  const { counts } = outcomeCounts(stats);
  const delivered = stats.sent;
  const attempted = stats.sent + counts.bounced;
  const rows: { label: string; value: number | null; detail: string; color: string; hint: string }[] = [
    { label: 'Open rate', value: delivered ? percent(stats.opened, delivered) : null, detail: `${stats.opened.toLocaleString()} of ${delivered.toLocaleString()} sent`, color: 'teal', hint: 'Unique opens by people, of the messages accepted by the receiving server' },
    { label: 'Click rate', value: delivered ? percent(stats.clicked, delivered) : null, detail: `${stats.clicked.toLocaleString()} of ${delivered.toLocaleString()} sent`, color: 'blue', hint: 'Unique clicks by people, of the messages sent' },
    { label: 'Click-to-open rate', value: stats.opened ? percent(stats.clicked, stats.opened) : null, detail: `${stats.clicked.toLocaleString()} of ${stats.opened.toLocaleString()} opened`, color: 'indigo', hint: 'Of the people who opened it, how many clicked' },
    { label: 'Bounce rate', value: attempted ? percent(counts.bounced, attempted) : null, detail: `${counts.bounced.toLocaleString()} of ${attempted.toLocaleString()} handed over`, color: 'orange', hint: 'Refused for good by the receiving server, of those handed to it' },
    { label: 'Unsubscribe rate', value: delivered ? percent(stats.unsubscribed, delivered) : null, detail: `${stats.unsubscribed.toLocaleString()} of ${delivered.toLocaleString()} sent`, color: 'grape', hint: 'Through the email’s unsubscribe link' },
    { label: 'Complaint rate', value: delivered ? percent(stats.complained, delivered) : null, detail: `${stats.complained.toLocaleString()} of ${delivered.toLocaleString()} sent`, color: 'red', hint: 'Marked as spam; above 0.1% hurts deliverability' },
  ];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="rates-title">
      <Title order={2} fz="md" id="rates-title" mb="sm">
        Engagement
      </Title>
      <Stack gap={10}>
        {rows.map((row) => (
          <Box key={row.label} role="group" aria-label={row.label}>
            <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
              <Tooltip label={row.hint} withArrow openDelay={300} multiline w={260}>
                <Text fz="sm" style={{ cursor: 'default' }}>
                  {row.label}
                </Text>
              </Tooltip>
              <Group gap="xs" wrap="nowrap">
                <Text fz="xs" c="dimmed" style={numeric}>
                  {row.detail}
                </Text>
                <Text fz="sm" fw={600} w={52} ta="right" style={numeric} data-rate>
                  {rate(row.value)}
                </Text>
              </Group>
            </Group>
            <Progress value={row.value ?? 0} color={row.color} size="sm" radius="xl" aria-hidden />
          </Box>
        ))}
      </Stack>
      <Text fz="xs" c="dimmed" mt="sm">
        Opens and clicks count people only.
        {stats.machineOpened > 0
          ? ` Mail privacy proxies and link scanners opened ${stats.machineOpened.toLocaleString()} ${stats.machineOpened === 1 ? 'message' : 'messages'} too; their opens are left out.`
          : ' No machine opens (privacy proxies, scanners).'}
      </Text>
    </Paper>
  );
}

/** How many of the template's messages there are in a state, when the report counts it. */
function countOf(stats: MessageStats, state: MessageState | null): number | null {
  if (state === null) return stats.queued;
  if (state === 'sent' || state === 'skipped' || state === 'failed') return stats[state];
  if (state === 'bounced') return stats.bounces.hard + stats.bounces.other;
  return null;
}

/** The template's newest messages: to whom, the outcome and why, and what they did. */
function Messages({ templateId, stats, live }: { templateId: string; stats: MessageStats; live: boolean }) {
  const [state, setState] = useState<MessageState | null>(null);
  const messages = useTemplateMessages(templateId, state, { live });
  const items = messages.data ?? [];
  const total = countOf(stats, state);
  const caption =
    items.length === TEMPLATE_MESSAGES_SHOWN && total !== items.length
      ? `Newest ${items.length.toLocaleString()}${total !== null ? ` of ${total.toLocaleString()}` : ''} shown`
      : `${items.length.toLocaleString()} ${items.length === 1 ? 'message' : 'messages'}`;
  return (
    <MessagesSection
      id="template-messages-title" label="Template messages" messages={messages} caption={caption} state={state} onStateChange={setState}
      actions={
        <Anchor component={Link} to={ledgerPath(state)} fz="sm">
          {state ? `All ${state} messages in the Sent ledger` : 'Open the Sent ledger'}
        </Anchor>
      }
    />
  );
}
