import { Alert, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentMe } from '../api/queries';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useTrackingSettings } from '../events/api';
import type { TrackingSettings } from '../events/types';
import { ExamplesCard } from './tracking/ExamplesCard';
import { SnippetCard } from './tracking/SnippetCard';
import { TrackingSettingsForm } from './tracking/TrackingSettingsForm';

export function TrackingPage() {
  const settings = useTrackingSettings();
  return (
    <>
      <PageHeader
        title="Tracking"
        description="Connect your website and apps: page views, events and identities flow into contact profiles and their timelines."
      />
      {settings.isPending ? <LoadingBlock /> : settings.isError ? <ErrorBlock error={settings.error} /> : <TrackingSetup settings={settings.data} />}
    </>
  );
}

function TrackingSetup({ settings }: { settings: TrackingSettings }) {
  const { role } = useCurrentMe().workspace;
  const canEdit = role === 'admin' || role === 'marketer';
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  // The chosen key while it exists, else the first one (or none yet).
  const writeKey = settings.writeKeys.find((key) => key.key === chosenKey)?.key ?? settings.writeKeys[0]?.key ?? null;
  const { scriptUrl, collectUrl, writeKeys, ...saved } = settings;

  return (
    <Stack gap="lg" maw={960}>
      {!canEdit && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          You need the admin or marketer role to change tracking settings.
        </Alert>
      )}
      <SnippetCard settings={settings} canCreateKey={canEdit} writeKey={writeKey} onWriteKeyChange={setChosenKey} />
      {writeKey && <ExamplesCard collectUrl={collectUrl} writeKey={writeKey} />}
      {/* Saved settings come back normalised (domains lower case, duplicates gone): start the form from them. */}
      <TrackingSettingsForm key={JSON.stringify(saved)} settings={saved} canEdit={canEdit} />
    </Stack>
  );
}
