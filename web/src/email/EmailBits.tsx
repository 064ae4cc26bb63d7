import { Anchor, Badge, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { KIND_COLORS, KIND_LABELS, stateInfo } from './format';
import type { Message, TemplateKind } from './types';

export function KindBadge({ kind, size = 'sm' }: { kind: TemplateKind; size?: 'xs' | 'sm' }) {
  return (
    <Badge size={size} variant="light" radius="sm" tt="none" color={KIND_COLORS[kind] ?? 'gray'}>
      {KIND_LABELS[kind] ?? kind}
    </Badge>
  );
}

/** A message's state, its meaning on hover. */
export function StateBadge({ state, size = 'sm' }: { state: string; size?: 'xs' | 'sm' }) {
  const info = stateInfo(state);
  return (
    <Tooltip label={info.description} withArrow disabled={!info.description} openDelay={300}>
      <Badge size={size} variant="light" radius="sm" tt="none" color={info.color} data-state={state}>
        {info.label}
      </Badge>
    </Tooltip>
  );
}

/** The address a message went to, linking to its contact when there is one. */
export function Recipient({ message }: { message: Pick<Message, 'to' | 'contactId'> }) {
  return message.contactId ? (
    <Anchor component={Link} to={`/contacts/${message.contactId}`} fz="sm" display="block" truncate title={message.to}>
      {message.to}
    </Anchor>
  ) : (
    <Text fz="sm" truncate title={message.to}>
      {message.to}
    </Text>
  );
}

/** Why a message did not (yet) go: skipped, failed, deferred (with its attempt) or bounced; a dash otherwise. */
export function OutcomeReason({ message, lines }: { message: Pick<Message, 'state' | 'reason' | 'attempts'>; lines: number }) {
  if (!message.reason || !['skipped', 'failed', 'deferred', 'bounced'].includes(message.state)) {
    return <Text fz="sm" c="dimmed">—</Text>;
  }
  return (
    <Text fz="xs" c={message.state === 'deferred' ? 'dark.4' : 'red.8'} lineClamp={lines} title={message.reason} style={{ overflowWrap: 'anywhere' }}>
      {message.reason}
      {message.state === 'deferred' && message.attempts > 0 && ` (attempt ${message.attempts})`}
    </Text>
  );
}
