import { Badge, Box, Grid, Paper, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartFunnel, IconCode, IconEye, IconForms, IconInbox } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { errorMessage, fieldPath, isApiError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { EditorHeader } from '../components/EditorHeader';
import { useRecordDraft } from '../components/useRecordDraft';
import { useSubscriptionTopics } from '../consent/api';
import { useCustomFields } from '../crm/shared/queries';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { LoadedRecord, SectionCard } from '../crm/shared/RecordLayout';
import { useCreateForm, useForm, useForms, useUpdateForm } from './api';
import { ConsentsEditor } from './builder/ConsentsEditor';
import { EmbedPanel } from './builder/EmbedPanel';
import { FieldsEditor } from './builder/FieldsEditor';
import { FormPreview } from './builder/FormPreview';
import { AfterSubmitEditor, ProgressiveEditor, SpamEditor } from './builder/SettingsEditor';
import { mapTargets, newFormInput } from './format';
import { ResultsPanel } from './ResultsPanel';
import { FormStatusBadge } from './StatusBadge';
import { SubmissionsPanel } from './SubmissionsPanel';
import type { Form, FormInput } from './types';

/** /forms/new: the builder for a form not saved yet. */
export function NewFormPage() {
  return <FormEditor key="new" form={undefined} />;
}

/** /forms/:id: the builder, the submissions and the results of a form. */
export function FormPage() {
  const { id = '' } = useParams();
  const form = useForm(id);
  return (
    <LoadedRecord query={form} noun="form" listPath="/forms" listLabel="All forms">
      {(loaded) => <FormEditor key={loaded.id} form={loaded} />}
    </LoadedRecord>
  );
}

function inputOf(form: Form): FormInput {
  const { name, fields, consents, progressive, afterSubmit, submitLabel, minSeconds } = form;
  return { name, fields, consents, progressive, afterSubmit, submitLabel, minSeconds };
}

type Tab = 'build' | 'submissions' | 'results';

function FormEditor({ form }: { form: Form | undefined }) {
  const writable = useCurrentMe().workspace.role !== 'viewer';
  const readOnly = !writable || form?.status === 'archived';
  const customFields = useCustomFields('contact');
  const topics = useSubscriptionTopics();
  const summary = useForms().data?.find((item) => item.id === form?.id);
  const create = useCreateForm();
  const update = useUpdateForm(form?.id ?? '');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = form && (requested === 'submissions' || requested === 'results') ? requested : 'build';
  const [side, setSide] = useState<string | null>('preview');

  const [openField, setOpenField] = useState<number | null>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const { draft, setDraft, dirty, save: saveDraft } = useRecordDraft({
    record: form, inputOf, blank: () => newFormInput(''), create, update, pathOf: (id) => `/forms/${id}`, notificationId: 'form-not-saved',
    messages: { created: 'Form created. Embed it from the Embed panel.', saved: 'Form saved.' },
    // A refusal about a field opens that field.
    onRefused: (failure) => {
      const index = (isApiError(failure) ? fieldPath(failure.field) : undefined)?.match(/^fields\[(\d+)\]/)?.[1];
      if (index) setOpenField(Number(index));
    },
  });
  const targets = useMemo(() => mapTargets(customFields.data ?? []), [customFields.data]);

  const error = form ? update.error : create.error;
  const errorPath = isApiError(error, 400) ? fieldPath(error.field) : undefined;
  const errorAt = (path: string) => (errorPath === path && isApiError(error) ? error.message : undefined);
  const shownPaths = [
    'name', 'submitLabel', 'minSeconds', 'afterSubmit.url', 'afterSubmit.message', 'progressive.maxFields',
    ...draft.fields.flatMap((_, index) => ['key', 'label', 'type', 'mapTo', 'options', 'required', 'source', 'placeholder'].map((part) => `fields[${index}].${part}`)),
    ...draft.consents.flatMap((_, index) => [`consents[${index}].purpose`, `consents[${index}].wording`]),
  ];
  const generalError = error && !(errorPath && shownPaths.includes(errorPath)) ? errorMessage(error) : undefined;

  const change = (patch: Partial<FormInput>) => setDraft((current) => ({ ...current, ...patch }));

  const save = () => {
    if (!draft.name.trim()) {
      setNameMissing(true);
      return;
    }
    saveDraft({ ...draft, name: draft.name.trim() });
  };

  const archive = (archived: boolean) =>
    update.mutate({ archived }, {
      onSuccess: () => notifications.show({ message: archived ? 'Form archived: its embed code and hosted page stop answering.' : 'Form restored.' }),
      onError: (failure) => notifications.show({ color: 'red', message: errorMessage(failure) }),
    });

  const title = draft.name.trim() || form?.name || 'New form';
  const fieldErrorOf = (index: number, name: string) => errorAt(`fields[${index}].${name}`);
  const consentErrorOf = (index: number, name: string) => errorAt(`consents[${index}].${name}`);

  return (
    <Box p="xl">
      <EditorHeader
        parent="Forms"
        parentPath="/forms"
        title={title}
        badge={form && <FormStatusBadge status={form.status} />}
        dirty={dirty && tab === 'build'}
        save={writable && form?.status !== 'archived' ? { label: form ? 'Save' : 'Create form', onClick: save, loading: create.isPending || update.isPending, disabled: Boolean(form) && !dirty } : undefined}
        archive={writable && form ? { archived: form.status === 'archived', noun: 'form', onChange: archive } : undefined}
      />

      <Tabs value={tab} onChange={(next) => next && setParams(next === 'build' ? {} : { tab: next }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="build" leftSection={<IconForms size={15} />}>
            Build
          </Tabs.Tab>
          <Tabs.Tab
            value="submissions"
            leftSection={<IconInbox size={15} />}
            disabled={!form}
            rightSection={summary?.submissions ? <Badge size="xs" variant="light" color="gray" radius="sm">{summary.submissions}</Badge> : null}
          >
            Submissions
          </Tabs.Tab>
          <Tabs.Tab value="results" leftSection={<IconChartFunnel size={15} />} disabled={!form}>
            Results
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="build">
          {form?.status === 'archived' && (
            <Paper withBorder radius="md" p="sm" mb="md" bg="var(--mantine-color-gray-0)">
              <Text fz="sm">This form is archived: its embed code and hosted page no longer answer. Restore it to edit or collect again.</Text>
            </Paper>
          )}
          <Grid gap="lg" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="md">
                <FormErrorAlert message={generalError} />
                <SectionCard title="Form">
                  <TextInput
                    label="Form name"
                    description="For you: visitors do not see it"
                    placeholder="Book a demo"
                    value={draft.name}
                    onChange={(event) => {
                      change({ name: event.currentTarget.value });
                      setNameMissing(false);
                    }}
                    readOnly={readOnly}
                    error={nameMissing ? 'Give the form a name' : errorAt('name')}
                    data-autofocus
                  />
                </SectionCard>
                <SectionCard title="Fields" count={draft.fields.length}>
                  <Text fz="xs" c="dimmed" mb="sm">
                    The email address is required: it is how the contact is found or made. Each answer fills the field it saves to.
                  </Text>
                  <FieldsEditor
                    fields={draft.fields}
                    onChange={(fields) => change({ fields })}
                    targets={targets}
                    open={openField}
                    onOpen={setOpenField}
                    errorOf={fieldErrorOf}
                    readOnly={readOnly}
                  />
                </SectionCard>
                <SectionCard title="Consent" count={draft.consents.length}>
                  <ConsentsEditor consents={draft.consents} onChange={(consents) => change({ consents })} topics={topics.data ?? []} errorOf={consentErrorOf} readOnly={readOnly} />
                </SectionCard>
                <SectionCard title="Progressive profiling">
                  <ProgressiveEditor draft={draft} onChange={change} errorOf={errorAt} readOnly={readOnly} />
                </SectionCard>
                <SectionCard title="After a submission">
                  <AfterSubmitEditor draft={draft} onChange={change} errorOf={errorAt} readOnly={readOnly} />
                </SectionCard>
                <SectionCard title="Button and spam protection">
                  <SpamEditor draft={draft} onChange={change} errorOf={errorAt} readOnly={readOnly} />
                  <Text fz="xs" c="dimmed" mt="sm">
                    Every form also has a hidden honeypot field and accepts at most 20 submissions a minute from one address.
                  </Text>
                </SectionCard>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }} style={{ position: 'sticky', top: 16 }}>
              <Paper withBorder radius="md" p="md">
                <Tabs value={side} onChange={setSide} variant="pills" radius="md">
                  <Tabs.List mb="md">
                    <Tabs.Tab value="preview" leftSection={<IconEye size={15} />}>
                      Preview
                    </Tabs.Tab>
                    <Tabs.Tab value="embed" leftSection={<IconCode size={15} />}>
                      Embed
                    </Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="preview">
                    <FormPreview draft={draft} />
                  </Tabs.Panel>
                  <Tabs.Panel value="embed">
                    <EmbedPanel form={form} />
                  </Tabs.Panel>
                </Tabs>
              </Paper>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        {form && (
          <>
            <Tabs.Panel value="submissions">
              <SubmissionsPanel form={form} />
            </Tabs.Panel>
            <Tabs.Panel value="results">
              <ResultsPanel formId={form.id} />
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </Box>
  );
}
