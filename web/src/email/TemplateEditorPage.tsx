import { Alert, Anchor, Badge, Box, Button, Group, Input, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArchive, IconChartBar, IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage, fieldError, formError, isApiError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { formatDateTime, formatRelative } from '../app/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useSubscriptionTopics } from '../consent/api';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { LoadedRecord, RecordBreadcrumbs } from '../crm/shared/RecordLayout';
import { useArchiveTemplate, usePreview, useSaveTemplate, useTemplate } from './api';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor';
import { errorLine, KIND_LABELS, STARTER_MJML, withoutField } from './format';
import { MergeFieldMenu } from './MergeFieldMenu';
import type { PickedContact } from './PreviewAsPicker';
import { PreviewPane } from './PreviewPane';
import { SendTestModal } from './SendTestModal';
import type { EmailTemplate, TemplateInput, TemplateKind } from './types';

/** How long typing pauses before the preview renders again. */
const PREVIEW_DEBOUNCE_MS = 400;
/** The editor and the preview fill the window below the fields. */
const WORKSPACE_HEIGHT = 'max(520px, calc(100vh - 400px))';

/** What is saved: the name trimmed, no topic for transactional email, no blank preheader. */
function normalized(draft: TemplateInput): TemplateInput {
  return {
    ...draft,
    name: draft.name.trim(),
    topicKey: draft.kind === 'marketing' ? draft.topicKey : null,
    preheader: draft.preheader?.trim() ? draft.preheader : null,
  };
}

/** /email/templates/new and /email/templates/:id. */
export function TemplateEditorPage() {
  const { id } = useParams();
  return id ? <EditTemplate id={id} /> : <TemplateEditor key="new" />;
}

function EditTemplate({ id }: { id: string }) {
  const template = useTemplate(id);
  return (
    <LoadedRecord query={template} noun="template" listPath="/email" listLabel="All templates">
      {(loaded) => <TemplateEditor key={loaded.id} template={loaded} />}
    </LoadedRecord>
  );
}

const EDITOR_FIELDS = ['name', 'kind', 'topicKey', 'subject', 'preheader', 'mjml'] as const;
type Target = 'mjml' | 'subject' | 'preheader';
const TARGET_LABELS: Record<Target, string> = { mjml: 'the MJML', subject: 'the subject', preheader: 'the preheader' };

function TemplateEditor({ template }: { template?: EmailTemplate }) {
  const navigate = useNavigate();
  const me = useCurrentMe();
  const writable = me.workspace.role !== 'viewer';
  const topics = useSubscriptionTopics();
  const save = useSaveTemplate();
  const archive = useArchiveTemplate();

  const [saved, setSaved] = useState<TemplateInput>(() => ({
    name: template?.name ?? '',
    kind: template?.kind ?? 'marketing',
    // The API may answer "" for a value saved as null.
    topicKey: template?.topicKey || null,
    subject: template?.subject ?? 'News from {{ workspace.name }}',
    preheader: template?.preheader || null,
    mjml: template?.mjml ?? STARTER_MJML,
  }));
  const [draft, setDraft] = useState<TemplateInput>(saved);
  const [nameMissing, setNameMissing] = useState(false);
  const [contact, setContact] = useState<PickedContact | null>(null);
  const [testing, setTesting] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [target, setTarget] = useState<Target>('mjml');
  const editor = useRef<CodeEditorHandle>(null);
  const subjectInput = useRef<HTMLInputElement>(null);
  const preheaderInput = useRef<HTMLInputElement>(null);

  const input = normalized(draft);
  const dirty = !template || (Object.keys(input) as (keyof TemplateInput)[]).some((key) => (input[key] ?? null) !== (saved[key] ?? null));
  const change = <K extends keyof TemplateInput>(key: K, value: TemplateInput[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (key === 'name' && typeof value === 'string' && value.trim()) setNameMissing(false);
    // A refused save was about the template as it was; the live preview has the word now.
    if (save.isError) save.reset();
  };

  // The preview renders what is in the editor, once typing pauses.
  const previewInput = useMemo(
    () => ({ subject: draft.subject, preheader: draft.preheader, mjml: draft.mjml, ...(contact ? { contactId: contact.id } : {}) }),
    [draft.subject, draft.preheader, draft.mjml, contact],
  );
  const [debounced] = useDebouncedValue(previewInput, PREVIEW_DEBOUNCE_MS);
  const preview = usePreview(debounced);
  const [lastGood, setLastGood] = useState(preview.data);
  useEffect(() => {
    if (preview.data && !preview.isPlaceholderData) setLastGood(preview.data);
  }, [preview.data, preview.isPlaceholderData]);

  // The compile error to show: the save's, or else the preview's (the same check, as you type).
  const compileSource = isApiError(save.error, 400) && (save.error.field === 'mjml' || save.error.field === 'subject') ? save.error : preview.error;
  const compileError = isApiError(compileSource, 400) && (compileSource.field === 'mjml' || compileSource.field === 'subject') ? compileSource : null;
  const mjmlError = compileError?.field === 'mjml' ? withoutField(compileError.message, 'mjml') : null;
  const subjectError = compileError?.field === 'subject' ? withoutField(compileError.message, 'subject') : fieldError(save.error, 'subject');
  const line = mjmlError ? errorLine(mjmlError, draft.mjml) : null;
  const previewFailed = preview.isError && !compileError;

  const insert = (code: string) => {
    if (target === 'mjml') {
      editor.current?.insert(code);
      return;
    }
    const field = (target === 'subject' ? subjectInput : preheaderInput).current;
    const current = (target === 'subject' ? draft.subject : draft.preheader) ?? '';
    const start = field?.selectionStart ?? current.length;
    const end = field?.selectionEnd ?? current.length;
    change(target, current.slice(0, start) + code + current.slice(end));
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + code.length, start + code.length);
    });
  };

  const submit = () => {
    if (!draft.name.trim()) {
      setNameMissing(true);
      return;
    }
    save.mutate(
      { id: template?.id, input },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'green', message: template ? `${result.name} was saved (version ${result.version}).` : `${result.name} was created.` });
          if (template) setSaved(input);
          else void navigate(`/email/templates/${result.id}`, { replace: true });
        },
      },
    );
  };

  const doArchive = () =>
    template &&
    archive.mutate(template.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${template.name} was archived.` });
        void navigate('/email');
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'Could not archive the template', message: errorMessage(error) });
        setArchiving(false);
      },
    });

  const topicOptions = (topics.data ?? [])
    .filter((topic) => !topic.archived || topic.key === draft.topicKey)
    .map((topic) => ({ value: topic.key, label: topic.name }));
  const title = draft.name.trim() || (template ? template.name : 'New template');

  return (
    <Box px="xl" py="lg">
      <RecordBreadcrumbs parent="Email" to="/email" current={template ? template.name : 'New template'} />
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
        <Box miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Title>
            {template && (
              <Badge variant="light" color="gray" radius="sm" tt="none" style={{ flexShrink: 0 }}>
                Version {template.version}
              </Badge>
            )}
          </Group>
          <Text fz="sm" c="dimmed" mt={4}>
            {template ? (
              <span title={formatDateTime(template.updatedAt)}>Saved {formatRelative(template.updatedAt)}</span>
            ) : (
              'MJML for the layout, Liquid merge fields for each recipient.'
            )}
            {template && dirty && ' · Unsaved changes'}
          </Text>
        </Box>
        {(writable || template) && (
          <Group gap="sm" wrap="nowrap">
            {writable && template && (
              <Button variant="subtle" color="red" leftSection={<IconArchive size={16} />} onClick={() => setArchiving(true)}>
                Archive
              </Button>
            )}
            {template && (
              <Button component={Link} to={`/email/templates/${template.id}/report`} variant="default" leftSection={<IconChartBar size={16} />}>
                Report
              </Button>
            )}
            {writable && (
              <>
                <Button variant="default" leftSection={<IconSend size={16} />} onClick={() => setTesting(true)}>
                  Send test
                </Button>
                <Button leftSection={<IconDeviceFloppy size={16} />} onClick={submit} loading={save.isPending} disabled={!!template && !dirty}>
                  {template ? 'Save template' : 'Create template'}
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>

      <Stack gap="md">
        <FormErrorAlert message={formError(save.error, EDITOR_FIELDS)} />
        <Paper withBorder radius="md" p="md">
          <Group gap="md" align="flex-start" wrap="nowrap" component="fieldset" style={{ border: 0, margin: 0, padding: 0 }} aria-label="Template">
            <TextInput
              label="Name"
              placeholder="e.g. Monthly newsletter"
              value={draft.name}
              onChange={(event) => change('name', event.currentTarget.value)}
              error={nameMissing ? 'Give the template a name' : fieldError(save.error, 'name')}
              maxLength={200}
              readOnly={!writable}
              style={{ flex: 1.2 }}
              data-autofocus={!template || undefined}
            />
            <Input.Wrapper label="Kind" labelElement="div" id="template-kind" error={fieldError(save.error, 'kind')}>
              <SegmentedControl
                display="flex"
                aria-labelledby="template-kind-label"
                value={draft.kind}
                onChange={(value) => change('kind', value as TemplateKind)}
                disabled={!writable}
                data={(['marketing', 'transactional'] as const).map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
              />
            </Input.Wrapper>
            <Select
              label="Subscription topic"
              placeholder={draft.kind === 'marketing' ? 'None: all marketing email' : 'Transactional email has none'}
              data={topicOptions}
              value={draft.kind === 'marketing' ? draft.topicKey : null}
              onChange={(value) => change('topicKey', value)}
              disabled={draft.kind !== 'marketing' || !writable}
              clearable
              error={fieldError(save.error, 'topicKey')}
              nothingFoundMessage="No topics yet: add them in Settings → Consent"
              style={{ flex: 1 }}
            />
          </Group>
          <Group gap="md" align="flex-start" wrap="nowrap" mt="sm">
            <TextInput
              ref={subjectInput}
              label="Subject"
              value={draft.subject}
              onChange={(event) => change('subject', event.currentTarget.value)}
              onFocus={() => setTarget('subject')}
              error={subjectError}
              maxLength={500}
              readOnly={!writable}
              style={{ flex: 1.4 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            <TextInput
              ref={preheaderInput}
              label="Preheader"
              placeholder="The line inboxes show after the subject"
              value={draft.preheader ?? ''}
              onChange={(event) => change('preheader', event.currentTarget.value || null)}
              onFocus={() => setTarget('preheader')}
              error={fieldError(save.error, 'preheader')}
              maxLength={500}
              readOnly={!writable}
              style={{ flex: 1 }}
            />
          </Group>
          <Text fz="xs" c="dimmed" mt={6}>
            {draft.kind === 'marketing'
              ? 'Marketing email goes only to contacts whose consent allows it, and never to those unsubscribed from its topic; it carries a one-click unsubscribe.'
              : 'Transactional email (receipts, password resets, confirmations) needs no consent; send only what the recipient asked for.'}
          </Text>
        </Paper>

        <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 680px)', gap: 'var(--mantine-spacing-lg)', alignItems: 'start' }}>
          <Stack gap="xs" h={WORKSPACE_HEIGHT} component="section" aria-label="Content">
            <Group justify="space-between" wrap="nowrap" h={30}>
              <Input.Label labelElement="div">MJML</Input.Label>
              {writable && <MergeFieldMenu onInsert={insert} target={TARGET_LABELS[target]} />}
            </Group>
            {mjmlError && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} p="xs" role="alert" aria-label="Compile error">
                <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                  <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
                    {mjmlError}
                  </Text>
                  {line && (
                    <Anchor component="button" type="button" fz="sm" style={{ whiteSpace: 'nowrap' }} onClick={() => editor.current?.goToLine(line)}>
                      Go to line {line}
                    </Anchor>
                  )}
                </Group>
              </Alert>
            )}
            {previewFailed && (
              <Alert color="orange" variant="light" p="xs" role="alert">
                The preview could not render: {errorMessage(preview.error)}
              </Alert>
            )}
            <Box style={{ flex: 1, minHeight: 240 }}>
              <CodeEditor
                ref={editor}
                label="MJML"
                value={draft.mjml}
                onChange={(value) => change('mjml', value)}
                onFocus={() => setTarget('mjml')}
                errorLine={line}
                readOnly={!writable}
                height="100%"
              />
            </Box>
          </Stack>
          <PreviewPane
            rendered={lastGood}
            preheader={draft.preheader}
            updating={preview.isFetching || previewInput !== debounced}
            stale={!!compileError || previewFailed}
            contact={contact}
            onContactChange={setContact}
            height={WORKSPACE_HEIGHT}
          />
        </Box>
      </Stack>

      <SendTestModal opened={testing} onClose={() => setTesting(false)} subject={draft.subject} preheader={draft.preheader} mjml={draft.mjml} />
      <ConfirmDialog
        opened={archiving}
        title="Archive template"
        confirmLabel="Archive template"
        loading={archive.isPending}
        onConfirm={doArchive}
        onCancel={() => setArchiving(false)}
      >
        Archive {template?.name}? It leaves the list and can no longer be sent; messages already sent keep showing in the Sent tab.
      </ConfirmDialog>
    </Box>
  );
}
