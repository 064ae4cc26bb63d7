import { ActionIcon, Badge, Box, Button, Group, Indicator, NumberInput, Progress, SimpleGrid, Stack, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowsSplit, IconCopy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { evenWeights, MAX_VARIANTS, nextKey } from '../format';
import type { Variant } from '../types';

const COLORS = ['indigo', 'teal', 'orange', 'grape', 'cyan'];
export const variantColor = (index: number) => COLORS[index % COLORS.length]!;

interface VariantsEditorProps {
  variants: Variant[];
  onChange: (variants: Variant[]) => void;
  selected: number;
  onSelect: (index: number) => void;
  /** The server's message for `variants[index].field`. */
  errorOf: (index: number, field: string) => string | undefined;
  /** Variants with an error somewhere inside (their tab is marked). */
  faulty: (index: number) => boolean;
  /** The server's message about the split (`variants`). */
  splitError: string | undefined;
  readOnly: boolean;
}

/**
 * The page's A/B variants as tabs: add one (a copy of the one shown), rename, remove; and the
 * traffic split between them, which must add up to 100.
 */
export function VariantsEditor({ variants, onChange, selected, onSelect, errorOf, faulty, splitError, readOnly }: VariantsEditorProps) {
  const [removing, setRemoving] = useState<number | null>(null);
  const current = variants[selected] ?? variants[0]!;
  const total = variants.reduce((sum, variant) => sum + (Number.isFinite(variant.weight) ? variant.weight : 0), 0);
  const even = evenWeights(variants.length);
  const isEven = variants.every((variant, index) => variant.weight === even[index]);

  const set = (index: number, patch: Partial<Variant>) => onChange(variants.map((variant, at) => (at === index ? { ...variant, ...patch } : variant)));
  const split = (list: Variant[]) => {
    const weights = evenWeights(list.length);
    return list.map((variant, index) => ({ ...variant, weight: weights[index]! }));
  };

  const add = () => {
    const key = nextKey(variants);
    // A copy of the variant on screen, so a test changes one thing (the headline, the image…).
    const copy: Variant = { key, name: `Variant ${key}`, weight: 0, blocks: structuredClone(current.blocks) };
    onChange(split([...variants, copy]));
    onSelect(variants.length);
  };

  const remove = (index: number) => {
    const rest = variants.filter((_, at) => at !== index);
    // An even split stays even; otherwise the control takes the removed share, so the total stays 100.
    onChange(isEven ? split(rest) : rest.map((variant, at) => (at === 0 ? { ...variant, weight: variant.weight + variants[index]!.weight } : variant)));
    onSelect(Math.max(0, index - 1));
    setRemoving(null);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap" align="flex-end">
        <Tabs value={String(selected)} onChange={(value) => value !== null && onSelect(Number(value))} variant="pills" radius="md">
          <Tabs.List aria-label="Variants">
            {variants.map((variant, index) => (
              <Tabs.Tab key={variant.key} value={String(index)} aria-label={`Variant ${variant.key}`}>
                <Indicator color="red" size={8} disabled={!faulty(index)} offset={-4}>
                  <Group gap={6} wrap="nowrap">
                    <Badge size="sm" radius="sm" variant={index === selected ? 'white' : 'light'} color={variantColor(index)}>
                      {variant.key}
                    </Badge>
                    <Text fz="sm" maw={130} truncate inherit>
                      {variant.name || `Variant ${variant.key}`}
                    </Text>
                  </Group>
                </Indicator>
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {!readOnly && (
          <Tooltip label={variants.length >= MAX_VARIANTS ? `A page has at most ${MAX_VARIANTS} variants` : `A copy of ${current.key} to change and test against it`} withArrow>
            <Button variant="light" size="sm" leftSection={<IconCopy size={15} />} onClick={add} disabled={variants.length >= MAX_VARIANTS} style={{ flexShrink: 0 }}>
              Add variant
            </Button>
          </Tooltip>
        )}
      </Group>

      <Group gap="sm" align="flex-start" wrap="nowrap">
        <TextInput
          label={`Name of variant ${current.key}`}
          value={current.name}
          onChange={(event) => set(selected, { name: event.currentTarget.value })}
          readOnly={readOnly}
          error={errorOf(selected, 'name') ?? errorOf(selected, 'key')}
          style={{ flex: 1 }}
          description={selected === 0 ? 'The control: the other variants are compared with it' : `Compared with ${variants[0]!.key}, the control`}
        />
        {!readOnly && variants.length > 1 && (
          <Tooltip label={`Remove variant ${current.key}`} withArrow>
            <ActionIcon variant="default" size="lg" mt={44} color="red" onClick={() => setRemoving(selected)} aria-label={`Remove variant ${current.key}`}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>

      {variants.length > 1 && (
        <Box role="group" aria-label="Traffic split">
          <Group justify="space-between" mb={6}>
            <Text fz="sm" fw={600}>
              Traffic split
            </Text>
            <Group gap="sm">
              <Text fz="sm" fw={600} c={total === 100 ? 'teal.7' : 'red.7'} aria-label="Split total">
                Total {total}%{total !== 100 && ` (must be 100%)`}
              </Text>
              {!readOnly && (
                <Button variant="subtle" size="compact-sm" leftSection={<IconArrowsSplit size={14} />} onClick={() => onChange(split(variants))} disabled={isEven}>
                  Split evenly
                </Button>
              )}
            </Group>
          </Group>
          <Progress.Root size={10} mb="sm" aria-hidden>
            {variants.map((variant, index) => (
              <Progress.Section key={variant.key} value={total > 0 ? (Math.max(0, variant.weight || 0) / Math.max(total, 100)) * 100 : 0} color={variantColor(index)} />
            ))}
          </Progress.Root>
          <SimpleGrid cols={{ base: 2, sm: Math.min(variants.length, 5) }} spacing="sm">
            {variants.map((variant, index) => (
              <NumberInput
                key={variant.key}
                label={
                  <Group gap={4} wrap="nowrap" component="span">
                    <Badge size="xs" radius="sm" variant="light" color={variantColor(index)} component="span">
                      {variant.key}
                    </Badge>
                    {index === 0 && (
                      <Text span fz="xs" c="dimmed">
                        control
                      </Text>
                    )}
                  </Group>
                }
                aria-label={`Traffic to ${variant.key}`}
                value={variant.weight}
                onChange={(value) => set(index, { weight: typeof value === 'number' ? value : 0 })}
                min={0}
                max={100}
                allowDecimal={false}
                allowNegative={false}
                suffix="%"
                readOnly={readOnly}
                error={errorOf(index, 'weight') ?? (splitError ? true : undefined)}
              />
            ))}
          </SimpleGrid>
          {splitError && (
            <Text fz="sm" c="red.7" mt={6} role="alert">
              {splitError}
            </Text>
          )}
          <Text fz="xs" c="dimmed" mt={6}>
            Each new visitor is shown one variant, drawn by these shares, and keeps seeing it when they come back.
          </Text>
        </Box>
      )}

      <ConfirmDialog
        opened={removing !== null}
        title={`Remove variant ${removing !== null ? variants[removing]?.key : ''}?`}
        confirmLabel="Remove variant"
        onConfirm={() => removing !== null && remove(removing)}
        onCancel={() => setRemoving(null)}
      >
        {removing === 0 && variants[1]
          ? `Variant ${variants[1].key} becomes the control. `
          : ''}
        Its blocks go with it, and once saved its results no longer show; visitors who saw it are shown another variant. Its traffic goes to{' '}
        {isEven ? 'the others, split evenly' : 'the control'}.
      </ConfirmDialog>
    </Stack>
  );
}
