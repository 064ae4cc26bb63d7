import { Button, Collapse, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent, IconMail, IconNote, IconPhone, type Icon } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../api/client';
import type { ActivityKind } from '../types';
import { FormErrorAlert } from './FormErrorAlert';
import { useCreateActivity, type RecordSubject } from './queries';

interface KindInfo {
  /** The button that opens the composer for this kind. */
  open: string;
  /** The submit button. */
  save: string;
  /** What the body is called. */
  body: string;
  icon: Icon;
  outcomes?: string[];
  duration?: boolean;
}

const KINDS: Record<ActivityKind, KindInfo> = {
  note: { open: 'Add note', save: 'Save note', body: 'Note', icon: IconNote },
  call: {
    open: 'Log call', save: 'Save call', body: 'Call notes', icon: IconPhone, duration: true,
    outcomes: ['Connected', 'Left voicemail', 'No answer', 'Busy', 'Wrong number'],
  },
  meeting: {
    open: 'Log meeting', save: 'Save meeting', body: 'Meeting notes', icon: IconCalendarEvent, duration: true,
    outcomes: ['Completed', 'Rescheduled', 'No show', 'Cancelled'],
  },
  email: { open: 'Log email', save: 'Save email', body: 'Email body', icon: IconMail },
};

const ORDER: ActivityKind[] = ['note', 'call', 'meeting', 'email'];
const FIELDS = ['subject', 'body', 'occurredAt', 'durationMinutes', 'outcome'] as const;

/** "2026-11-22T14:05" in local time, the value format of a datetime-local input. */
function localNow(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

interface ActivityComposerProps extends RecordSubject {
  /** Which kinds to offer; all four by default. */
  kinds?: ActivityKind[];
  onLogged?: () => void;
}

/** Log a note, call, meeting or email against a contact, company and/or deal; it lands on their timelines. */
export function ActivityComposer({ contactId, companyId, dealId, kinds = ORDER, onLogged }: ActivityComposerProps) {
  const [kind, setKind] = useState<ActivityKind | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  // Untouched, "When" means now: the server stamps the exact time, so the entry tops the timeline.
  const [occurredAt, setOccurredAt] = useState<string | null>(null);
  const [duration, setDuration] = useState<number | string>('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const create = useCreateActivity();

  const reset = () => {
    setSubject('');
    setBody('');
    setOccurredAt(null);
    setDuration('');
    setOutcome(null);
    create.reset();
  };
  const openKind = (next: ActivityKind) => {
    if (next !== kind) {
      reset();
      setKind(next);
    } else {
      setKind(null);
    }
  };
  const close = () => {
    reset();
    setKind(null);
  };

  const info = kind ? KINDS[kind] : null;
  const canSave = kind === 'note' ? body.trim() !== '' : subject.trim() !== '' || body.trim() !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!kind || !info || !canSave) return;
    const when = occurredAt ? new Date(occurredAt) : null;
    create.mutate(
      {
        kind,
        contactId: contactId ?? undefined,
        companyId: companyId ?? undefined,
        dealId: dealId ?? undefined,
        subject: subject.trim() || null,
        body: body.trim() || null,
        occurredAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : undefined,
        durationMinutes: info.duration && typeof duration === 'number' ? duration : null,
        outcome: info.outcomes ? outcome : null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `${kind.charAt(0).toUpperCase()}${kind.slice(1)} logged.` });
          close();
          onLogged?.();
        },
      },
    );
  };

  const message = formError(create.error, FIELDS);

  return (
    <Paper withBorder radius="md" p="sm">
      <Group gap="xs">
        {kinds.map((k) => {
          const item = KINDS[k];
          return (
            <Button
              key={k}
              size="xs"
              variant={kind === k ? 'light' : 'default'}
              leftSection={<item.icon size={15} />}
              onClick={() => openKind(k)}
              aria-expanded={kind === k}
            >
              {item.open}
            </Button>
          );
        })}
      </Group>
      <Collapse expanded={kind !== null}>
        {info && (
          <form onSubmit={submit} noValidate aria-label={info.open}>
            <Stack gap="sm" mt="sm">
              <FormErrorAlert message={message} />
              <TextInput
                label="Subject"
                placeholder={kind === 'call' ? 'e.g. Discovery call' : kind === 'meeting' ? 'e.g. Quarterly review' : undefined}
                value={subject}
                maxLength={300}
                error={fieldError(create.error, 'subject')}
                onChange={(event) => setSubject(event.currentTarget.value)}
                data-autofocus
              />
              <Textarea
                label={info.body}
                autosize
                minRows={3}
                maxRows={10}
                value={body}
                error={fieldError(create.error, 'body')}
                onChange={(event) => setBody(event.currentTarget.value)}
              />
              <SimpleGrid cols={{ base: 1, xs: info.duration ? 3 : 1 }} spacing="sm">
                <TextInput
                  label="When"
                  type="datetime-local"
                  value={occurredAt ?? localNow()}
                  error={fieldError(create.error, 'occurredAt')}
                  onChange={(event) => setOccurredAt(event.currentTarget.value)}
                />
                {info.duration && (
                  <NumberInput
                    label="Duration (minutes)"
                    min={0}
                    max={1440}
                    allowDecimal={false}
                    value={duration}
                    error={fieldError(create.error, 'durationMinutes')}
                    onChange={setDuration}
                  />
                )}
                {info.outcomes && (
                  <Select
                    label="Outcome"
                    data={info.outcomes}
                    value={outcome}
                    clearable
                    error={fieldError(create.error, 'outcome')}
                    onChange={setOutcome}
                    comboboxProps={{ withinPortal: true }}
                  />
                )}
              </SimpleGrid>
              <Group justify="flex-end" gap="sm">
                <Button variant="default" size="xs" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" size="xs" loading={create.isPending} disabled={!canSave}>
                  {info.save}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Collapse>
    </Paper>
  );
}
