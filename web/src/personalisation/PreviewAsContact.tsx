import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { type PickedContact, ContactSelect } from '../components/ContactSelect';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useSlotPreview } from './api';
import { HtmlFrame } from './HtmlFrame';
import type { ContentSlot } from './types';

/** Pick a contact: what they would see in the slot now, and the rule (or the default) that decided it. */
export function PreviewAsContact({ slot, dirty }: { slot: ContentSlot | undefined; dirty: boolean }) {
  const [contact, setContact] = useState<PickedContact | null>(null);
  const preview = useSlotPreview(slot?.id ?? '', slot ? (contact?.id ?? null) : null);
  if (!slot) {
    return (
      <Text fz="sm" c="dimmed">
        Create the slot, then pick a contact to see what they would see and why.
      </Text>
    );
  }
  const ruleIndex = preview.data ? slot.rules.findIndex((rule) => rule.segmentId === preview.data.variant) : -1;
  return (
    <Stack gap="sm">
      <ContactSelect label="Contact" value={contact} onChange={setContact} />
      {dirty && (
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={16} />} py={8}>
          <Text fz="xs">This previews the saved slot. Save to preview your changes.</Text>
        </Alert>
      )}
      {!contact ? (
        <Text fz="sm" c="dimmed">
          Choose a contact to see the content Tandem would give them now, from the segments they are in.
        </Text>
      ) : preview.isPending ? (
        <LoadingBlock />
      ) : preview.isError ? (
        <ErrorBlock error={preview.error} />
      ) : (
        <Stack gap="xs" role="region" aria-label="What the contact sees">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            {preview.data.variant === 'default' ? (
              <Badge variant="light" color="gray" radius="sm" style={{ flexShrink: 0 }}>
                Default content
              </Badge>
            ) : (
              <Badge variant="light" color="indigo" radius="sm" style={{ flexShrink: 0 }}>
                Rule {ruleIndex + 1}
              </Badge>
            )}
            <Text fz="sm">
              <Anchor component={Link} to={`/contacts/${contact.id}`} fz="sm" fw={600}>
                {contact.label}
              </Anchor>{' '}
              {preview.data.variant === 'default' ? (
                slot.rules.length ? (
                  <>is in none of the rules&apos; segments, so they see the default content.</>
                ) : (
                  <>sees the default content: the slot has no rules.</>
                )
              ) : (
                <>
                  is in{' '}
                  <Anchor component={Link} to={`/segments/${preview.data.variant}`} fz="sm" fw={600}>
                    {preview.data.segmentName ?? 'a deleted segment'}
                  </Anchor>
                  {ruleIndex > 0 ? `, the first matching rule (rule ${ruleIndex + 1}).` : ', the first rule.'}
                </>
              )}
            </Text>
          </Group>
          <HtmlFrame html={preview.data.content} title="Content the contact sees" minHeight={72} />
          {slot.status === 'archived' && (
            <Text fz="xs" c="dimmed">
              The slot is archived: on the website everyone sees the default in the page.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
