import { Box, Grid, Group, Paper, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartBar, IconCode, IconEye, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { errorMessage, fieldPath, isApiError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { EditorHeader } from '../components/EditorHeader';
import { useRecordDraft } from '../components/useRecordDraft';
import { slugFromName } from '../components/slug';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { LoadedRecord, SectionCard } from '../crm/shared/RecordLayout';
import { useSegments } from '../segments/api';
import { useCreateSlot, useSlot, useUpdateSlot } from './api';
import { EmbedPanel } from './EmbedPanel';
import { inputOf, KEY_PATTERN, newSlotInput } from './format';
import { HtmlContentInput } from './HtmlContentInput';
import { PreviewAsContact } from './PreviewAsContact';
import { ResultsPanel } from './ResultsPanel';
import { RulesEditor } from './RulesEditor';
import { SlotStatusBadge } from './StatusBadge';
import type { ContentSlot, SlotInput } from './types';

/** /personalisation/new: a slot not saved yet. */
export function NewSlotPage() {
  return <SlotEditor key="new" slot={undefined} />;
}

/** /personalisation/:id: the content, the embed snippet and the results of a slot. */
export function SlotPage() {
  const { id = '' } = useParams();
  const slot = useSlot(id);
  return (
    <LoadedRecord query={slot} noun="content slot" listPath="/personalisation" listLabel="All content slots">
      {(loaded) => <SlotEditor key={loaded.id} slot={loaded} />}
    </LoadedRecord>
  );
}

type Tab = 'content' | 'results';
/** Problems found before asking the server, by input path. */
type LocalErrors = Record<string, string>;

function check(draft: SlotInput): LocalErrors {
  const errors: LocalErrors = {};
  if (!draft.name.trim()) errors.name = 'Give the slot a name';
  if (!draft.key.trim()) errors.key = 'Give the slot a key, like home-hero';
  else if (!KEY_PATTERN.test(draft.key.trim())) errors.key = 'A slot key is lower-case letters, digits, - and _, like home-hero';
  draft.rules.forEach((rule, index) => {
    if (!rule.segmentId) errors[`rules[${index}].segmentId`] = 'Pick the segment this rule is for';
  });
  return errors;
}

function SlotEditor({ slot }: { slot: ContentSlot | undefined }) {
  const writable = useCurrentMe().workspace.role !== 'viewer';
  const readOnly = !writable || slot?.status === 'archived';
  const segments = useSegments();
  const create = useCreateSlot();
  const update = useUpdateSlot(slot?.id ?? '');
  const [params, setParams] = useSearchParams();
  const tab: Tab = slot && params.get('tab') === 'results' ? 'results' : 'content';
  const [side, setSide] = useState<string | null>(slot ? 'preview' : 'embed');

  const { draft, setDraft, dirty, save: saveDraft } = useRecordDraft({
    record: slot, inputOf, blank: newSlotInput, create, update, pathOf: (id) => `/personalisation/${id}`, notificationId: 'slot-not-saved',
    messages: { created: 'Content slot created. Paste its snippet into your website from the Embed panel.', saved: 'Content slot saved: the website shows the new content within seconds.' },
  });
  // A new slot's key follows its name until someone types a key of their own.
  const [keyTouched, setKeyTouched] = useState(Boolean(slot));
  const [local, setLocal] = useState<LocalErrors>({});

  const error = slot ? update.error : create.error;
  const errorPath = isApiError(error) && (error.status === 400 || error.status === 409) ? fieldPath(error.field) : undefined;
  const errorAt = (path: string) => local[path] ?? (errorPath === path && isApiError(error) ? error.message : undefined);
  const shownPaths = ['name', 'key', 'defaultContent', ...draft.rules.flatMap((_, index) => [`rules[${index}].segmentId`, `rules[${index}].content`])];
  const generalError = error && !(errorPath && shownPaths.includes(errorPath)) ? errorMessage(error) : undefined;

  const change = (patch: Partial<SlotInput>) => {
    setDraft((current) => ({ ...current, ...patch }));
    // A problem goes away once its input is changed.
    setLocal((current) => {
      const paths = Object.keys(patch).flatMap((name) => (name === 'rules' ? Object.keys(current).filter((path) => path.startsWith('rules')) : [name]));
      if (!paths.some((path) => path in current)) return current;
      const next = { ...current };
      for (const path of paths) delete next[path];
      return next;
    });
  };

  const save = () => {
    const problems = check(draft);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    saveDraft({ ...draft, name: draft.name.trim(), key: draft.key.trim() });
  };

  const archive = (archived: boolean) =>
    update.mutate(
      { archived },
      {
        onSuccess: () =>
          notifications.show({ message: archived ? 'Slot archived: the website keeps showing its default content to everyone.' : 'Slot restored.' }),
        onError: (failure) => notifications.show({ color: 'red', message: errorMessage(failure) }),
      },
    );

  const title = draft.name.trim() || slot?.name || 'New content slot';
  const keyChanged = slot && draft.key.trim() !== slot.key;

  return (
    <Box p="xl">
      <EditorHeader
        parent="Personalisation"
        parentPath="/personalisation"
        title={title}
        badge={slot && <SlotStatusBadge status={slot.status} />}
        dirty={dirty && tab === 'content'}
        save={writable && slot?.status !== 'archived' ? { label: slot ? 'Save' : 'Create slot', onClick: save, loading: create.isPending || update.isPending, disabled: Boolean(slot) && !dirty } : undefined}
        archive={writable && slot ? { archived: slot.status === 'archived', noun: 'slot', onChange: archive } : undefined}
      />

      <Tabs value={tab} onChange={(next) => next && setParams(next === 'content' ? {} : { tab: next }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="content" leftSection={<IconSparkles size={15} />}>
            Content
          </Tabs.Tab>
          <Tabs.Tab value="results" leftSection={<IconChartBar size={15} />} disabled={!slot}>
            Results
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="content">
          {slot?.status === 'archived' && (
            <Paper withBorder radius="md" p="sm" mb="md" bg="var(--mantine-color-gray-0)">
              <Text fz="sm">This slot is archived: the website shows its default content to everyone. Restore it to edit it or personalise again.</Text>
            </Paper>
          )}
          <Grid gap="lg" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="md">
                <FormErrorAlert message={generalError} />
                <SectionCard title="Slot">
                  <Group grow align="flex-start">
                    <TextInput
                      label="Name"
                      description="For you: visitors do not see it"
                      placeholder="Home hero"
                      value={draft.name}
                      onChange={(event) => {
                        const name = event.currentTarget.value;
                        change(keyTouched ? { name } : { name, key: slugFromName(name, 60) });
                      }}
                      readOnly={readOnly}
                      error={errorAt('name')}
                      data-autofocus
                    />
                    <TextInput
                      label="Key"
                      description={keyChanged ? 'Pages that use the old key will show their default content' : 'Names the slot in your website’s HTML'}
                      placeholder="home-hero"
                      value={draft.key}
                      onChange={(event) => {
                        setKeyTouched(true);
                        change({ key: event.currentTarget.value });
                      }}
                      readOnly={readOnly}
                      error={errorAt('key')}
                      styles={{
                        input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 },
                        description: keyChanged ? { color: 'var(--mantine-color-orange-8)' } : undefined,
                      }}
                    />
                  </Group>
                </SectionCard>
                <SectionCard title="Default content">
                  <Text fz="xs" c="dimmed" mb="sm">
                    HTML, inserted in the page as it is. Shown to visitors Tandem does not know and to contacts no rule matches.
                  </Text>
                  <HtmlContentInput
                    label="HTML"
                    previewTitle="Preview of the default content"
                    value={draft.defaultContent}
                    onChange={(defaultContent) => change({ defaultContent })}
                    error={errorAt('defaultContent')}
                    readOnly={readOnly}
                  />
                </SectionCard>
                <SectionCard title="Segment rules" count={draft.rules.length}>
                  <RulesEditor
                    rules={draft.rules}
                    onChange={(rules) => change({ rules })}
                    segments={segments.data ?? []}
                    segmentsLoading={segments.isPending}
                    errorOf={(index, part) => errorAt(`rules[${index}].${part}`)}
                    readOnly={readOnly}
                  />
                </SectionCard>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }} style={{ position: 'sticky', top: 16 }}>
              <Paper withBorder radius="md" p="md">
                <Tabs value={side} onChange={setSide} variant="pills" radius="md">
                  <Tabs.List mb="md">
                    <Tabs.Tab value="preview" leftSection={<IconEye size={15} />}>
                      Preview as contact
                    </Tabs.Tab>
                    <Tabs.Tab value="embed" leftSection={<IconCode size={15} />}>
                      Embed
                    </Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="preview">
                    <PreviewAsContact slot={slot} dirty={dirty} />
                  </Tabs.Panel>
                  <Tabs.Panel value="embed">
                    <EmbedPanel slot={slot} dirty={dirty} />
                  </Tabs.Panel>
                </Tabs>
              </Paper>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        {slot && (
          <Tabs.Panel value="results">
            <ResultsPanel slotId={slot.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Box>
  );
}
