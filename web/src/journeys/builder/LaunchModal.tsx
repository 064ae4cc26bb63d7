import { Alert, Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSegments } from '../../segments/api';
import type { LaunchInput } from '../types';

interface LaunchModalProps {
  opened: boolean;
  onClose: () => void;
  /** Publishing the next version of a live or paused journey, rather than a first launch. */
  publishing: boolean;
  nextVersion: number;
  /** Step ids kept from the live version: contacts there can move to the new version. */
  keptSteps: string[];
  loading: boolean;
  error: string | null;
  onLaunch: (input: LaunchInput) => void;
}

/** Confirms a launch: optionally enrols a segment now, or moves contacts in flight to the new version. */
export function LaunchModal({ opened, onClose, publishing, nextVersion, keptSteps, loading, error, onLaunch }: LaunchModalProps) {
  const segments = useSegments();
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [migrate, setMigrate] = useState<'stay' | 'move'>('stay');
  return (
    <Modal opened={opened} onClose={onClose} title={publishing ? `Publish version ${nextVersion}` : 'Launch journey'} size="md">
      <Stack gap="md">
        <Text fz="sm">
          {publishing
            ? `The draft becomes version ${nextVersion}. New contacts enter it at once.`
            : 'The journey goes live: its trigger starts enrolling contacts, and steps run as they fall due.'}
        </Text>
        {publishing ? (
          <Radio.Group label="Contacts already in flight" value={migrate} onChange={(value) => setMigrate(value as 'stay' | 'move')}>
            <Stack gap={8} mt={6}>
              <Radio value="stay" label="Finish on the version they entered" />
              <Radio value="move" label={`Move to version ${nextVersion} at the same step (${keptSteps.length} steps kept)`} disabled={keptSteps.length === 0} />
            </Stack>
          </Radio.Group>
        ) : (
          <Select
            label="Also enrol a segment now"
            description="Its current members enter at once, besides those the trigger brings"
            placeholder="No one now"
            data={(segments.data ?? []).map((segment) => ({ value: segment.id, label: `${segment.name} (${segment.memberCount})` }))}
            value={segmentId}
            onChange={setSegmentId}
            clearable
            searchable
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {error && (
          <Alert color="red" variant="light" title="Not launched">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="teal"
            loading={loading}
            onClick={() =>
              onLaunch(
                publishing
                  ? migrate === 'move'
                    ? { migrate: { mode: 'map', mapping: Object.fromEntries(keptSteps.map((id) => [id, id])) } }
                    : {}
                  : segmentId
                    ? { enrolSegmentId: segmentId }
                    : {},
              )
            }
          >
            {publishing ? 'Publish' : 'Launch now'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
