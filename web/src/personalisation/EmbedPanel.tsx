import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CodeBlock } from '../components/CodeBlock';
import type { ContentSlot } from './types';

/** The element to paste into the website, and what fills it. */
export function EmbedPanel({ slot, dirty }: { slot: ContentSlot | undefined; dirty: boolean }) {
  if (!slot) {
    return (
      <Text fz="sm" c="dimmed">
        Create the slot to get the HTML to paste into your website.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <Text fz="sm">
        Paste this where the content should appear. The default content is in the snippet itself, so the page shows it at once; the Tandem tracker then
        puts in the content of the visitor&apos;s segment.
      </Text>
      <CodeBlock code={slot.snippet} label="Slot snippet" copyLabel="Copy snippet" />
      {dirty && (
        <Text fz="xs" c="orange.8">
          This is the snippet of the saved slot: save your changes to update it.
        </Text>
      )}
      <Text fz="xs" c="dimmed">
        The page also needs the Tandem tracking snippet, once in its <code>&lt;head&gt;</code>: find it in{' '}
        <Anchor component={Link} to="/settings/tracking" fz="xs">
          Settings → Tracking
        </Anchor>
        . Any element with <code>data-tandem-slot=&quot;{slot.key}&quot;</code> works, so you can style it as you like. If Tandem is slow or
        unreachable, or the slot is archived, the default stays.
      </Text>
    </Stack>
  );
}
