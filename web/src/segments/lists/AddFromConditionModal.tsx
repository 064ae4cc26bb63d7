import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import { usePreview, useAddListMembersFromDefinition } from '../api';
import { DefinitionBuilder, definitionIssues } from '../builder/DefinitionBuilder';
import { emptyDraft, toDefinition, type DraftGroup } from '../builder/draft';
import { matchText } from '../builder/PreviewPanel';
import { contactCount } from '../labels';
import type { List } from '../types';

interface AddFromConditionModalProps {
  list: List;
  opened: boolean;
  onClose: () => void;
}

/** Adds everyone who matches a condition now, once: the list does not follow the condition later. */
export function AddFromConditionModal({ list, opened, onClose }: AddFromConditionModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Add contacts to ${list.name} by condition`} size={960}>
      <AddFromCondition list={list} onClose={onClose} />
    </Modal>
  );
}

function AddFromCondition({ list, onClose }: Omit<AddFromConditionModalProps, 'opened'>) {
  const [draft, setDraft] = useState<DraftGroup>(emptyDraft);
  const definition = useMemo(() => toDefinition(draft), [draft]);
  // Nothing chosen yet would count every contact: no count (and no adding) until a condition is.
  const chosen = (definition.match.type === 'and' || definition.match.type === 'or') && definition.match.conditions.length > 0;
  const preview = usePreview(definition, chosen);
  const add = useAddListMembersFromDefinition(list.id);
  const issues = [...definitionIssues(add.error, 'error'), ...definitionIssues(preview.error, 'warning')];

  const submit = () =>
    add.mutate(definition, {
      onSuccess: ({ added }) => {
        notifications.show({ color: 'green', message: `Added ${contactCount(added)} to ${list.name}.` });
        onClose();
      },
    });

  return (
    <Stack>
      <Text fz="sm" c="dimmed">
        Everyone who matches now is added once; who matches later is not. For members that follow the condition, make a segment instead.
      </Text>
      {add.error && !isApiError(add.error, 400) && (
        <Alert color="red" role="alert">
          {errorMessage(add.error)}
        </Alert>
      )}
      <DefinitionBuilder draft={draft} onChange={setDraft} issues={issues} />
      <Group justify="space-between">
        <Text role="status" aria-label="Live count" fz="sm" fw={600} c={preview.isFetching || preview.isError ? 'dimmed' : undefined}>
          {!chosen ? 'Choose a condition' : preview.data ? matchText(preview.data.count) : preview.isError ? 'Not counted yet' : 'Counting…'}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={add.isPending} disabled={!chosen || preview.isError}>
            {preview.data && chosen ? `Add ${contactCount(preview.data.count)}` : 'Add contacts'}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
