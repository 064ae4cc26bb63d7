import { ActionIcon, Button, Group, Paper, Select, Stack, Switch, Text, Textarea, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { SubscriptionTopic } from '../../consent/types';
import { DEFAULT_CONSENT, purposeLabel } from '../format';
import type { ConsentBox } from '../types';

interface ConsentsEditorProps {
  consents: ConsentBox[];
  onChange: (consents: ConsentBox[]) => void;
  topics: SubscriptionTopic[];
  errorOf: (index: number, name: string) => string | undefined;
  readOnly: boolean;
}

/** Consent boxes: what the person agrees to, in the words stored with their consent record. */
export function ConsentsEditor({ consents, onChange, topics, errorOf, readOnly }: ConsentsEditorProps) {
  const change = (index: number, patch: Partial<ConsentBox>) => onChange(consents.map((consent, at) => (at === index ? { ...consent, ...patch } : consent)));
  const purposes = [
    { value: 'marketing_email', label: 'Marketing email' },
    ...topics.filter((topic) => !topic.archived).map((topic) => ({ value: `topic:${topic.key}`, label: `Topic: ${topic.name}` })),
  ];
  return (
    <Stack gap="xs">
      {consents.length === 0 && (
        <Text fz="sm" c="dimmed">
          No consent boxes. Add one to ask for permission to send marketing email, or to subscribe to a topic; with double opt-in the person confirms by email.
        </Text>
      )}
      {consents.map((consent, index) => {
        const name = `Consent box ${index + 1}`;
        return (
          <Paper key={index} withBorder radius="md" p="sm" role="group" aria-label={name}>
            <Group justify="space-between" mb={6} wrap="nowrap">
              <Text fz="sm" fw={600}>
                {purposeLabel(consent.purpose, topics)}
              </Text>
              {!readOnly && (
                <Tooltip label="Remove">
                  <ActionIcon variant="subtle" color="red" onClick={() => onChange(consents.filter((_, at) => at !== index))} aria-label={`Remove ${name}`}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
            <Stack gap="xs">
              <Select
                label="Purpose"
                data={purposes}
                value={consent.purpose}
                onChange={(value) => value && change(index, { purpose: value })}
                allowDeselect={false}
                readOnly={readOnly}
                error={errorOf(index, 'purpose')}
              />
              <Textarea
                label="Wording"
                description="Shown next to the box and kept, word for word, with the consent record"
                value={consent.wording}
                onChange={(event) => change(index, { wording: event.currentTarget.value })}
                autosize
                minRows={2}
                readOnly={readOnly}
                error={errorOf(index, 'wording')}
              />
              <Switch
                label="Must be ticked to send the form"
                checked={!!consent.required}
                disabled={readOnly}
                onChange={(event) => change(index, { required: event.currentTarget.checked })}
              />
            </Stack>
          </Paper>
        );
      })}
      {!readOnly && (
        <Button variant="light" leftSection={<IconPlus size={16} />} style={{ alignSelf: 'flex-start' }} onClick={() => onChange([...consents, { ...DEFAULT_CONSENT }])}>
          Add consent box
        </Button>
      )}
    </Stack>
  );
}
