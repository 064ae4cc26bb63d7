import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { CodeBlock } from '../../components/CodeBlock';
import { CopyField } from '../../components/CopyField';
import type { Form } from '../types';

const STYLE_EXAMPLE = `[data-tandem-form] {
  --tandem-form-accent: #0f766e;
  --tandem-form-radius: 10px;
}`;

/** The three ways to put the form on a website, from the API's embed code. */
export function EmbedPanel({ form }: { form: Form | undefined }) {
  if (!form) {
    return (
      <Text fz="sm" c="dimmed">
        Create the form to get its embed code, a plain HTML version and a hosted page.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text fz="sm" fw={600}>
          Embed code
        </Text>
        <Text fz="xs" c="dimmed">
          Paste where the form should appear. On pages that already have the Tandem tracking snippet, the <code>div</code> alone is enough, and the
          visitor&apos;s earlier page views join their contact.
        </Text>
        <CodeBlock code={form.embed.script} label="Embed code" copyLabel="Copy embed code" />
      </Stack>
      <Stack gap={6}>
        <Text fz="sm" fw={600}>
          Style
        </Text>
        <Text fz="xs" c="dimmed">
          The form takes the page&apos;s font; colours and corners follow CSS variables.
        </Text>
        <CodeBlock code={STYLE_EXAMPLE} label="Style example" copyLabel="Copy style example" />
      </Stack>
      <Stack gap={6}>
        <Text fz="sm" fw={600}>
          Plain HTML
        </Text>
        <Text fz="xs" c="dimmed">
          For pages without JavaScript: post the fields by their keys.
        </Text>
        <CodeBlock code={form.embed.html} label="Plain HTML form" copyLabel="Copy HTML" />
      </Stack>
      <Stack gap={6}>
        <CopyField label="Hosted page" description="A page of its own, for a link in an email or a QR code" value={form.embed.hostedUrl} copyLabel="Copy link" />
        <Group>
          <Anchor href={form.embed.hostedUrl} target="_blank" rel="noreferrer" fz="sm">
            <Group gap={4}>
              Open the hosted page <IconExternalLink size={14} />
            </Group>
          </Anchor>
        </Group>
      </Stack>
    </Stack>
  );
}
