import { Badge, Box, Button, Group, Menu, Paper, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconEyeOff, IconPlus } from '@tabler/icons-react';
import { FIELD_TYPE_LABELS, keyFromLabel, mapToLabel, SOURCE_LABELS, uniqueKey, type MapTarget } from '../format';
import { FIELD_TYPES, HIDDEN_SOURCES, type FieldType, type FormField, type HiddenSource } from '../types';
import { OrderControls } from '../../components/OrderControls';

interface FieldsEditorProps {
  fields: FormField[];
  onChange: (fields: FormField[]) => void;
  targets: MapTarget[];
  /** The index of the field whose settings are open. */
  open: number | null;
  onOpen: (index: number | null) => void;
  /** The server's message for `fields[index].name`. */
  errorOf: (index: number, name: string) => string | undefined;
  readOnly: boolean;
}

const NOTHING = '__none__';

/** The form's questions in order: each mapped to where its answer goes, with its settings folded out one at a time. */
export function FieldsEditor({ fields, onChange, targets, open, onOpen, errorOf, readOnly }: FieldsEditorProps) {
  const change = (index: number, next: FormField) => onChange(fields.map((field, at) => (at === index ? next : field)));
  const move = (index: number, by: number) => {
    const next = [...fields];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
    if (open === index) onOpen(index + by);
  };
  const remove = (index: number) => {
    onChange(fields.filter((_, at) => at !== index));
    if (open !== null && open >= index) onOpen(open === index ? null : open - 1);
  };
  const add = (field: Omit<FormField, 'key'> & { key?: string }) => {
    const key = uniqueKey(field.key ?? keyFromLabel(field.label), fields.map((existing) => existing.key));
    onChange([...fields, { ...field, key } as FormField]);
    onOpen(fields.length);
  };
  const used = new Set(fields.map((field) => field.mapTo));
  const free = targets.filter((target) => !used.has(target.value));

  return (
    <Stack gap="xs">
      {fields.map((field, index) => (
        <FieldRow
          key={index}
          field={field}
          index={index}
          count={fields.length}
          targets={targets}
          taken={fields.filter((_, at) => at !== index).map((other) => other.mapTo).filter((mapTo): mapTo is string => !!mapTo)}
          opened={open === index}
          onToggle={() => onOpen(open === index ? null : index)}
          onChange={(next) => change(index, next)}
          onMove={(by) => move(index, by)}
          onRemove={() => remove(index)}
          errorOf={(name) => errorOf(index, name)}
          readOnly={readOnly}
        />
      ))}
      {!readOnly && (
        <Menu position="bottom-start" width={260} shadow="md">
          <Menu.Target>
            <Button variant="light" leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />} style={{ alignSelf: 'flex-start' }}>
              Add field
            </Button>
          </Menu.Target>
          <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }}>
            {(['Contact', 'Company', 'Custom fields'] as const).map((group) => {
              const items = free.filter((target) => target.group === group);
              if (!items.length) return null;
              return (
                <Box key={group}>
                  <Menu.Label>{group}</Menu.Label>
                  {items.map((target) => (
                    <Menu.Item
                      key={target.value}
                      onClick={() => add({
                        label: target.label,
                        key: keyFromLabel(target.label),
                        type: target.type,
                        mapTo: target.value,
                        required: target.value === 'email',
                        ...(target.options ? { options: target.options } : {}),
                      })}
                    >
                      {target.label}
                    </Menu.Item>
                  ))}
                </Box>
              );
            })}
            <Menu.Divider />
            <Menu.Label>Other</Menu.Label>
            <Menu.Item onClick={() => add({ label: 'Question', type: 'text', mapTo: null })}>Question kept with the submission</Menu.Item>
            <Menu.Item leftSection={<IconEyeOff size={14} />} onClick={() => add({ label: 'Campaign', key: 'campaign', type: 'hidden', mapTo: null, source: 'utm_campaign' })}>
              Hidden field
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Stack>
  );
}

interface FieldRowProps {
  field: FormField;
  index: number;
  count: number;
  targets: MapTarget[];
  taken: string[];
  opened: boolean;
  onToggle: () => void;
  onChange: (field: FormField) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
  errorOf: (name: string) => string | undefined;
  readOnly: boolean;
}

