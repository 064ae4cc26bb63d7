import { Anchor, Box, Group, Paper, Progress, Select, SimpleGrid, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatTimestamp } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { OutcomeReason, Recipient, StateBadge } from './EmailBits';
import { percent, STATES } from './format';
import type { Message, MessageReason, MessageState, MessageStats } from './types';

/**
 * The pieces of an email report, shared by a broadcast's report and a template's: the outcome
 * bar, the stat cards, why messages did not go, clicks by link and the table of messages.
 */

export const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/** "12.5%", or a dash when there is nothing to divide by. */
export const rate = (value: number | null) => (value === null ? '—' : `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`);

/** A labelled value of a report's details card. */
export function Fact({ label, sub, children }: { label: string; sub?: string; children: ReactNode }) {
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

/** The facts of a report in a responsive grid. */
export function FactGrid({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder radius="md" px="lg" py="md" component="section" aria-label="Details">
      <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', gap: 'var(--mantine-spacing-sm) var(--mantine-spacing-xl)' }}>{children}</Box>
    </Paper>
  );
}

export const OUTCOME_SECTIONS = [
  { key: 'sent', label: 'Sent', color: 'green' },
  { key: 'skipped', label: 'Skipped', color: 'violet' },
  { key: 'failed', label: 'Failed', color: 'red' },
  { key: 'bounced', label: 'Bounced', color: 'orange' },
] as const;

/** Each outcome's count, how many messages have one, and how many still wait (queued, sending or deferred). */
export function outcomeCounts(stats: MessageStats) {
  const counts = { sent: stats.sent, skipped: stats.skipped, failed: stats.failed, bounced: stats.bounces.hard + stats.bounces.other };
  const done = counts.sent + counts.skipped + counts.failed + counts.bounced;
  return { counts, done, waiting: Math.max(0, stats.queued - done) };
}

/** How far the messages have got: each one's outcome, and those still waiting. */
export function Outcomes({ stats }: { stats: MessageStats }) {
  const { counts, done, waiting } = outcomeCounts(stats);
  if (stats.queued === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Progress">
      <Group justify="space-between" mb={8} wrap="nowrap">
        <Text fz="sm" fw={600}>
          {waiting === 0
            ? stats.queued === 1
              ? 'Its one message has an outcome'
              : `All ${stats.queued.toLocaleString()} messages have an outcome`
            : `${done.toLocaleString()} of ${stats.queued.toLocaleString()} messages have an outcome`}
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

/** The headline figures, HubSpot-style: outcomes on the first row, what people did on the second. */
export function StatCards({ stats, sentHint }: { stats: MessageStats; sentHint: string }) {
  const bounces = stats.bounces.hard + stats.bounces.other;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" component="section" aria-label="Report">
      <Stat label="Sent" value={stats.sent} hint={sentHint} tone={stats.sent ? 'green.8' : undefined} />
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

export function Stat({ label, value, hint, tone }: { label: string; value: number; hint: string; tone?: string }) {
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

const NOT_SENT: MessageReason['state'][] = ['skipped', 'failed', 'bounced'];

/** How many reasons the report counts at most (the most common). */
const REASONS_COUNTED = 50;

/**
 * Why messages did not go: skipped, failed and bounced ones by reason, most common first.
 * With `ledgerPath`, each of those outcomes links to the Sent ledger filtered by it.
 */
export function Reasons({ stats, ledgerPath }: { stats: MessageStats; ledgerPath?: (state: MessageReason['state']) => string }) {
  const { counts } = outcomeCounts(stats);
  const total = counts.skipped + counts.failed + counts.bounced;
  const listed = stats.reasons.reduce((sum, row) => sum + row.messages, 0);
  /** More reasons than the report counts: the rarest are left out. */
  const capped = stats.reasons.length >= REASONS_COUNTED && listed < total;
  const outcomes = NOT_SENT.filter((state) => counts[state] > 0);
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="reasons-title">
      <Group justify="space-between" px="md" pt="md" pb="xs" wrap="nowrap">
        <Title order={2} fz="md" id="reasons-title">
          Why messages did not go
        </Title>
        {total > 0 && (
          <Text fz="sm" c="dimmed" style={numeric}>
            {total.toLocaleString()} of {stats.queued.toLocaleString()}
          </Text>
        )}
      </Group>
      {total === 0 ? (
        <Text fz="sm" c="dimmed" px="md" pb="md">
          {stats.sent > 0 ? 'Every message with an outcome was sent: none skipped, failed or bounced.' : 'No message was skipped, failed or bounced.'}
        </Text>
      ) : (
        <>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Reasons">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Outcome</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th ta="right" w={90}>
                  Messages
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.reasons.map((row) => {
                const reason = row.reason?.trim() || 'No reason recorded';
                return (
                  <Table.Tr key={`${row.state}:${row.reason}`}>
                    <Table.Td>
                      <StateBadge state={row.state} size="xs" />
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" lineClamp={2} title={reason} c={row.reason?.trim() ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                        {reason}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" fz="sm" style={numeric}>
                      {row.messages.toLocaleString()}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {(capped || stats.bounces.hard > 0 || ledgerPath) && (
            <Text fz="xs" c="dimmed" px="md" py="sm">
              {capped && `The ${REASONS_COUNTED} most common reasons, of ${listed.toLocaleString()} messages. `}
              {stats.bounces.hard > 0 && 'A hard bounce suppresses the address: nothing more is sent to it. '}
              {ledgerPath && (
                <>
                  In the Sent ledger:{' '}
                  {outcomes.map((state, index) => (
                    <span key={state}>
                      {index > 0 && ' · '}
                      <Anchor component={Link} to={ledgerPath(state)} fz="xs">
                        {state}
                      </Anchor>
                    </span>
                  ))}
                </>
              )}
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}

/** Clicks by link (people, not scanners): which links drew the readers. */
export function ClickMap({ stats }: { stats: MessageStats }) {
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

/** Picks one state of the ledger, or all. */
export function MessageStateSelect({ value, onChange, w = 180 }: { value: MessageState | null; onChange: (state: MessageState | null) => void; w?: number }) {
  return (
    <Select
      aria-label="State"
      placeholder="All states"
      data={STATES.map((option) => ({ value: option.value, label: option.label }))}
      value={value}
      onChange={(next) => onChange(next as MessageState | null)}
      clearable
      w={w}
      size="xs"
    />
  );
}

/** Messages of a report: to whom, the outcome and why, and what they did (machine opens on hover). */
export function MessagesTable({ items, label, empty }: { items: Message[]; label: string; empty: string }) {
  return (
    <Table verticalSpacing="xs" horizontalSpacing="md" aria-label={label} style={{ minWidth: 900 }}>
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
                {empty}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {items.map((message) => (
          <MessageRow key={message.id} message={message} />
        ))}
      </Table.Tbody>
    </Table>
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

/**
 * A report's "Messages" card: the newest messages with a state filter, the caption saying how
 * many are shown, and room for a link beside the filter.
 */
export function MessagesSection({ id, label, messages, caption, state, onStateChange, actions }: {
  id: string; label: string; messages: UseQueryResult<Message[]>; caption: string; state: MessageState | null;
  onStateChange: (state: MessageState | null) => void; actions?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" px="md" pt="md" pb="xs" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2} fz="md" id={id}>
            Messages
          </Title>
          {messages.data && (
            <Text fz="sm" c="dimmed" aria-live="polite">
              {caption}
            </Text>
          )}
        </Group>
        <Group gap="md" wrap="nowrap">
          {actions}
          <MessageStateSelect value={state} onChange={onStateChange} />
        </Group>
      </Group>
      {messages.isPending ? (
        <LoadingBlock />
      ) : messages.isError ? (
        <Box p="md">
          <ErrorBlock error={messages.error} />
        </Box>
      ) : (
        <Box style={{ opacity: messages.isPlaceholderData ? 0.6 : 1, overflowX: 'auto' }}>
          <MessagesTable items={messages.data} label={label} empty={state ? `No ${state} messages.` : 'No messages yet.'} />
        </Box>
      )}
    </Paper>
  );
}
