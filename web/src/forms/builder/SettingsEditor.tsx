import { Group, NumberInput, SegmentedControl, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import type { AfterSubmit, FormInput } from '../types';

interface SettingsEditorProps {
  draft: FormInput;
  onChange: (patch: Partial<FormInput>) => void;
  errorOf: (name: string) => string | undefined;
  readOnly: boolean;
}

const KINDS = [
  { value: 'message', label: 'Thank-you message' },
  { value: 'redirect', label: 'Redirect' },
  { value: 'asset', label: 'Download' },
];

/** Progressive profiling, what follows a submission, and the spam guard. */
export function ProgressiveEditor({ draft, onChange, errorOf, readOnly }: SettingsEditorProps) {
  const asked = draft.fields.filter((field) => field.type !== 'hidden').length;
  return (
    <Stack gap="xs">
      <Switch
        label="Ask only for what is not known yet"
        description="Questions already answered for the visitor's contact are replaced by the next ones, so a returning visitor is never asked the same thing twice."
        checked={draft.progressive !== null}
        disabled={readOnly}
        onChange={(event) => onChange({ progressive: event.currentTarget.checked ? { maxFields: Math.min(3, Math.max(asked, 1)) } : null })}
      />
      {draft.progressive && (
        <Group gap="sm" pl={54} align="center">
          <NumberInput
            label="Questions at a time"
            value={draft.progressive.maxFields}
            onChange={(value) => onChange({ progressive: { maxFields: typeof value === 'number' && value >= 1 ? value : 1 } })}
            min={1}
            max={50}
            w={170}
            readOnly={readOnly}
            error={errorOf('progressive.maxFields')}
          />
          <Text fz="xs" c="dimmed" maw={280} mt={20}>
            A first-time visitor sees the first {draft.progressive.maxFields} of {asked} questions.
          </Text>
        </Group>
      )}
    </Stack>
  );
}

export function AfterSubmitEditor({ draft, onChange, errorOf, readOnly }: SettingsEditorProps) {
  const after = draft.afterSubmit;
  const message = after.kind === 'redirect' ? '' : after.message;
  const url = after.kind === 'message' ? '' : after.url;
  const setKind = (kind: AfterSubmit['kind']) => {
    const fallback = message || 'Thanks! We will be in touch shortly.';
    onChange({ afterSubmit: kind === 'message' ? { kind, message: fallback } : kind === 'redirect' ? { kind, url } : { kind, url, message: fallback } });
  };
  return (
    <Stack gap="sm">
      <SegmentedControl
        data={KINDS}
        value={after.kind}
        onChange={(value) => setKind(value as AfterSubmit['kind'])}
        disabled={readOnly}
        aria-label="After a submission"
        style={{ alignSelf: 'flex-start' }}
      />
      {after.kind !== 'redirect' && (
        <Textarea
          label={after.kind === 'asset' ? 'Message with the download link' : 'Message shown after sending'}
          value={message}
          onChange={(event) => onChange({ afterSubmit: { ...after, message: event.currentTarget.value } as AfterSubmit })}
          autosize
          minRows={2}
          readOnly={readOnly}
          error={errorOf('afterSubmit.message')}
        />
      )}
      {after.kind !== 'message' && (
        <TextInput
          label={after.kind === 'asset' ? 'Download address' : 'Redirect to'}
          placeholder="https://"
          value={url}
          onChange={(event) => onChange({ afterSubmit: { ...after, url: event.currentTarget.value } as AfterSubmit })}
          readOnly={readOnly}
          error={errorOf('afterSubmit.url')}
        />
      )}
    </Stack>
  );
}

export function SpamEditor({ draft, onChange, errorOf, readOnly }: SettingsEditorProps) {
  return (
    <Group gap="md" align="flex-start" grow>
      <TextInput
        label="Button label"
        value={draft.submitLabel}
        onChange={(event) => onChange({ submitLabel: event.currentTarget.value })}
        readOnly={readOnly}
        error={errorOf('submitLabel')}
      />
      <NumberInput
        label="Minimum seconds to fill in"
        description="Faster submissions are refused as bots"
        value={draft.minSeconds}
        onChange={(value) => onChange({ minSeconds: typeof value === 'number' ? value : 0 })}
        min={0}
        max={600}
        readOnly={readOnly}
        error={errorOf('minSeconds')}
      />
    </Group>
  );
}
