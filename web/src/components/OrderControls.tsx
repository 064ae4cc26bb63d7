import { ActionIcon, Group, type GroupProps, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';

interface OrderControlsProps extends Omit<GroupProps, 'children'> {
  /** What the item is called in the buttons' accessible names: "Move rule 2 up". */
  name: string;
  index: number;
  count: number;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
  /** The remove button's tooltip (default "Remove"). */
  removeLabel?: string;
  /** False keeps the last item of a list that must not be empty. */
  canRemove?: boolean;
}

/** Move up, move down and remove for one item of an ordered list (fields, blocks, rules). */
export function OrderControls({ name, index, count, onMove, onRemove, removeLabel = 'Remove', canRemove = true, ...group }: OrderControlsProps) {
  return (
    <Group gap={2} wrap="nowrap" {...group}>
      <Tooltip label="Move up">
        <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${name} up`}>
          <IconArrowUp size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Move down">
        <ActionIcon variant="subtle" color="gray" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${name} down`}>
          <IconArrowDown size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={removeLabel}>
        <ActionIcon variant="subtle" color="red" disabled={!canRemove} onClick={onRemove} aria-label={`Remove ${name}`}>
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
