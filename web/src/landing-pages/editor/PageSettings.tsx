import { Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { PageInput } from '../types';

interface PageSettingsProps {
  draft: PageInput;
  onChange: (patch: Partial<PageInput>) => void;
  /** `https://host`: the page is served at `<base>/p/<slug>`. */
  base: string;
  errorOf: (field: string) => string | undefined;
  readOnly: boolean;
  /** Someone typed the slug or the title: on a new page they stop following the name. */
  onTyped: (field: 'slug' | 'title') => void;
}

/** The page's name, its address, and what search engines and link previews show. */
export function PageSettings({ draft, onChange, base, errorOf, readOnly, onTyped }: PageSettingsProps) {
  return (
    <Stack gap="sm">
        <TextInput
          label="Name"
          description="For you: visitors do not see it"
          placeholder="Spring guide"
          withAsterisk
          value={draft.name}
          onChange={(event) => onChange({ name: event.currentTarget.value })}
          readOnly={readOnly}
          error={errorOf('name')}
          data-autofocus
        />
        <TextInput
          label="Slug"
          description={
            <Text span fz="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {base}/p/{draft.slug || '…'}
            </Text>
          }
          placeholder="spring-guide"
          withAsterisk
          leftSection={
            <Text fz="sm" c="dimmed" ff="monospace">
              /p/
            </Text>
          }
          leftSectionWidth={36}
          value={draft.slug}
          onChange={(event) => {
            onTyped('slug');
            onChange({ slug: event.currentTarget.value });
          }}
          readOnly={readOnly}
          error={errorOf('slug')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        />
      <TextInput
        label="Page title"
        description="In the browser tab, in search results and on link previews"
        placeholder="The spring campaign guide"
        withAsterisk
        value={draft.title}
        onChange={(event) => {
          onTyped('title');
          onChange({ title: event.currentTarget.value });
        }}
        readOnly={readOnly}
        error={errorOf('title')}
      />
      <Textarea
        label="Meta description"
        description={`Under the title in search results and link previews (${draft.description.length}/500)`}
        placeholder="Twelve plays for a spring campaign, with templates."
        value={draft.description}
        onChange={(event) => onChange({ description: event.currentTarget.value })}
        autosize
        minRows={2}
        maxLength={500}
        readOnly={readOnly}
        error={errorOf('description')}
      />
    </Stack>
  );
}
