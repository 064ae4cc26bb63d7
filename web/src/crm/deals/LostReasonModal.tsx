import { Alert, Button, Chip, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';

const COMMON_REASONS = ['Price', 'Lost to a competitor', 'No budget', 'No decision', 'Bad timing', 'Went silent'];

interface LostReasonModalProps {
  /** The deal being lost, or null when the modal is closed. */
  dealName: string | null;
  stageName: string;
  loading?: boolean;
  /** The server's message when it refused the move. */
  error?: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

/** A lost deal must say why, so sales and marketing can learn from it. */
export function LostReasonModal({ dealName, stageName, loading, error, onCancel, onConfirm }: LostReasonModalProps) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (dealName !== null) {
      setReason('');
      setMissing(false);
    }
  }, [dealName]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    onConfirm(reason.trim());
  };

  return (
    <Modal opened={dealName !== null} onClose={onCancel} title="Why was this deal lost?" size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text fz="sm" c="dimmed">
            Moving <b>{dealName}</b> to {stageName} closes it as lost. The reason is kept on the deal and in the reports.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Chip.Group
            value={COMMON_REASONS.includes(reason) ? reason : null}
            onChange={(value) => {
              setReason(typeof value === 'string' ? value : '');
              setMissing(false);
            }}
          >
            <Group gap={6}>
              {COMMON_REASONS.map((common) => (
                <Chip key={common} value={common} size="xs" variant="outline">
                  {common}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Textarea
            label="Reason lost"
            placeholder="e.g. Chose a competitor with a lower price"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={1000}
            data-autofocus
            value={reason}
            error={missing ? 'Say why the deal was lost before you close it.' : undefined}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(false);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={loading}>
              Mark as lost
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
