import { Anchor, Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock } from '../components/QueryState';
import { SectionCard } from '../crm/shared/RecordLayout';
import { useContactTracking } from './api';
import { channelLabel, shortId, touchSource, urlPath } from './labels';
import type { ContactTracking, WebSession } from './types';

/** Browsers and visits listed; the rest are counted. */
const SHOWN = 5;

/** What tracking knows of a contact: the ids other systems use, the browsers and the recent web visits. */
export function ContactTrackingCard({ contactId }: { contactId: string }) {
  const tracking = useContactTracking(contactId);
  if (tracking.isPending) return null;
  if (tracking.isError) return <ErrorBlock error={tracking.error} />;
  const { identities, visitors, sessions } = tracking.data;
  if (identities.length === 0 && visitors.length === 0 && sessions.length === 0) return null;

  return (
    <SectionCard
      title="Website and app"
      actions={
        <Anchor component={Link} to={`/events?contactId=${contactId}`} fz="xs">
          See events
        </Anchor>
      }
    >
      <Stack gap="md">
        {identities.length > 0 && (
          <Part label="Ids">
            {identities.map((identity) => (
              <Group key={`${identity.kind}:${identity.value}`} gap={6} wrap="nowrap">
                <Text fz="sm" c="dimmed" style={{ flexShrink: 0 }}>
                  {identityLabel(identity.kind)}
                </Text>
                <Code style={{ overflowWrap: 'anywhere' }}>{identity.value}</Code>
              </Group>
            ))}
          </Part>
        )}
        {visitors.length > 0 && <Browsers visitors={visitors} />}
        {sessions.length > 0 && (
          <Part label="Recent visits">
            {sessions.slice(0, SHOWN).map((session) => (
              <Visit key={session.id} session={session} />
            ))}
            <MoreCount total={sessions.length} noun="visits" />
          </Part>
        )}
      </Stack>
    </SectionCard>
  );
}

function Part({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** "User ID", or "stripe_customer_id" for external:stripe_customer_id. */
function identityLabel(kind: string): string {
  return kind === 'user_id' ? 'User ID' : kind.replace(/^external:/, '');
}

/** Browsers and devices by anonymous id; `u:<userId>` stands for events sent from servers with a user id only. */
function Browsers({ visitors }: { visitors: ContactTracking['visitors'] }) {
  const browsers = visitors.filter((visitor) => !visitor.key.startsWith('u:'));
  if (browsers.length === 0) return null;
  return (
    <Part label="Browsers">
      {browsers.slice(0, SHOWN).map((browser) => (
        <Group key={browser.key} gap={6} justify="space-between" wrap="nowrap">
          <Code title={browser.key}>{shortId(browser.key)}</Code>
          <Text fz="xs" c="dimmed" title={`First seen ${formatDateTime(browser.firstSeenAt)}`}>
            last seen {formatRelative(browser.lastSeenAt)}
          </Text>
        </Group>
      ))}
      <MoreCount total={browsers.length} noun="browsers" />
    </Part>
  );
}

function MoreCount({ total, noun }: { total: number; noun: string }) {
  if (total <= SHOWN) return null;
  return (
    <Text fz="xs" c="dimmed">
      and {total - SHOWN} more {noun}
    </Text>
  );
}

function Visit({ session }: { session: WebSession }) {
  const source = touchSource(session);
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text fz="sm" component="time" dateTime={session.startedAt} title={formatDateTime(session.startedAt)}>
          {formatRelative(session.startedAt)}
        </Text>
        <Badge variant="light" color="indigo" size="sm" radius="sm" tt="none">
          {channelLabel(session.channel)}
        </Badge>
      </Group>
      <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {session.pageCount} {session.pageCount === 1 ? 'page' : 'pages'}
        {session.landingPage && `, landed on ${urlPath(session.landingPage)}`}
        {source && ` · ${source}`}
      </Text>
    </Stack>
  );
}
