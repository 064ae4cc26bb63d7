import { Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { fieldError, formError } from '../api/client';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useLifecycleSettings, useRejectLead } from './api';
import type { Lead, RejectOutcome } from './types';

const OTHER = 'other';

/** A rejection says why (a note for "Other") and whether the contact goes back to nurturing or out. */
export function RejectLeadModal({ lead, opened, onClose }: { lead: Lead; opened: boolean; onClose: () => void }) {
  const settings = useLifecycleSettings();
  const reject = useRejectLead(lead.id);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<RejectOutcome>('recycle');
  const [missing, setMissing] = useState<'reason' | 'note' | null>(null);

  useEffect(() => {
    if (!opened) return;
    setReason(null);
    setNote('');
    setOutcome('recycle');
    setMissing(null);
    reject.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return setMissing('reason');
    if (reason === OTHER && !note.trim()) return setMissing('note');
    reject.mutate(
      { reason, note: note.trim() || null, outcome },
      {
        onSuccess: (answered) => {
          const label = settings.data?.rejectReasons.find((candidate) => candidate.key === reason)?.label ?? reason;
          notifications.show({
            color: 'orange',
            title: answered.status === 'recycled' ? 'Lead recycled' : 'Lead disqualified',
            message: `${answered.contact.name}: ${label}.`,
          });
          onClose();
        },
      },
    );
  };

  const reasonError = missing === 'reason' ? 'Choose why you reject this lead' : fieldError(reject.error, 'reason');
  const noteError = missing === 'note' ? 'Say why in a few words: "Other" needs a note' : fieldError(reject.error, 'note');

  return (
    <Modal opened={opened} onClose={onClose} title={`Reject ${lead.contact.name}`} size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text fz="sm" c="dimmed">
            Marketing sees every rejection reason, so the lead definition can get better.
          </Text>
          <FormErrorAlert message={formError(reject.error, ['reason', 'note'])} />
          <Select
            label="Reason"
            placeholder={settings.isPending ? 'Loading reasons…' : 'Choose a reason'}
            data={(settings.data?.rejectReasons ?? []).map((candidate) => ({ value: candidate.key, label: candidate.label }))}
            value={reason}
            onChange={(value) => {
              setReason(value);
              setMissing(null);
            }}
            error={reasonError}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <Textarea
            label={reason === OTHER ? 'Note' : 'Note (optional)'}
            placeholder={reason === OTHER ? 'Why, in a few words' : 'e.g. Budget opens next fiscal year'}
            value={note}
            onChange={(event) => {
              setNote(event.currentTarget.value);
              setMissing(null);
            }}
            error={noteError}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={2000}
          />
          <Radio.Group label="What happens to the contact" value={outcome} onChange={(value) => setOutcome(value as RejectOutcome)}>
            <Stack gap="xs" mt={6}>
              <Radio
                value="recycle"
                label="Recycle to nurturing"
                description="Back to the Lead stage; marketing nurtures and it can qualify again after 30 days."
              />
              <Radio value="disqualify" label="Disqualify" description="Closed for good: the contact stays where it is and is not handed over again." />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={reject.isPending}>
              Reject lead
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
