import { Alert, Button, Code, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { errorMessage } from '../../api/client';
import { CodeBlock } from '../../components/CodeBlock';
import { useCreateWriteKey } from '../../events/api';
import type { TrackingSettings } from '../../events/types';
import { trackingSnippet } from './snippet';

interface SnippetCardProps {
  settings: TrackingSettings;
  /** Only admins may create API keys, write keys included. */
  canCreateKey: boolean;
  /** The write key the snippet and the examples use. */
  writeKey: string | null;
  onWriteKeyChange: (key: string) => void;
}

/** The snippet to paste into the website, with the chosen write key and the consent and Do-Not-Track choices. */
export function SnippetCard({ settings, canCreateKey, writeKey, onWriteKeyChange }: SnippetCardProps) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="snippet-heading">
      <Title order={2} fz="lg" id="snippet-heading" mb={4}>
        Install on your website
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        Paste the snippet into every page, before <Code>&lt;/head&gt;</Code>. It records page views, single-page-app
        navigation included, and sends what you track with <Code>tandem.track</Code> and <Code>tandem.identify</Code>.
      </Text>
      {writeKey === null ? (
        <NoWriteKey canCreateKey={canCreateKey} />
      ) : (
        <Stack gap="sm">
          {settings.writeKeys.length > 1 && (
            <Select
              label="Write key"
              data={settings.writeKeys.map((key) => ({ value: key.key, label: key.name }))}
              value={writeKey}
              onChange={(value) => value && onWriteKeyChange(value)}
              allowDeselect={false}
              maw={320}
            />
          )}
          <CodeBlock code={trackingSnippet({ ...settings, writeKey })} label="Tracking snippet" copyLabel="Copy snippet" />
          {settings.requireConsent && (
            <Text fz="sm" c="dimmed">
              Consent is required: the snippet sends nothing until your cookie banner calls <Code>tandem.consent(true)</Code>.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function NoWriteKey({ canCreateKey }: { canCreateKey: boolean }) {
  const create = useCreateWriteKey();
  const createKey = () =>
    create.mutate('Website', {
      onError: (error) => notifications.show({ color: 'red', title: 'Could not create the write key', message: errorMessage(error) }),
    });

  return (
    <Alert color="blue" variant="light" icon={<IconKey size={18} />} title="The snippet needs a write key">
      <Stack gap="sm" align="flex-start">
        <Text fz="sm">
          A write key can only send events, so it is safe in your website's code.
          {!canCreateKey && (
            <>
              {' '}
              Ask an admin or a marketer to create one here.
            </>
          )}
        </Text>
        {canCreateKey && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={createKey} loading={create.isPending}>
            Create a write key
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