function FieldRow({ field, index, count, targets, taken, opened, onToggle, onChange, onMove, onRemove, errorOf, readOnly }: FieldRowProps) {
  const name = field.label || `Field ${index + 1}`;
  const hasError = ['key', 'label', 'type', 'mapTo', 'options', 'required', 'source'].some((part) => errorOf(part));
  const set = (patch: Partial<FormField>) => onChange({ ...field, ...patch });
  const setType = (type: FieldType) => {
    const next: FormField = { ...field, type };
    if (type !== 'select') delete next.options;
    else next.options ??= [];
    if (type === 'hidden') {
      next.required = false;
      next.source ??= 'utm_campaign';
    } else delete next.source;
    onChange(next);
  };
  const mapOptions = [
    { group: 'Not saved to the contact', items: [{ value: NOTHING, label: 'Kept with the submission only' }] },
    ...(['Contact', 'Company', 'Custom fields'] as const).map((group) => ({
      group,
      items: targets.filter((target) => target.group === group).map((target) => ({ value: target.value, label: target.label, disabled: taken.includes(target.value) })),
    })).filter((group) => group.items.length),
  ];

  return (
    <Paper
      withBorder
      radius="md"
      role="group"
      aria-label={`Field ${name}`}
      style={{ borderColor: hasError ? 'var(--mantine-color-red-6)' : opened ? 'var(--mantine-color-indigo-4)' : undefined, overflow: 'hidden' }}
    >
      <Group gap="xs" px="sm" py={8} wrap="nowrap" bg={opened ? 'var(--mantine-color-indigo-0)' : undefined}>
        <UnstyledButton onClick={onToggle} aria-expanded={opened} aria-label={`Settings of ${name}`} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            {opened ? <IconChevronDown size={16} color="var(--mantine-color-dimmed)" /> : <IconChevronRight size={16} color="var(--mantine-color-dimmed)" />}
            <Box style={{ minWidth: 0 }}>
              <Text fz="sm" fw={600} truncate>
                {name}
                {field.required && (
                  <Text span c="red" ml={4} aria-label="required">
                    *
                  </Text>
                )}
              </Text>
              <Text fz="xs" c="dimmed" truncate>
                {field.type === 'hidden' && field.source ? `Hidden · from ${SOURCE_LABELS[field.source]}` : FIELD_TYPE_LABELS[field.type]} → {mapToLabel(field.mapTo, targets)}
              </Text>
            </Box>
          </Group>
        </UnstyledButton>
        <Badge variant="default" radius="sm" fw={500} tt="none" style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
          {field.key}
        </Badge>
        {!readOnly && (
          <OrderControls name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} canRemove={count > 1} />
        )}
      </Group>
      {opened && (
        <Box p="sm" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
            <TextInput
              label="Label"
              value={field.label}
              readOnly={readOnly}
              onChange={(event) => {
                const label = event.currentTarget.value;
                // The key follows the label until someone sets it by hand.
                const derived = field.key === keyFromLabel(field.label) || field.key === 'field';
                set({ label, ...(derived ? { key: keyFromLabel(label) } : {}) });
              }}
              error={errorOf('label')}
            />
            <TextInput
              label="Key"
              description="Its name in submissions, the CSV and plain HTML"
              value={field.key}
              readOnly={readOnly}
              onChange={(event) => set({ key: event.currentTarget.value })}
              error={errorOf('key')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Select
              label="Type"
              data={FIELD_TYPES.map((type) => ({ value: type, label: FIELD_TYPE_LABELS[type] }))}
              value={field.type}
              onChange={(value) => value && setType(value as FieldType)}
              allowDeselect={false}
              readOnly={readOnly}
              error={errorOf('type')}
            />
            <Select
              label="Saves to"
              data={mapOptions}
              value={field.mapTo ?? NOTHING}
              onChange={(value) => set({ mapTo: !value || value === NOTHING ? null : value })}
              allowDeselect={false}
              searchable
              readOnly={readOnly}
              error={errorOf('mapTo')}
            />
            {field.type === 'select' && (
              <TagsInput
                label="Options"
                description="Press Enter after each"
                value={field.options ?? []}
                onChange={(options) => set({ options })}
                readOnly={readOnly}
                error={errorOf('options')}
                style={{ gridColumn: '1 / -1' }}
              />
            )}
            {field.type === 'hidden' ? (
              <Select
                label="Filled from"
                description="Unless the page sets it (data-KEY on the form's div, or ?KEY= in the address)"
                data={HIDDEN_SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] }))}
                value={field.source ?? null}
                onChange={(value) => set({ source: (value as HiddenSource | null) ?? undefined })}
                clearable
                readOnly={readOnly}
                error={errorOf('source')}
              />
            ) : field.type !== 'checkbox' ? (
              <TextInput
                label="Placeholder"
                value={field.placeholder ?? ''}
                readOnly={readOnly}
                onChange={(event) => set({ placeholder: event.currentTarget.value || undefined })}
                error={errorOf('placeholder')}
              />
            ) : null}
          </SimpleGrid>
          {field.type !== 'hidden' && (
            <Switch
              mt="sm"
              label="Required"
              checked={!!field.required}
              disabled={readOnly}
              onChange={(event) => set({ required: event.currentTarget.checked })}
              error={errorOf('required')}
            />
          )}
        </Box>
      )}
    </Paper>
  );
}
