import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconWorldWww } from '@tabler/icons-react';
import { formatDateTime } from '../app/format';
import { SectionCard } from '../crm/shared/RecordLayout';
import { channelLabel, ownerLabel, touchSource, urlPath } from './labels';
import type { Touch, TrackedProfile } from './types';

/** Where a contact or company came from: the web visits that first and last reached it. */
export function SourceCard({ profile, noun }: { profile: Pick<TrackedProfile, 'firstTouch' | 'lastTouch'>; noun: 'contact' | 'company' }) {
  const { firstTouch, lastTouch } = profile;
  const sameVisit = firstTouch && lastTouch && firstTouch.sessionId === lastTouch.sessionId;
  return (
    <SectionCard title="Source">
      {!firstTouch ? (
        <Group gap={8} wrap="nowrap" align="flex-start">
          <IconWorldWww size={16} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0, marginTop: 2 }} />
          <Text fz="sm" c="dimmed">
            No tracked web visit yet. The first and last touch show once {noun === 'contact' ? 'this contact' : 'someone at this company'} is
            identified on your website.
          </Text>
        </Group>
      ) : (
        <Stack gap="md">
          <TouchView label={sameVisit ? 'First and last touch' : 'First touch'} touch={firstTouch} />
          {lastTouch && !sameVisit && <TouchView label="Last touch" touch={lastTouch} />}
        </Stack>
      )}
    </SectionCard>
  );
}

function TouchView({ label, touch }: { label: string; touch: Touch }) {
  const source = touchSource(touch);
  return (
    <Stack gap={4} role="group" aria-label={label}>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Group gap={6}>
        <Badge variant="light" color="indigo" radius="sm" tt="none">
          {channelLabel(touch.channel)}
        </Badge>
        <Text fz="xs" c="dimmed">
          {ownerLabel(touch.owner)}
        </Text>
      </Group>
      {source && <Text fz="sm">{source}</Text>}
      {touch.landingPage && (
        <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          Landed on{' '}
          <Anchor href={touch.landingPage} target="_blank" rel="noreferrer" fz="sm" title={touch.landingPage}>
            {urlPath(touch.landingPage)}
          </Anchor>
        </Text>
      )}
      {touch.referrer && (
        <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          From {hostOf(touch.referrer)}
        </Text>
      )}
      <Text fz="xs" c="dimmed" component="time" dateTime={touch.at}>
        {formatDateTime(touch.at)}
      </Text>
    </Stack>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
