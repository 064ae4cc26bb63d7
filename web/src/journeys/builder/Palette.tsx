import { Box, Group, ScrollArea, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import type { NodeType } from '../types';
import { DRAG_TYPE, NODE_GROUPS, NODE_KINDS } from './nodeCatalog';
import classes from './canvas.module.css';

interface PaletteProps {
  /** Click (or Enter) adds the step below the selected one. */
  onAdd: (type: NodeType) => void;
  hasTrigger: boolean;
  disabled: boolean;
}

/** The steps a journey can have, grouped; each is dragged onto the canvas or clicked to add. */
export function Palette({ onAdd, hasTrigger, disabled }: PaletteProps) {
  return (
    <ScrollArea h="100%" type="hover" offsetScrollbars>
      <Stack gap="md" p="sm" role="group" aria-label="Steps">
        {NODE_GROUPS.map((group) => (
          <Box key={group}>
            <Text fz={11} fw={700} tt="uppercase" c="dimmed" mb={6} style={{ letterSpacing: 0.5 }}>
              {group}
            </Text>
            <Stack gap={4}>
              {NODE_KINDS.filter((kind) => kind.group === group).map((kind) => {
                const off = disabled || (kind.type === 'trigger' && hasTrigger);
                return (
                  <UnstyledButton
                    key={kind.type}
                    className={classes.paletteItem}
                    draggable={!off}
                    disabled={off}
                    aria-label={`Add ${kind.label}`}
                    title={kind.type === 'trigger' && hasTrigger ? 'A journey has one trigger' : `${kind.hint}. Drag onto the canvas, or click to add below the selected step.`}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(DRAG_TYPE, kind.type);
                      event.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={() => onAdd(kind.type)}
                    data-testid={`palette-${kind.type}`}
                  >
                    <Group gap={8} wrap="nowrap">
                      <ThemeIcon size={24} radius="md" variant="light" color={kind.color}>
                        <kind.icon size={14} stroke={1.8} />
                      </ThemeIcon>
                      <Text fz="sm" fw={500} lh={1.2} truncate>
                        {kind.label}
                      </Text>
                    </Group>
                  </UnstyledButton>
                );
              })}
            </Stack>
          </Box>
        ))}
      </Stack>
    </ScrollArea>
  );
}
