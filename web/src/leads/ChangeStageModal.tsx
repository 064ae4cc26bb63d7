import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { fieldError, formError } from '../api/client';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useSetLifecycleStage } from './api';
import type { StageSetting } from './types';

/** The funnel's order; "other" stands outside it. */
const FUNNEL = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'evangelist'];

/** Moving back a stage: the server wants a reason, and so does this form. */
export function isBackward(from: string, to: string): boolean {
  return FUNNEL.indexOf(to) < FUNNEL.indexOf(from);
}

interface ChangeStageModalProps {
  contactId: string;
  current: string;
  stages: StageSetting[];
  opened: boolean;
  onClose: () => void;
}

export function ChangeStageModal({ contactId, current, stages, opened, onClose }: ChangeStageModalProps) {
  const setStage = useSetLifecycleStage(contactId);
  const [stage, setStageValue] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<'stage' | 'reason' | null>(null);

  useEffect(() => {
    if (!opened) return;
    setStageValue(null);
    setReason('');
    setMissing(null);
    setStage.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const back = stage !== null && isBackward(current, stage);
  const options = [
    ...stages.filter((candidate) => candidate.enabled && candidate.key !== current).map((candidate) => ({ value: candidate.key, label: candidate.label })),
    ...(current !== 'other' ? [{ value: 'other', label: 'Other' }] : []),
  ];
  const currentLabel = stages.find((candidate) => candidate.key === current)?.label ?? current;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!stage) return setMissing('stage');
    if (back && !reason.trim()) return setMissing('reason');
    setStage.mutate(
      { stage, reason: reason.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Moved to ${options.find((option) => option.value === stage)?.label ?? stage}.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Change lifecycle stage" size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text fz="sm" c="dimmed">
            Now: <b>{currentLabel}</b>. The change is kept in the stage history with your name and reason.
          </Text>
          <FormErrorAlert message={formError(setStage.error, ['stage', 'reason'])} />
          <Select
            label="New stage"
            placeholder="Choose a stage"
            data={options}
            value={stage}
            onChange={(value) => {
              setStageValue(value);
              setMissing(null);
            }}
            error={missing === 'stage' ? 'Choose a stage' : fieldError(setStage.error, 'stage')}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <Textarea
            label={back ? 'Reason' : 'Reason (optional)'}
            description={back ? 'Moving a contact back a stage needs a reason.' : undefined}
            placeholder={back ? 'e.g. Not ready to buy after all' : 'Why the stage changes'}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(null);
            }}
            error={missing === 'reason' ? 'Say why the contact moves back' : fieldError(setStage.error, 'reason')}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={1000}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={setStage.isPending}>
              Change stage
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
