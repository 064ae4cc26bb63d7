import { Box, Group, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatTimestamp } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useMessages } from './api';
import { KindBadge, OutcomeReason, Recipient, StateBadge } from './EmailBits';
import { STATES } from './format';
import type { Message, MessageState } from './types';

/** How many messages the ledger shows. */
const LIMIT = 100;

/** The send ledger, newest first: every message with its outcome, the reason when it did not go, and what the recipient did. */
export function SentPanel({ state, onStateChange }: { state: MessageState | null; onStateChange: (state: MessageState | null) => void }) {
  const messages = useMessages({ limit: LIMIT, ...(state ? { state } : {}) });
  const items = messages.data ?? [];

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Select
          aria-label="State"
          placeholder="All states"
          data={STATES.map((option) => ({ value: option.value, label: option.label }))}
          value={state}
          onChange={(value) => onStateChange(value as MessageState | null)}
          clearable
          w={200}
          size="sm"
        />
        {messages.data && (
          <Text fz="sm" c="dimmed" aria-live="polite">
            {items.length === LIMIT ? `Newest ${LIMIT} shown` : `${items.length} ${items.length === 1 ? 'message' : 'messages'}`}
          </Text>
        )}
      </Group>
      {messages.isPending ? (
        <LoadingBlock />
      ) : messages.isError ? (
        <ErrorBlock error={messages.error} />
      ) : (
        <Paper withBorder radius="md" style={{ opacity: messages.isPlaceholderData ? 0.6 : 1, overflowX: 'auto' }}>
          <Table verticalSpacing="xs" horizontalSpacing="xs" aria-label="Sent messages" style={{ minWidth: 1000 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th pl="md">To</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th ta="right">Opens</Table.Th>
                <Table.Th ta="right">Clicks</Table.Th>
                <Table.Th pr="md">Unsubscribed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <Text fz="sm" c="dimmed" ta="center" py="sm">
                      {state ? `No ${state} messages.` : 'Nothing sent yet. Messages show here from the moment they are queued.'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((message) => (
                <MessageRow key={message.id} message={message} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}

function MessageRow({ message }: { message: Message }) {
  return (
    <Table.Tr>
      <Table.Td pl="md" maw={170}>
        <Recipient message={message} />
      </Table.Td>
      <Table.Td maw={180}>
        <Text fz="sm" truncate title={message.subject}>
          {message.subject}
        </Text>
      </Table.Td>
      <Table.Td>
        <KindBadge kind={message.kind} size="xs" />
      </Table.Td>
      <Table.Td>
        <StateBadge state={message.state} size="xs" />
      </Table.Td>
      <Table.Td miw={150} maw={190}>
        <OutcomeReason message={message} lines={3} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {message.sentAt ? (
          <Text fz="sm" title={formatDateTime(message.sentAt)}>
            {formatTimestamp(message.sentAt)}
          </Text>
        ) : (
          // Not sent (yet): when it was queued, so every row has a time.
          <Box title={`Queued ${formatDateTime(message.queuedAt)}`}>
            <Text fz="sm" c="dimmed">
              {formatTimestamp(message.queuedAt)}
            </Text>
            <Text fz={11} c="dimmed" lh={1.2}>
              queued, not sent
            </Text>
          </Box>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Tooltip
          label={`${message.humanOpens} by people · ${message.machineOpens} by machines (privacy proxies, scanners)${message.firstOpenedAt ? ` · first ${formatDateTime(message.firstOpenedAt)}` : ''}`}
          withArrow
          multiline
          w={240}
        >
          <Box component="span" fz="sm" style={{ fontVariantNumeric: 'tabular-nums', cursor: 'default' }} c={message.humanOpens ? undefined : 'dimmed'}>
            {message.humanOpens}
            {message.machineOpens > 0 && (
              <Text span fz="xs" c="dimmed" ml={4}>
                +{message.machineOpens}
              </Text>
            )}
          </Box>
        </Tooltip>
      </Table.Td>
      <Table.Td ta="right">
        <Text fz="sm" c={message.humanClicks ? undefined : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }} title={message.firstClickedAt ? `First ${formatDateTime(message.firstClickedAt)}` : undefined}>
          {message.humanClicks}
        </Text>
      </Table.Td>
      <Table.Td pr="md" style={{ whiteSpace: 'nowrap' }}>
        <Text fz="sm" c={message.unsubscribedAt ? 'red.8' : 'dimmed'} title={message.unsubscribedAt ? formatDateTime(message.unsubscribedAt) : undefined}>
          {message.unsubscribedAt ? formatTimestamp(message.unsubscribedAt) : '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
