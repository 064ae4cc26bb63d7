import { Box, Group, Text, Tooltip } from '@mantine/core';
import { IconClick, IconEye, IconMailOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { SectionCard } from '../crm/shared/RecordLayout';
import { useMessages, useTemplates } from './api';
import { StateBadge } from './EmailBits';
import type { Message } from './types';

/** How many of the contact's messages the card shows. */
const SHOWN = 8;

/** The last emails to a contact: whether each went, and whether it was opened, clicked or unsubscribed from. */
export function ContactEmailsCard({ contactId }: { contactId: string }) {
  const messages = useMessages({ contactId, limit: SHOWN });
  // The ledger keeps the subject as written, merge fields and all: the template's name reads better.
  const templates = useTemplates();
  const templateName = (id: string | null) => (id ? templates.data?.find((template) => template.id === id)?.name : undefined);
  if (messages.isError) return <ErrorBlock error={messages.error} />;
  const items = messages.data ?? [];

  return (
    <SectionCard title="Emails">
      {messages.isPending ? (
        <LoadingBlock />
      ) : items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No email sent to this contact yet.
        </Text>
      ) : (
        <>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Emails to the contact">
            {items.map((message) => (
              <EmailItem key={message.id} message={message} name={templateName(message.templateId)} />
            ))}
          </Box>
          {items.length === SHOWN && (
            <Text fz="xs" c="dimmed" mt={6}>
              The newest {SHOWN} shown.
            </Text>
          )}
        </>
      )}
    </SectionCard>
  );
}

function EmailItem({ message, name }: { message: Message; name: string | undefined }) {
  const when = message.sentAt ?? message.queuedAt;
  return (
    <Box component="li" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }} aria-label={name ?? message.subject}>
      <Group gap={8} justify="space-between" wrap="nowrap" align="flex-start">
        <Box miw={0}>
          <Text fz="sm" fw={500} truncate title={name ?? message.subject}>
            {name ?? message.subject}
          </Text>
          {name && (
            <Text fz="xs" c="dimmed" truncate title={message.subject}>
              {message.subject}
            </Text>
          )}
        </Box>
        <StateBadge state={message.state} size="xs" />
      </Group>
      <Group gap={10} mt={2} wrap="nowrap">
        <Tooltip label={formatDateTime(when)} withArrow>
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {message.sentAt ? 'Sent' : 'Queued'} {formatRelative(when)}
          </Text>
        </Tooltip>
        {message.humanOpens > 0 && (
          <Marker icon={<IconEye size={13} />} color="teal" label={`Opened ${message.humanOpens}×`} detail={`First opened ${formatDateTime(message.firstOpenedAt)}`} />
        )}
        {message.humanClicks > 0 && (
          <Marker icon={<IconClick size={13} />} color="indigo" label={`Clicked ${message.humanClicks}×`} detail={`First clicked ${formatDateTime(message.firstClickedAt)}`} />
        )}
        {message.unsubscribedAt && (
          <Marker icon={<IconMailOff size={13} />} color="red" label="Unsubscribed" detail={formatDateTime(message.unsubscribedAt)} />
        )}
      </Group>
      {message.reason && ['skipped', 'failed', 'deferred', 'bounced'].includes(message.state) && (
        <Text fz="xs" c={message.state === 'deferred' ? 'dark.4' : 'red.8'} mt={2} style={{ overflowWrap: 'anywhere' }}>
          {message.reason}
        </Text>
      )}
    </Box>
  );
}

function Marker({ icon, color, label, detail }: { icon: ReactNode; color: string; label: string; detail: string }) {
  return (
    <Tooltip label={detail} withArrow>
      <Group gap={3} wrap="nowrap" c={`${color}.7`} fz="xs" fw={600}>
        {icon}
        <span>{label}</span>
      </Group>
    </Tooltip>
  );
}
