import { Alert, Button, Group, Modal, Paper, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTag, IconTagOff, IconTrash, IconUserCheck, IconStairsUp } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LIFECYCLE_STAGES } from '../types';
import { LIFECYCLE_LABELS } from './fields';
import { OwnerSelect } from './OwnerSelect';
import { useBulkAction, type BulkAction, type RecordResource } from './records';

type Dialog = 'addTags' | 'removeTags' | 'assignOwner' | 'setLifecycleStage' | 'delete' | null;

interface BulkActionBarProps {
  resource: RecordResource;
  ids: string[];
  /** "contact" or "company", for messages. */
  noun: string;
  onDone: () => void;
}

const STAGE_OPTIONS = LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: LIFECYCLE_LABELS[stage] }));

/** Actions on the selected rows: tag, untag, assign an owner, set the stage (contacts), delete. */
export function BulkActionBar({ resource, ids, noun, onDone }: BulkActionBarProps) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const bulk = useBulkAction(resource);
  const count = `${ids.length} ${ids.length === 1 ? noun : plural(noun)}`;

  const open = (next: Dialog) => {
    bulk.reset();
    setTags([]);
    setOwnerId(null);
    setStage(null);
    setDialog(next);
  };
  const close = () => setDialog(null);

  const run = (change: BulkAction, done: (changed: number) => string) => {
    bulk.mutate(
      { ids, change },
      {
        onSuccess: ({ changed }) => {
          notifications.show({ color: 'green', message: done(changed) });
          close();
          onDone();
        },
        onError: (error) => {
          if (change.action === 'delete') {
            notifications.show({ color: 'red', title: 'Could not delete', message: errorMessage(error) });
            close();
          }
        },
      },
    );
  };
  const changedText = (changed: number) => `${changed} ${changed === 1 ? noun : plural(noun)}`;

  return (
    <Paper withBorder radius="md" px="sm" py={6} bg="indigo.0" role="region" aria-label="Bulk actions">
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <Text fz="sm" fw={600} mr="xs">
            {count} selected
          </Text>
          <Button size="xs" variant="default" leftSection={<IconTag size={14} />} onClick={() => open('addTags')}>
            Add tag
          </Button>
          <Button size="xs" variant="default" leftSection={<IconTagOff size={14} />} onClick={() => open('removeTags')}>
            Remove tag
          </Button>
          <Button size="xs" variant="default" leftSection={<IconUserCheck size={14} />} onClick={() => open('assignOwner')}>
            Assign owner
          </Button>
          {resource === 'contacts' && (
            <Button size="xs" variant="default" leftSection={<IconStairsUp size={14} />} onClick={() => open('setLifecycleStage')}>
              Set lifecycle stage
            </Button>
          )}
          <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={() => open('delete')}>
            Delete
          </Button>
        </Group>
        <Button size="xs" variant="subtle" onClick={onDone}>
          Clear selection
        </Button>
      </Group>

      <Modal opened={dialog === 'addTags' || dialog === 'removeTags'} onClose={close} title={dialog === 'addTags' ? `Add tags to ${count}` : `Remove tags from ${count}`}>
        <Stack>
          {bulk.error && <Alert color="red" role="alert">{errorMessage(bulk.error)}</Alert>}
          <TagsInput
            label="Tags"
            description="Type a tag and press Enter; add several at once."
            value={tags}
            onChange={setTags}
            data-autofocus
            clearable
            acceptValueOnBlur
            splitChars={[',']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button
              disabled={tags.length === 0}
              loading={bulk.isPending}
              onClick={() =>
                dialog === 'addTags'
                  ? run({ action: 'addTags', tags }, (n) => `Tagged ${changedText(n)}.`)
                  : run({ action: 'removeTags', tags }, (n) => `Removed the tag from ${changedText(n)}.`)
              }
            >
              {dialog === 'addTags' ? 'Add tags' : 'Remove tags'}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'assignOwner'} onClose={close} title={`Assign an owner to ${count}`}>
        <Stack>
          {bulk.error && <Alert color="red" role="alert">{errorMessage(bulk.error)}</Alert>}
          <OwnerSelect label="New owner" value={ownerId} onChange={setOwnerId} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button loading={bulk.isPending} onClick={() => run({ action: 'assignOwner', ownerId }, (n) => `Assigned ${changedText(n)}.`)}>
              Assign owner
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'setLifecycleStage'} onClose={close} title={`Set the lifecycle stage of ${count}`}>
        <Stack>
          {bulk.error && <Alert color="red" role="alert">{errorMessage(bulk.error)}</Alert>}
          <Select
            label="Lifecycle stage"
            data={STAGE_OPTIONS}
            value={stage}
            onChange={setStage}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button
              disabled={!stage}
              loading={bulk.isPending}
              onClick={() => stage && run({ action: 'setLifecycleStage', lifecycleStage: stage }, (n) => `Updated ${changedText(n)}.`)}
            >
              Set stage
            </Button>
          </Group>
        </Stack>
      </Modal>

      <ConfirmDialog
        opened={dialog === 'delete'}
        title={`Delete ${count}`}
        confirmLabel={`Delete ${count}`}
        loading={bulk.isPending}
        onConfirm={() => run({ action: 'delete' }, (n) => `Deleted ${changedText(n)}.`)}
        onCancel={close}
      >
        Delete {count}? Their profiles are removed for everyone in the workspace. This cannot be undone.
      </ConfirmDialog>
    </Paper>
  );
}

export function plural(noun: string): string {
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}
