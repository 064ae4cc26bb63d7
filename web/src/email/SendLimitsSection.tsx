import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { errorMessage, fieldError } from '../api/client';
import { SettingsSection } from '../components/SettingsSection';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { type SendLimits, useSaveSendLimits, useSendLimits } from './api';

const hours = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${String(hour).padStart(2, '0')}:00` }));
const zones = Intl.supportedValuesOf('timeZone');

/** Quiet hours and the frequency cap that every automated marketing send (journeys) obeys. */
export function SendLimitsSection({ editable }: { editable: boolean }) {
  const limits = useSendLimits();
  const save = useSaveSendLimits();
  const [draft, setDraft] = useState<SendLimits | null>(null);
  useEffect(() => {
    if (limits.data) setDraft(limits.data);
  }, [limits.data]);

  const submit = () =>
    draft &&
    save.mutate(draft, {
      onSuccess: () => notifications.show({ color: 'green', message: 'Send limits saved.' }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not save the send limits', message: errorMessage(error) }),
    });

  return (
    <SettingsSection
      id="send-limits-title"
      title="Send limits"
      description="Journeys hold marketing email sent during quiet hours until they end (in each contact's timezone when known) and skip a send beyond the frequency cap. Transactional email is exempt."
    >
      {limits.isPending || !draft ? (
        limits.isError ? <ErrorBlock error={limits.error} /> : <LoadingBlock />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Switch
              label="Quiet hours"
              checked={draft.quietHours !== null}
              disabled={!editable}
              onChange={(event) => setDraft({ ...draft, quietHours: event.currentTarget.checked ? { start: 21, end: 8, timezone: 'UTC' } : null })}
            />
            {draft.quietHours && (
              <Group gap="sm" align="flex-end">
                <Select label="From" data={hours} w={110} disabled={!editable} value={String(draft.quietHours.start)}
                  onChange={(value) => setDraft({ ...draft, quietHours: { ...draft.quietHours!, start: Number(value) } })} allowDeselect={false} />
                <Select label="Until" data={hours} w={110} disabled={!editable} value={String(draft.quietHours.end)}
                  onChange={(value) => setDraft({ ...draft, quietHours: { ...draft.quietHours!, end: Number(value) } })} allowDeselect={false}
                  error={fieldError(save.error, 'quietHours.end')} />
                <Select label="Time zone when the contact's is unknown" data={zones} searchable w={300} disabled={!editable} value={draft.quietHours.timezone}
                  onChange={(value) => value && setDraft({ ...draft, quietHours: { ...draft.quietHours!, timezone: value } })} allowDeselect={false} />
              </Group>
            )}
            <Switch
              label="Frequency cap"
              checked={draft.frequencyCap !== null}
              disabled={!editable}
              onChange={(event) => setDraft({ ...draft, frequencyCap: event.currentTarget.checked ? { count: 3, days: 7 } : null })}
            />
            {draft.frequencyCap && (
              <Group gap="sm" align="center">
                <Text fz="sm">At most</Text>
                <NumberInput aria-label="Emails" w={80} min={1} max={1000} disabled={!editable} value={draft.frequencyCap.count}
                  onChange={(value) => setDraft({ ...draft, frequencyCap: { ...draft.frequencyCap!, count: Number(value) || 1 } })} />
                <Text fz="sm">marketing emails per contact in</Text>
                <NumberInput aria-label="Days" w={80} min={1} max={365} disabled={!editable} value={draft.frequencyCap.days}
                  onChange={(value) => setDraft({ ...draft, frequencyCap: { ...draft.frequencyCap!, days: Number(value) || 1 } })} />
                <Text fz="sm">days</Text>
              </Group>
            )}
            {editable && (
              <Group>
                <Button size="xs" onClick={submit} loading={save.isPending}>Save send limits</Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
    </SettingsSection>
  );
}
